"""Every write to the lessons-learned write-up: starting it from the final results'
winner, saving it (refused on a stale revision), its photos, publishing and taking it
back. Each is one atomic function that writes an audit entry."""

from __future__ import annotations

import io
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from rangwan.audit.services import record
from rangwan.learning.enums import LessonStatus
from rangwan.learning.models import SECTIONS, LessonPhoto, LessonsLearned
from rangwan.learning.queries import final_winner, missing_sections
from rangwan.nominations.enums import EvidenceKind, EvidenceSection
from rangwan.nominations.models import evidence_storage
from rangwan.nominations.uploads import clean_upload

TEXT_FIELDS = ("title", *(name for name, _heading in SECTIONS))
MAX_STEPS = 50
MAX_STEP_CHARS = 2000
# Photos are printed at most about 16 cm wide: 2,048 pixels is over 300 dpi.
PRINT_SIDE = 2048

# "1.", "๑)", "-", "•" at the start of a typed step: the booklet numbers steps itself.
_STEP_MARK = re.compile(r"^\s*(?:[0-9๐-๙]{1,3}\s*[.)]|[-–•*])\s*")


def split_steps(text: str) -> list[str]:
    """One step a line, without the numbers or bullets people type in front."""
    return [s for s in (_STEP_MARK.sub("", line).strip() for line in text.splitlines()) if s]


class StaleRevision(ValidationError):
    pass


def _require_final_winner(programme):
    winner = final_winner(programme)
    if winner is None:
        raise ValidationError(
            _(
                "The results are not final yet. The lessons learned are written about the "
                "winning pair once the chair has finalised the results."
            ),
            code="not-final",
        )
    return winner


def _require_draft(write_up: LessonsLearned) -> None:
    if write_up.is_published:
        raise ValidationError(
            _(
                "The lessons learned are published and cannot change. The secretariat can "
                "take them back to a draft first."
            ),
            code="published",
        )


@transaction.atomic
def start_lessons(*, programme, actor) -> LessonsLearned:
    """Open the write-up of the winning pair's work, prefilled from their dossier: the
    title, the steps, the results and how the work is used, and the joint-work photos."""
    winner = _require_final_winner(programme)
    existing = LessonsLearned.objects.filter(programme=programme).first()
    if existing:
        return existing
    dossier = winner.dossier
    results = "\n\n".join(t.strip() for t in (dossier.work_results, dossier.work_use) if t.strip())
    write_up = LessonsLearned(
        programme=programme,
        nomination=winner,
        title=dossier.work_title or winner.district.name_th,
        steps=split_steps(dossier.work_steps),
        results=results,
    )
    write_up.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            write_up.save()
    except IntegrityError:  # started at the same moment in another window
        return LessonsLearned.objects.get(programme=programme)
    copied = _copy_dossier_photos(write_up, winner, actor)
    record(
        actor=actor,
        action="lessons.start",
        obj=write_up,
        after={
            "nomination": winner.pk,
            "title": write_up.title,
            "steps": write_up.steps,
            "results": write_up.results,
            "photos": [p.pk for p in copied],
        },
    )
    return write_up


def _copy_dossier_photos(write_up, nomination, actor) -> list[LessonPhoto]:
    """The dossier's photos of the joint work (3.6), copied so the write-up's photos can
    change without touching the submitted dossier."""
    photos, stored = [], []
    evidence = nomination.evidence.current().filter(
        section=EvidenceSection.JOINT_WORK, kind=EvidenceKind.PHOTO
    )
    try:
        for item in evidence:
            photo = LessonPhoto(
                write_up=write_up,
                caption=item.caption,
                original_name=item.original_name,
                content_type=item.content_type,
                size=item.size,
                sha256=item.sha256,
                width=item.width or 0,
                height=item.height or 0,
                uploaded_by=actor,
            )
            for source, target, name in (
                (item.file, photo.file, "copy" + _suffix(item.file.name)),
                (item.thumbnail, photo.thumbnail, "thumb.jpg"),
            ):
                with source.open("rb") as stored_file:
                    target.save(name, ContentFile(stored_file.read()), save=False)
                stored.append(target.name)
            photo.save()
            photos.append(photo)
    except BaseException:
        _delete_after_rollback(stored)
        raise
    return photos


def _suffix(name: str) -> str:
    return name[name.rfind(".") :] if "." in name else ""


def _delete_after_rollback(names: list[str]) -> None:
    for name in names:
        if name:
            evidence_storage().delete(name)


@transaction.atomic
def save_lessons(
    *, write_up: LessonsLearned, actor, revision: int, **fields: Any
) -> LessonsLearned:
    """Save the write-up as typed. Refuses a save made on an older revision than the
    stored one, so two editors (or two windows) never overwrite each other."""
    write_up = LessonsLearned.objects.select_for_update().get(pk=write_up.pk)
    _require_draft(write_up)
    if revision != write_up.revision:
        raise StaleRevision(
            _(
                "These lessons learned were changed in another window or by someone else. "
                "Reload the page to see the latest text before typing more."
            ),
            code="stale",
        )
    for name in fields:
        if name not in TEXT_FIELDS:
            raise ValueError(name)
    if "steps" in fields:
        fields["steps"] = _checked_steps(fields["steps"])
    before = {name: getattr(write_up, name) for name in fields}
    for name, value in fields.items():
        setattr(write_up, name, value if name == "steps" else (value or "").strip())
    changed = {
        name: getattr(write_up, name) for name in fields if before[name] != getattr(write_up, name)
    }
    if not changed:
        return write_up
    write_up.revision += 1
    write_up.full_clean()
    write_up.save()
    record(
        actor=actor,
        action="lessons.save",
        obj=write_up,
        before={name: before[name] for name in changed},
        after={"revision": write_up.revision, **changed},
    )
    return write_up


def _checked_steps(steps) -> list[str]:
    if isinstance(steps, str):
        steps = split_steps(steps)
    steps = [str(step).strip() for step in steps if str(step).strip()]
    if len(steps) > MAX_STEPS:
        raise ValidationError({"steps": _("Give at most %(count)s steps.") % {"count": MAX_STEPS}})
    if any(len(step) > MAX_STEP_CHARS for step in steps):
        raise ValidationError(
            {
                "steps": _("A step may be at most %(count)s characters long.")
                % {"count": MAX_STEP_CHARS}
            }
        )
    return steps


# --- Photos ------------------------------------------------------------------------------


def add_photo(*, write_up: LessonsLearned, actor, upload, caption: str) -> LessonPhoto:
    """Check, clean and store one photo. A refused upload leaves no file and no row."""
    _require_draft(write_up)
    clean = clean_upload(upload)  # raises before anything is stored
    if clean.kind != EvidenceKind.PHOTO:
        raise ValidationError(
            _("Only photos (JPEG, PNG, WebP) go into the lessons learned."), code="type"
        )
    data, width, height = _print_size(clean.data, clean.width, clean.height)
    photo = LessonPhoto(
        write_up=write_up,
        caption=caption.strip(),
        original_name=(getattr(upload, "name", "") or "photo")[:255],
        content_type=clean.content_type,
        size=len(data),
        sha256=clean.sha256 if data is clean.data else _sha256(data),
        width=width,
        height=height,
        uploaded_by=actor,
    )
    stored: list[str] = []
    try:
        photo.file.save(f"photo{clean.extension}", ContentFile(data), save=False)
        stored.append(photo.file.name)
        photo.thumbnail.save("thumb.jpg", ContentFile(clean.thumbnail), save=False)
        stored.append(photo.thumbnail.name)
        with transaction.atomic():
            locked = LessonsLearned.objects.select_for_update().get(pk=write_up.pk)
            _require_draft(locked)
            photo.full_clean()
            photo.save()
            record(actor=actor, action="lessons.photo_add", obj=photo, after=_photo_data(photo))
    except BaseException:
        _delete_after_rollback(stored)
        raise
    return photo


def _print_size(data: bytes, width: int, height: int) -> tuple[bytes, int, int]:
    if max(width, height) <= PRINT_SIDE:
        return data, width, height
    image = Image.open(io.BytesIO(data))
    fmt = image.format
    image.thumbnail((PRINT_SIDE, PRINT_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    else:
        image.save(out, fmt)
    return out.getvalue(), image.width, image.height


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _photo_data(photo: LessonPhoto) -> dict[str, Any]:
    return {
        "id": photo.pk,
        "caption": photo.caption,
        "original_name": photo.original_name,
        "sha256": photo.sha256,
        "size": photo.size,
    }


@transaction.atomic
def change_photo_caption(*, photo: LessonPhoto, actor, caption: str) -> LessonPhoto:
    write_up = LessonsLearned.objects.select_for_update().get(pk=photo.write_up_id)
    _require_draft(write_up)
    before = photo.caption
    photo.caption = caption.strip()
    photo.full_clean()
    photo.save(update_fields=["caption"])
    record(
        actor=actor,
        action="lessons.photo_caption",
        obj=photo,
        before={"caption": before},
        after={"caption": photo.caption},
    )
    return photo


@transaction.atomic
def remove_photo(*, photo: LessonPhoto, actor) -> None:
    """Take a photo out of the write-up; its files go once the removal is committed."""
    write_up = LessonsLearned.objects.select_for_update().get(pk=photo.write_up_id)
    _require_draft(write_up)
    data = _photo_data(photo)
    names = [photo.file.name, photo.thumbnail.name]
    storage = photo.file.storage
    photo.delete()
    transaction.on_commit(lambda: [storage.delete(n) for n in names if n])
    record(actor=actor, action="lessons.photo_remove", obj=write_up, before=data)


# --- Publishing --------------------------------------------------------------------------


@transaction.atomic
def publish_lessons(*, write_up: LessonsLearned, actor) -> LessonsLearned:
    """The secretariat publishes the complete write-up: it then counts for indicator
    10.3 and every district of the programme may read it."""
    write_up = LessonsLearned.objects.select_for_update().get(pk=write_up.pk)
    _require_draft(write_up)
    missing = missing_sections(write_up)
    if missing:
        raise ValidationError(
            _("The lessons learned are not complete. Still missing: %(items)s")
            % {"items": ", ".join(missing)},
            code="incomplete",
        )
    write_up.status = LessonStatus.PUBLISHED
    write_up.published_at = timezone.now()
    write_up.full_clean()
    write_up.save()
    record(
        actor=actor,
        action="lessons.publish",
        obj=write_up,
        before={"status": LessonStatus.DRAFT},
        after={"status": write_up.status, "revision": write_up.revision},
    )
    return write_up


@transaction.atomic
def unpublish_lessons(*, write_up: LessonsLearned, actor) -> LessonsLearned:
    """Take the write-up back to a draft, to correct it; it stops counting for 10.3."""
    write_up = LessonsLearned.objects.select_for_update().get(pk=write_up.pk)
    if not write_up.is_published:
        raise ValidationError(_("The lessons learned are not published."), code="draft")
    published_at = write_up.published_at
    write_up.status = LessonStatus.DRAFT
    write_up.published_at = None
    write_up.full_clean()
    write_up.save()
    record(
        actor=actor,
        action="lessons.unpublish",
        obj=write_up,
        before={"status": LessonStatus.PUBLISHED, "published_at": published_at},
        after={"status": write_up.status},
    )
    return write_up
