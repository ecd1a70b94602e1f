from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rangwan.audit.queries import Checkpoint, checkpoint_of, entries_of
from rangwan.core.thai import date_full
from rangwan.nominations import deadlines
from rangwan.nominations.enums import DeadlineKind, DisciplineRecord
from rangwan.nominations.enums import NominationStatus as S
from rangwan.nominations.models import (
    DeadlineExtension,
    Dossier,
    DossierVersion,
    Evidence,
    Nomination,
)
from rangwan.programmes.models import Programme

NOT_REGISTERED = "not_registered"
STATE_CHOICES = [(NOT_REGISTERED, gettext_lazy("Not registered")), *S.choices]


def submission_checkpoint(version: DossierVersion) -> Checkpoint | None:
    """The audit checkpoint of the entry that recorded this submission: printed on the
    receipt (page and e-mail), so each district keeps a witness of the record that
    `verify_audit --checkpoint` can later check."""
    entry = (
        entries_of(version.nomination, "dossier.submit")
        .filter(after__version=version.number)
        .only("number", "hash")
        .first()
    )
    return checkpoint_of(entry) if entry else None


def nomination_of(programme, district) -> Nomination | None:
    return (
        Nomination.objects.select_related(
            "officer", "member", "officer_kind", "network_kind", "dossier"
        )
        .filter(programme=programme, district=district)
        .first()
    )


@dataclass(frozen=True)
class DeadlineRow:
    kind: str
    label: str
    day: dt.date
    extended: bool
    reason: str
    is_open: bool


def district_deadlines(programme, district) -> list[DeadlineRow]:
    """The two district deadlines as they stand for this district (extensions applied)."""
    extensions = {
        e.kind: e for e in DeadlineExtension.objects.filter(programme=programme, district=district)
    }
    rows = []
    for kind, label in DeadlineKind.choices:
        day = deadlines.effective_deadline(programme, district, kind)
        extension = extensions.get(kind)
        rows.append(
            DeadlineRow(
                kind=kind,
                label=str(label),
                day=day,
                extended=bool(extension and extension.until == day),
                reason=extension.reason if extension else "",
                is_open=deadlines.is_open(programme, district, kind),
            )
        )
    return rows


@dataclass(frozen=True)
class DistrictRow:
    programme: Programme
    status: str | None
    status_label: str
    next_action: str
    due: dt.date | None


def _next_action(programme: Programme, status: str | None) -> tuple[str, dt.date | None]:
    if status is None:
        return _("Register your pair (form 3)."), programme.name_notification_deadline
    if status in (S.REGISTERED, S.DRAFT):
        return (
            _("Complete the dossier (form 4) and have the district head certify it."),
            programme.dossier_deadline,
        )
    if status == S.RETURNED:
        return _("Correct the dossier as the secretariat asked and submit it again."), (
            programme.dossier_deadline
        )
    if status == S.CERTIFIED:
        return _("Submit the certified dossier."), programme.dossier_deadline
    if status == S.SUBMITTED:
        return _("Wait for the secretariat to screen the dossier."), None
    if status == S.ACCEPTED:
        return _("Prepare the presentation to the committee."), programme.results_deadline
    return _("The nomination was rejected; see the reasons given."), None


def district_overview(district, today: dt.date) -> list[DistrictRow]:
    """Each programme the district takes part in, newest first, with what to do next."""
    programmes = Programme.objects.filter(districts=district).order_by("-fiscal_year")
    statuses = dict(
        district.nominations.filter(programme__in=programmes).values_list("programme", "status")
    )
    rows = []
    for programme in programmes:
        status = statuses.get(programme.pk)
        action, due = _next_action(programme, status)
        if due and status is not None and status != S.ACCEPTED:
            due = deadlines.effective_deadline(programme, district, DeadlineKind.DOSSIER)
        elif due and status is None:
            due = deadlines.effective_deadline(programme, district, DeadlineKind.NAME_NOTIFICATION)
        rows.append(
            DistrictRow(
                programme=programme,
                status=status,
                status_label=S(status).label if status else _("Not registered"),
                next_action=action,
                due=due,
            )
        )
    return rows


@dataclass(frozen=True)
class ScreeningRow:
    district: Any
    nomination: Nomination | None
    state: str
    state_label: str
    submitted_at: dt.datetime | None
    version: int | None


def screening_rows(programme: Programme) -> list[ScreeningRow]:
    nominations = {
        n.district_id: n
        for n in programme.nominations.select_related("officer", "member").prefetch_related(
            # Not the frozen content: at national scale that is megabytes.
            Prefetch(
                "versions",
                queryset=DossierVersion.objects.only("nomination_id", "number", "submitted_at"),
            )
        )
    }
    labels = {value: str(label) for value, label in S.choices}
    rows = []
    for district in programme.districts.all():
        nomination = nominations.get(district.pk)
        latest = (
            max(nomination.versions.all(), key=lambda v: v.number, default=None)
            if nomination
            else None
        )
        state = nomination.status if nomination else NOT_REGISTERED
        rows.append(
            ScreeningRow(
                district=district,
                nomination=nomination,
                state=state,
                state_label=labels[nomination.status] if nomination else _("Not registered"),
                submitted_at=latest.submitted_at if latest else None,
                version=latest.number if latest else None,
            )
        )
    return rows


def count_by_state(rows: list[ScreeningRow]) -> dict[str, int]:
    counts = Counter(row.state for row in rows)
    return {value: counts.get(value, 0) for value, _label in STATE_CHOICES}


def _label(name: str) -> str:
    return str(Dossier._meta.get_field(name).verbose_name)


def dossier_sections(content: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The dossier (live or frozen) as titled sections of (label, text) rows, in the
    order of form 4."""
    pair, body = content["pair"], content["dossier"]
    officer, member = pair["officer"], pair["member"]
    discipline = body.get("discipline")
    discipline_text = DisciplineRecord(discipline).label if discipline else ""
    if body.get("discipline_note"):
        discipline_text = f"{discipline_text}: {body['discipline_note']}"

    def day(value):
        return date_full(dt.date.fromisoformat(value)) if value else ""

    period = " – ".join(filter(None, [day(body.get("work_start")), day(body.get("work_end"))]))
    return [
        (
            _("1. Qualifications of the nominees"),
            [
                (
                    _("1.1 Officer"),
                    f"{officer['title']}{officer['first_name']} {officer['last_name']}",
                ),
                (_("Position"), officer["position"]),
                (_("Kind"), pair.get("officer_kind_name", "")),
                (_("District office"), pair.get("office", "")),
                (_("Years in the position"), str(body.get("years_in_position") or "")),
                (
                    _("1.2 Network member"),
                    f"{member['title']}{member['first_name']} {member['last_name']}",
                ),
                (
                    _("Network"),
                    f"{pair.get('network_kind_name', '')} — {pair.get('network_name', '')}",
                ),
                (_("Role in the network"), pair.get("member_role", "")),
            ],
        ),
        (
            _("2. Criteria"),
            [
                (_("2.1 Disciplinary record over the past year"), str(discipline_text)),
                *[(_label(f"conduct_{n}"), body.get(f"conduct_{n}", "")) for n in range(1, 6)],
            ],
        ),
        (
            _("3. The outstanding joint work"),
            [
                (_label("work_title"), body.get("work_title", "")),
                (_label("work_steps"), body.get("work_steps", "")),
                (_("3) Period of the work"), period),
                (_label("work_results"), body.get("work_results", "")),
                (_label("work_use"), body.get("work_use", "")),
            ],
        ),
    ]


def evidence_for(content: dict[str, Any]) -> dict[str, list[Evidence]]:
    """The evidence a content snapshot names, by section, with captions as frozen."""
    items = {item["id"]: item for item in content.get("evidence", [])}
    found = Evidence.objects.filter(pk__in=items).order_by("id")
    by_section: dict[str, list[Evidence]] = {}
    for evidence in found:
        evidence.caption = items[evidence.pk]["caption"]
        by_section.setdefault(items[evidence.pk]["section"], []).append(evidence)
    return by_section
