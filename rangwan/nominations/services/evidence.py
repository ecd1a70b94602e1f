"""Evidence: the photos and PDFs attached to a dossier, checked and cleaned on the way
in, kept whole once a submitted version holds them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.audit.services import record
from rangwan.nominations.models import Evidence, Nomination
from rangwan.nominations.services.transitions import require_editable, void_certification
from rangwan.nominations.uploads import clean_upload


def add_evidence(
    *, nomination: Nomination, actor, upload, section: str, caption: str = ""
) -> Evidence:
    """Check, clean and store one file. A refused upload leaves no file and no row."""
    nomination = Nomination.objects.get(pk=nomination.pk)
    require_editable(nomination)
    clean = clean_upload(upload)  # raises before anything is stored
    used = sum(nomination.evidence.current().values_list("size", flat=True))
    if used + clean.size > settings.EVIDENCE_MAX_DOSSIER_BYTES:
        raise ValidationError(
            _("The dossier's files would exceed %(limit)s MB in all. Remove some first.")
            % {"limit": settings.EVIDENCE_MAX_DOSSIER_BYTES // (1024 * 1024)},
            code="quota",
        )
    evidence = Evidence(
        nomination=nomination,
        section=section,
        kind=clean.kind,
        caption=caption,
        original_name=(getattr(upload, "name", "") or "file")[:255],
        content_type=clean.content_type,
        size=clean.size,
        sha256=clean.sha256,
        width=clean.width,
        height=clean.height,
        uploaded_by=actor,
    )
    stored: list[str] = []
    try:
        body = ContentFile(clean.data) if clean.data is not None else File(clean.source)
        evidence.file.save(f"upload{clean.extension}", body, save=False)
        stored.append(evidence.file.name)
        if clean.thumbnail:
            evidence.thumbnail.save("thumb.jpg", ContentFile(clean.thumbnail), save=False)
            stored.append(evidence.thumbnail.name)
        with transaction.atomic():
            locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
            require_editable(locked)
            evidence.full_clean()
            evidence.save()
            void_certification(locked, actor)
            record(
                actor=actor, action="evidence.add", obj=evidence, after=evidence_snapshot(evidence)
            )
    except BaseException:
        for name in stored:
            evidence.file.storage.delete(name)
        raise
    return evidence


def evidence_snapshot(evidence: Evidence) -> dict[str, Any]:
    """A file as plain data: for the audit record, and in the frozen dossier."""
    return {
        "id": evidence.pk,
        "section": evidence.section,
        "caption": evidence.caption,
        "original_name": evidence.original_name,
        "sha256": evidence.sha256,
        "size": evidence.size,
    }


@transaction.atomic
def remove_evidence(*, evidence: Evidence, actor) -> None:
    """Take a file out of the draft. A file a submitted version holds is kept (marked
    removed) so that version stays whole; any other is deleted with its files."""
    nomination = Nomination.objects.select_for_update().get(pk=evidence.nomination_id)
    require_editable(nomination)
    data = evidence_snapshot(evidence)
    if evidence.versions.exists():
        evidence.removed_at = timezone.now()
        evidence.save(update_fields=["removed_at"])
    else:
        names = [evidence.file.name, evidence.thumbnail.name]
        storage = evidence.file.storage
        evidence.delete()
        transaction.on_commit(lambda: [storage.delete(n) for n in names if n])
    void_certification(nomination, actor)
    record(actor=actor, action="evidence.remove", obj=nomination, before=data)
