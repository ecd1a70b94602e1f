"""`Authorization: Bearer <token>`: the token's account, if the token is usable."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja.security import HttpBearer

from rangwan.api.models import ApiToken
from rangwan.api.services import TOKEN_PREFIX, token_digest

# last_used_at is for the secretariat's list, not a log: one write a minute is plenty.
LAST_USED_EVERY = dt.timedelta(minutes=1)
LONGEST_TOKEN = 100


def user_for_token(secret: str):
    """The active account a usable (unrevoked, unexpired) token belongs to, else None."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > LONGEST_TOKEN:
        return None
    token = (
        ApiToken.objects.usable().select_related("user").filter(digest=token_digest(secret)).first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        return user_for_token(token)
