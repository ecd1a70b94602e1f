"""The one door for making and revoking API tokens; both go into the audit record."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.api.models import ApiToken
from rangwan.audit.services import record

TOKEN_PREFIX = "rwn_"  # noqa: S105 - a fixed marker, not a secret
# Shown in lists so a token can be recognised: the scheme and 8 characters of the secret.
VISIBLE = len(TOKEN_PREFIX) + 8


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def create_token(
    *, user, name: str, actor, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with the secret, which is never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name that says what it is for.")})
    if not user.is_active:
        raise ValidationError({"user": _("This account is inactive: its token would not work.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry must be in the future.")})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        prefix=secret[:VISIBLE],
        digest=token_digest(secret),
        created_by=actor,
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    record(
        actor=actor,
        action="api_token.create",
        obj=token,
        after={
            "user": user.pk,
            "name": name,
            "prefix": token.prefix,
            "expires_at": expires_at,
        },
    )
    return token, secret


@transaction.atomic
def revoke_token(*, token: ApiToken, actor) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.is_revoked:
        raise ValidationError(_("This token was already revoked."))
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.full_clean()
    token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    record(
        actor=actor,
        action="api_token.revoke",
        obj=token,
        before={"revoked_at": None},
        after={"revoked_at": token.revoked_at},
    )
    return token
