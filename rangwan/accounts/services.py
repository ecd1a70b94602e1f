"""Writes to accounts. The Django admin keeps its own audited forms; these are for
accounts created in bulk (`manage.py import_users`)."""

from __future__ import annotations

from django.db import transaction

from rangwan.accounts.models import User
from rangwan.audit.services import record, snapshot

# What an audit entry keeps of an account: never the password hash.
AUDITED_FIELDS = [
    "username",
    "title",
    "first_name",
    "last_name",
    "email",
    "role",
    "district",
    "position",
    "phone",
    "is_active",
]


@transaction.atomic
def create_account(
    *,
    actor,
    username: str,
    role: str,
    password: str,
    district=None,
    title: str = "",
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    position: str = "",
    phone: str = "",
) -> User:
    """A new active account with the given password; never staff or superuser."""
    user = User(
        username=username,
        role=role,
        district=district,
        title=title,
        first_name=first_name,
        last_name=last_name,
        email=email,
        position=position,
        phone=phone,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    record(actor=actor, action="user.create", obj=user, after=snapshot(user, fields=AUDITED_FIELDS))
    return user
