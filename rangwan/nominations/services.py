"""Every write to a nomination: registering the pair, saving the dossier, evidence,
certification, submission, screening and deadline extensions. Each is one atomic
function that checks the state machine and the deadline and writes an audit entry."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.audit.services import record, snapshot
from rangwan.core.thai import date_full
from rangwan.directory.models import Person
from rangwan.nominations import deadlines, notifications
from rangwan.nominations.enums import (
    TRANSITIONS,
    DeadlineKind,
    DisciplineRecord,
    EvidenceSection,
    NominationStatus,
    ScreeningOutcome,
)
from rangwan.nominations.models import (
    DeadlineExtension,
    Dossier,
    DossierVersion,
    Evidence,
    Nomination,
)
from rangwan.nominations.uploads import clean_upload

S = NominationStatus

DOSSIER_FIELDS = (
    "years_in_position",
    "discipline",
    "discipline_note",
    "conduct_1",
    "conduct_2",
    "conduct_3",
    "conduct_4",
    "conduct_5",
    "work_title",
    "work_steps",
    "work_start",
    "work_end",
    "work_results",
    "work_use",
)
OFFICER_FIELDS = ("title", "first_name", "last_name", "position")


def transition(*, nomination: Nomination, to: str, actor, action: str, **details) -> None:
    """Move a nomination to another state, if the state machine allows it."""
    before = nomination.status
    if to not in TRANSITIONS.get(before, set()):
        raise ValidationError(
            _("A nomination that is “%(state)s” cannot become “%(to)s”.")
            % {"state": S(before).label, "to": S(to).label},
            code="transition",
        )
    nomination.status = to
    nomination.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        action=action,
        obj=nomination,
        before={"status": before},
        after={"status": to, **details},
    )


# --- Form 3: the pair ------------------------------------------------------------------


def _check_eligibility(programme, district, officer_kind, network_kind, network_kind_other):
    errors: dict[str, str] = {}
    if not programme.districts.filter(pk=district.pk).exists():
        raise ValidationError(_("Your district does not take part in this programme."))
    if not programme.allowed_officer_kinds.filter(pk=officer_kind.pk).exists():
        errors["officer_kind"] = _("This programme does not accept a %(kind)s as the officer.") % {
            "kind": officer_kind
        }
    if not programme.allowed_network_kinds.filter(pk=network_kind.pk).exists():
        errors["network_kind"] = _("This programme does not accept this kind of network.")
    elif network_kind.requires_name and not network_kind_other.strip():
        errors["network_kind_other"] = _("Name the kind of network.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def register_pair(
    *,
    programme,
    district,
    actor,
    officer: dict[str, str],
    officer_kind,
    member: dict[str, str],
    network_kind,
    network_kind_other: str = "",
    network_name: str = "",
    member_role: str = "",
) -> Nomination:
    """แบบแจ้งรายชื่อ: the district's one pair for the programme."""
    deadlines.require_open(programme, district, DeadlineKind.NAME_NOTIFICATION)
    _check_eligibility(programme, district, officer_kind, network_kind, network_kind_other)
    officer_person = Person(office=getattr(district, "office", None), **officer)
    member_person = Person(**member)
    for person in (officer_person, member_person):
        person.full_clean()
        person.save()
    nomination = Nomination(
        programme=programme,
        district=district,
        officer=officer_person,
        officer_kind=officer_kind,
        member=member_person,
        network_kind=network_kind,
        network_kind_other=network_kind_other if network_kind.requires_name else "",
        network_name=network_name,
        member_role=member_role,
        registered_by=actor,
    )
    nomination.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError:
        raise ValidationError(_("This district has already registered a pair.")) from None
    Dossier.objects.create(nomination=nomination)
    record(actor=actor, action="nomination.register", obj=nomination, after=_pair(nomination))
    return nomination


@transaction.atomic
def update_pair(
    *,
    nomination: Nomination,
    actor,
    officer: dict[str, str],
    officer_kind,
    member: dict[str, str],
    network_kind,
    network_kind_other: str = "",
    network_name: str = "",
    member_role: str = "",
) -> Nomination:
    """Change the registered pair, until the name-notification deadline."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    deadlines.require_open(
        nomination.programme, nomination.district, DeadlineKind.NAME_NOTIFICATION
    )
    if nomination.status not in S.editable_by_district():
        raise ValidationError(_("The dossier has been submitted; the pair can no longer change."))
    _check_eligibility(
        nomination.programme, nomination.district, officer_kind, network_kind, network_kind_other
    )
    before = _pair(nomination)
    for person, values in ((nomination.officer, officer), (nomination.member, member)):
        for field, value in values.items():
            setattr(person, field, value)
        person.full_clean()
        person.save()
    nomination.officer_kind = officer_kind
    nomination.network_kind = network_kind
    nomination.network_kind_other = network_kind_other if network_kind.requires_name else ""
    nomination.network_name = network_name
    nomination.member_role = member_role
    nomination.save()
    _void_certification(nomination, actor)
    record(
        actor=actor,
        action="nomination.update_pair",
        obj=nomination,
        before=before,
        after=_pair(nomination),
    )
    return nomination


def _pair(nomination: Nomination) -> dict[str, Any]:
    return {
        "officer": snapshot(nomination.officer, fields=[*OFFICER_FIELDS]),
        "officer_kind": nomination.officer_kind_id,
        "officer_kind_name": nomination.officer_kind.name_th,
        "office": nomination.district.office.name_th
        if hasattr(nomination.district, "office")
        else "",
        "member": snapshot(nomination.member, fields=[*OFFICER_FIELDS]),
        "network_kind": nomination.network_kind_id,
        "network_kind_name": nomination.network_kind_label_th,
        "network_kind_other": nomination.network_kind_other,
        "network_name": nomination.network_name,
        "member_role": nomination.member_role,
    }


# --- Form 4: the dossier ---------------------------------------------------------------


def _require_editable(nomination: Nomination) -> None:
    if nomination.status not in S.editable_by_district():
        raise ValidationError(
            _("The dossier is “%(state)s” and cannot be changed now.")
            % {"state": nomination.get_status_display()},
            code="locked",
        )
    deadlines.require_open(nomination.programme, nomination.district, DeadlineKind.DOSSIER)


def _void_certification(nomination: Nomination, actor) -> None:
    """Any change after certification needs the district head to certify again."""
    dossier = nomination.dossier
    if dossier.certified_at:
        dossier.certified_at = None
        dossier.certified_by = None
        dossier.certifier_name = dossier.certifier_position = ""
        dossier.save()
    if nomination.status in (S.REGISTERED, S.CERTIFIED, S.RETURNED):
        transition(nomination=nomination, to=S.DRAFT, actor=actor, action="dossier.draft")


class StaleRevision(ValidationError):
    pass


@transaction.atomic
def save_dossier(*, nomination: Nomination, actor, revision: int, **fields: Any) -> Dossier:
    """Save the draft as typed (autosave or the save button). Refuses a save made on an
    older revision than the stored one, so two windows never overwrite each other."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    _require_editable(nomination)
    dossier = nomination.dossier
    if revision != dossier.revision:
        raise StaleRevision(
            _(
                "This dossier was changed in another window or by someone else. "
                "Reload the page to see the latest text before typing more."
            ),
            code="stale",
        )
    _check_work_period(nomination.programme, fields.get("work_start"), fields.get("work_end"))
    before = {name: getattr(dossier, name) for name in fields}
    for name, value in fields.items():
        if name not in DOSSIER_FIELDS:
            raise ValueError(name)
        setattr(dossier, name, "" if value is None and name not in _NULLABLE else value)
    changed = {
        name: value for name, value in fields.items() if before[name] != getattr(dossier, name)
    }
    if not changed:
        return dossier
    dossier.revision += 1
    dossier.full_clean()
    dossier.save()
    _void_certification(nomination, actor)
    record(
        actor=actor,
        action="dossier.save",
        obj=dossier,
        before={name: before[name] for name in changed},
        after={"revision": dossier.revision, **changed},
    )
    return dossier


_NULLABLE = {"years_in_position", "work_start", "work_end"}


def _check_work_period(programme, start: dt.date | None, end: dt.date | None) -> None:
    window = (programme.joint_work_start, programme.joint_work_end)
    message = _("The joint work must have been done between %(start)s and %(end)s.") % {
        "start": date_full(window[0]),
        "end": date_full(window[1]),
    }
    errors = {}
    if start and not window[0] <= start <= window[1]:
        errors["work_start"] = message
    if end and not window[0] <= end <= window[1]:
        errors["work_end"] = message
    if start and end and start > end and not errors:
        errors["work_end"] = _("The work cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


def missing_items(nomination: Nomination) -> list[str]:
    """What the dossier still lacks before it can be certified and submitted."""
    dossier = nomination.dossier
    missing = [
        str(Dossier._meta.get_field(name).verbose_name)
        for name in DOSSIER_FIELDS
        if name != "discipline_note" and getattr(dossier, name) in (None, "")
    ]
    if dossier.discipline == DisciplineRecord.PUNISHED and not dossier.discipline_note.strip():
        missing.append(str(Dossier._meta.get_field("discipline_note").verbose_name))
    if not nomination.evidence.current().filter(section=EvidenceSection.JOINT_WORK).exists():
        missing.append(_("at least one photo or document of the joint work (3.6)"))
    return missing


# --- Evidence ----------------------------------------------------------------------------


def add_evidence(
    *, nomination: Nomination, actor, upload, section: str, caption: str = ""
) -> Evidence:
    """Check, clean and store one file. A refused upload leaves no file and no row."""
    nomination = Nomination.objects.get(pk=nomination.pk)
    _require_editable(nomination)
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
            _require_editable(locked)
            evidence.full_clean()
            evidence.save()
            _void_certification(locked, actor)
            record(actor=actor, action="evidence.add", obj=evidence, after=_evidence_data(evidence))
    except BaseException:
        for name in stored:
            evidence.file.storage.delete(name)
        raise
    return evidence


def _evidence_data(evidence: Evidence) -> dict[str, Any]:
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
    _require_editable(nomination)
    data = _evidence_data(evidence)
    if evidence.versions.exists():
        evidence.removed_at = timezone.now()
        evidence.save(update_fields=["removed_at"])
    else:
        names = [evidence.file.name, evidence.thumbnail.name]
        storage = evidence.file.storage
        evidence.delete()
        transaction.on_commit(lambda: [storage.delete(n) for n in names if n])
    _void_certification(nomination, actor)
    record(actor=actor, action="evidence.remove", obj=nomination, before=data)


# --- Certification, submission ---------------------------------------------------------


@transaction.atomic
def certify_dossier(*, nomination: Nomination, actor, certifier_name: str, certifier_position: str):
    """ผู้รับรอง: the district head certifies the complete dossier."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    _require_editable(nomination)
    missing = missing_items(nomination)
    if missing:
        raise ValidationError(
            _("The dossier is not complete. Still missing: %(items)s")
            % {"items": ", ".join(missing)},
            code="incomplete",
        )
    if nomination.status == S.REGISTERED:
        transition(nomination=nomination, to=S.DRAFT, actor=actor, action="dossier.draft")
    dossier = nomination.dossier
    dossier.certified_by = actor
    dossier.certifier_name = certifier_name
    dossier.certifier_position = certifier_position
    dossier.certified_at = timezone.now()
    dossier.full_clean()
    dossier.save()
    transition(
        nomination=nomination,
        to=S.CERTIFIED,
        actor=actor,
        action="dossier.certify",
        certifier_name=certifier_name,
        certifier_position=certifier_position,
    )
    return dossier


def dossier_content(nomination: Nomination) -> dict[str, Any]:
    """The whole dossier as plain data: what a version freezes and its hash covers."""
    dossier = nomination.dossier
    return {
        "programme": nomination.programme_id,
        "district": nomination.district.code,
        "pair": _pair(nomination),
        "dossier": {
            name: (value.isoformat() if isinstance(value, dt.date) else value)
            for name in DOSSIER_FIELDS
            for value in [getattr(dossier, name)]
        },
        "certification": {
            "name": dossier.certifier_name,
            "position": dossier.certifier_position,
            "at": dossier.certified_at.isoformat() if dossier.certified_at else None,
        },
        "confirmations": {
            "officer": dossier.officer_confirmed_at.isoformat()
            if dossier.officer_confirmed_at
            else None,
            "member": dossier.member_confirmed_at.isoformat()
            if dossier.member_confirmed_at
            else None,
        },
        "evidence": [_evidence_data(e) for e in nomination.evidence.current().order_by("id")],
    }


def content_digest(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@transaction.atomic
def submit_dossier(
    *, nomination: Nomination, actor, officer_confirmed: bool, member_confirmed: bool
) -> DossierVersion:
    """Freeze the certified dossier as a new version with its SHA-256."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    deadlines.require_open(nomination.programme, nomination.district, DeadlineKind.DOSSIER)
    if nomination.status != S.CERTIFIED:
        raise ValidationError(
            _("Only a dossier certified by the district head can be submitted."), code="uncertified"
        )
    if not (officer_confirmed and member_confirmed):
        raise ValidationError(
            _("Both the officer and the network member must confirm the dossier."),
            code="unconfirmed",
        )
    missing = missing_items(nomination)
    if missing:
        raise ValidationError(
            _("The dossier is not complete. Still missing: %(items)s")
            % {"items": ", ".join(missing)},
            code="incomplete",
        )
    now = timezone.now()
    dossier = nomination.dossier
    dossier.officer_confirmed_at = dossier.member_confirmed_at = now
    dossier.confirmations_recorded_by = actor
    dossier.save()
    content = dossier_content(nomination)
    last = nomination.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = DossierVersion.objects.create(
        nomination=nomination,
        number=last + 1,
        content=content,
        sha256=content_digest(content),
        submitted_by=actor,
        submitted_at=now,
    )
    version.evidence.set(nomination.evidence.current())
    transition(
        nomination=nomination,
        to=S.SUBMITTED,
        actor=actor,
        action="dossier.submit",
        version=version.number,
        sha256=version.sha256,
    )
    notifications.on_submission(version)
    return version


# --- Screening and deadlines -----------------------------------------------------------


@transaction.atomic
def screen_dossier(
    *,
    nomination: Nomination,
    actor,
    outcome: str,
    reasons: str = "",
    resubmit_by: dt.date | None = None,
) -> DossierVersion:
    """Accept, return for correction (with reasons and a date to resubmit by) or reject
    (with reasons) the latest submitted version."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if outcome in (ScreeningOutcome.RETURNED, ScreeningOutcome.REJECTED) and not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons, so the district knows what to do.")})
    if outcome == ScreeningOutcome.RETURNED and resubmit_by is None:
        raise ValidationError({"resubmit_by": _("Give the date the district must resubmit by.")})
    target = {
        ScreeningOutcome.ACCEPTED: S.ACCEPTED,
        ScreeningOutcome.RETURNED: S.RETURNED,
        ScreeningOutcome.REJECTED: S.REJECTED,
    }[outcome]
    version = nomination.versions.order_by("-number").first()
    transition(
        nomination=nomination,
        to=target,
        actor=actor,
        action=f"screening.{outcome}",
        version=version.number if version else None,
        reasons=reasons,
    )
    version.outcome = outcome
    version.reasons = reasons
    version.decided_by = actor
    version.decided_at = timezone.now()
    version.save()
    if outcome == ScreeningOutcome.RETURNED:
        grant_extension(
            programme=nomination.programme,
            district=nomination.district,
            kind=DeadlineKind.DOSSIER,
            until=resubmit_by,
            reason=_("Returned for correction: %(reasons)s") % {"reasons": reasons},
            actor=actor,
        )
    notifications.on_screening(version)
    return version


@transaction.atomic
def grant_extension(
    *, programme, district, kind: str, until: dt.date, reason: str, actor
) -> DeadlineExtension:
    """Extend one district's deadline. The reason is kept with it and in the audit."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    existing = DeadlineExtension.objects.filter(
        programme=programme, district=district, kind=kind
    ).first()
    before = snapshot(existing, fields=["until", "reason"]) if existing else None
    extension = existing or DeadlineExtension(programme=programme, district=district, kind=kind)
    extension.until = until
    extension.reason = reason
    extension.granted_by = actor
    extension.full_clean()
    extension.save()
    record(
        actor=actor,
        action="deadline.extend",
        obj=extension,
        before=before,
        after=snapshot(extension, fields=["kind", "until", "reason"]),
    )
    return extension
