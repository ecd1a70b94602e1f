"""What nominations hold on a person: the nominations they are in, the dossier versions
and the evidence (registered with the directory's export and erasure)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from rangwan.directory.models import Person
from rangwan.directory.personal_data import Holder
from rangwan.nominations.enums import EvidenceKind
from rangwan.nominations.models import DossierVersion, Evidence, Nomination


def nominations_of(person: Person):
    return Nomination.objects.filter(Q(officer=person) | Q(member=person))


def export(person: Person) -> dict[str, list[dict[str, Any]]]:
    nominations = nominations_of(person).select_related("programme", "district")
    return {
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
    }


def audit_about(person: Person) -> Q:
    ids = [str(pk) for pk in nominations_of(person).values_list("pk", flat=True)]
    return Q(object_type="nominations.nomination", object_id__in=ids)


def erase_files(person: Person) -> int:
    """The photos of the person's nominations go once the erasure commits; the evidence
    rows keep their SHA-256, so the frozen dossier versions still verify."""
    photos = Evidence.objects.filter(
        Q(nomination__officer=person) | Q(nomination__member=person), kind=EvidenceKind.PHOTO
    )
    names = [n for e in photos for n in (e.file.name, e.thumbnail.name) if n]
    storage = Evidence._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    return len(names)


HOLDER = Holder(export=export, audit_about=audit_about, erase_files=erase_files)
