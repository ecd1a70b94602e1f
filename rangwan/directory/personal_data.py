"""Everything Rangwan holds on one person, as JSON (the PDPA's right of access), and
what each app must do when a person is erased.

A person's data sits in apps above the directory (nominations, certificates, results),
which the directory may not import. Each of those apps registers a `Holder` from its
AppConfig.ready(): what it exports, the audit entries it holds about the person, why
erasure must wait, and which of its files go on erasure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q

from rangwan.audit.models import AuditEntry
from rangwan.directory.models import Person

ENCODER = DjangoJSONEncoder


@dataclass(frozen=True)
class Holder:
    """What one app holds on a person."""

    # Sections of the export, e.g. {"certificates": [...]}.
    export: Callable[[Person], dict[str, list[dict[str, Any]]]] | None = None
    # The audit entries about the app's objects of this person.
    audit_about: Callable[[Person], Q] | None = None
    # Why the person may not be erased yet (at `now`), or None.
    retention: Callable[[Person, dt.datetime], str | None] | None = None
    # Called inside the erasure's transaction: removes the app's copies of the person's
    # files (once the transaction commits) and returns how many go.
    erase_files: Callable[[Person], int] | None = None


_HOLDERS: list[Holder] = []


def register(holder: Holder) -> None:
    if holder not in _HOLDERS:
        _HOLDERS.append(holder)


def holders() -> list[Holder]:
    return list(_HOLDERS)


def _audit(entries) -> list[dict[str, Any]]:
    return [
        {
            "id": entry.pk,
            "time": entry.created_at,
            "actor": entry.actor_id,
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "object": entry.object_repr,
            "before": entry.before,
            "after": entry.after,
            "hash": entry.hash,
        }
        for entry in entries
    ]


def export_person(person: Person) -> dict[str, Any]:
    about = Q(object_type="directory.person", object_id=str(person.pk)) | Q(
        object_repr__contains=f"{person.first_name} {person.last_name}"
    )
    data: dict[str, Any] = {
        "person": {
            "id": person.pk,
            "title": person.title,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "position": person.position,
            "office": str(person.office) if person.office else "",
            "phone": person.phone,
            "email": person.email,
            "created": person.created_at,
            "modified": person.updated_at,
        }
    }
    for holder in _HOLDERS:
        if holder.export:
            data.update(holder.export(person))
        if holder.audit_about:
            about |= holder.audit_about(person)
    data["audit_entries"] = _audit(AuditEntry.objects.filter(about).order_by("id"))
    return data


def export_user(user) -> dict[str, Any]:
    return {
        "user": {
            "id": user.pk,
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "role": user.role,
            "district": str(user.district) if user.district_id else "",
            "last_login": user.last_login,
            "date_joined": user.date_joined,
        },
        "audit_entries_as_actor": _audit(AuditEntry.objects.filter(actor=user).order_by("id")),
        "audit_entries_about": _audit(
            AuditEntry.objects.filter(
                object_type=user._meta.label_lower, object_id=str(user.pk)
            ).order_by("id")
        ),
    }
