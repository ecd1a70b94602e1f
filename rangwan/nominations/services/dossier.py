"""Form 4 (แบบเสนอผลงาน): the district saves its dossier as it types, a revision at a
time, and sees what it still lacks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rangwan.audit.services import record
from rangwan.core.thai import date_full
from rangwan.nominations.enums import DisciplineRecord, EvidenceSection
from rangwan.nominations.models import DOSSIER_FIELDS, Dossier, Nomination
from rangwan.nominations.services.transitions import require_editable, void_certification
from rangwan.programmes.models import Programme


class StaleRevision(ValidationError):
    pass


@transaction.atomic
def save_dossier(*, nomination: Nomination, actor, revision: int, **fields: Any) -> Dossier:
    """Save the draft as typed (autosave or the save button). Refuses a save made on an
    older revision than the stored one, so two windows never overwrite each other."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    require_editable(nomination)
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
    void_certification(nomination, actor)
    record(
        actor=actor,
        action="dossier.save",
        obj=dossier,
        before={name: before[name] for name in changed},
        after={"revision": dossier.revision, **changed},
    )
    return dossier


_NULLABLE = {"years_in_position", "work_start", "work_end"}


def _check_work_period(programme: Programme, start: dt.date | None, end: dt.date | None) -> None:
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
