"""Everything Rangwan holds on one person, as JSON (the PDPA's right of access)."""

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q

from rangwan.audit.models import AuditEntry
from rangwan.directory.models import Person
from rangwan.honours.models import Certificate
from rangwan.nominations.models import DossierVersion, Evidence, Nomination

ENCODER = DjangoJSONEncoder


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
    nominations = Nomination.objects.filter(Q(officer=person) | Q(member=person)).select_related(
        "programme", "district"
    )
    nomination_ids = [str(n.pk) for n in nominations]
    audit = AuditEntry.objects.filter(
        Q(object_type="directory.person", object_id=str(person.pk))
        | Q(object_type="nominations.nomination", object_id__in=nomination_ids)
        | Q(object_repr__contains=f"{person.first_name} {person.last_name}")
    ).order_by("id")
    return {
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
        },
        "nominations": [
            {
                "id": n.pk,
                "programme": str(n.programme),
                "district": str(n.district),
                "as": "officer" if n.officer_id == person.pk else "network member",
                "status": n.status,
            }
            for n in nominations
        ],
        "dossier_versions": [
            {
                "nomination": v.nomination_id,
                "number": v.number,
                "submitted_at": v.submitted_at,
                "sha256": v.sha256,
                "content": v.content,
            }
            for v in DossierVersion.objects.filter(nomination__in=nominations).order_by("id")
        ],
        "evidence": [
            {
                "nomination": e.nomination_id,
                "section": e.section,
                "caption": e.caption,
                "original_name": e.original_name,
                "content_type": e.content_type,
                "size": e.size,
                "sha256": e.sha256,
            }
            for e in Evidence.objects.filter(nomination__in=nominations).order_by("id")
        ],
        "certificates": [
            {"code": c.code, "kind": c.kind, "name": c.name, "issued_on": c.issued_on}
            for c in Certificate.objects.filter(person=person).order_by("id")
        ],
        "audit_entries": _audit(audit),
    }


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
