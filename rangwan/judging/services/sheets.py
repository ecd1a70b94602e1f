"""Score sheets: a member opens one for each dossier they may score, saves drafts, submits
it to lock it; the chair reopens a submitted one, saying why. Each write is atomic, checks
who may do it and in what state, and leaves an audit entry."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.audit.services import record
from rangwan.judging.enums import SheetStatus
from rangwan.judging.models import CommitteeSeat, Criterion, Score, ScoreSheet
from rangwan.judging.queries import rules_for, scored_criteria
from rangwan.judging.rubric import points as show_points
from rangwan.judging.rules import holds_chair, is_draft_sheet
from rangwan.judging.services.guards import (
    require_accepted,
    require_holder,
    require_judging_open,
    require_may_score,
)
from rangwan.nominations.enums import DisciplineRecord
from rangwan.nominations.models import Nomination


class StaleSheet(ValidationError):
    pass


def _discipline_prefill(nomination: Nomination, criterion: Criterion) -> Decimal | None:
    version = nomination.versions.order_by("-number").first()
    discipline = (version.content if version else {}).get("dossier", {}).get("discipline")
    if discipline == DisciplineRecord.NEVER_PUNISHED:
        return criterion.max_points
    if discipline == DisciplineRecord.PUNISHED:
        return Decimal(0)
    return None


@transaction.atomic
def open_sheet(*, seat: CommitteeSeat, nomination: Nomination, actor) -> ScoreSheet:
    """The member's sheet for a dossier, made on first opening. Needs a declaration
    first, and no unresolved or upheld conflict."""
    require_holder(seat, actor)
    require_accepted(nomination)
    require_judging_open(seat.programme)
    require_may_score(seat, nomination)
    sheet, created = ScoreSheet.objects.get_or_create(seat=seat, nomination=nomination)
    if created:
        rules = rules_for(seat.programme)
        Score.objects.bulk_create(
            Score(
                sheet=sheet,
                criterion=criterion,
                points=(
                    _discipline_prefill(nomination, criterion)
                    if criterion.code == rules.discipline_code
                    else None
                ),
            )
            for criterion in scored_criteria(seat.programme)
        )
        record(actor=actor, action="sheet.open", obj=sheet, after={"status": sheet.status})
    return sheet


def _parse_points(value: Any, criterion: Criterion, step: Decimal) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        points = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(
            _("%(code)s: “%(value)s” is not a number.") % {"code": criterion.code, "value": value}
        ) from None
    if not Decimal(0) <= points <= criterion.max_points:
        raise ValidationError(
            _("%(code)s: the score must be from 0 to %(max)s.")
            % {"code": criterion.code, "max": show_points(criterion.max_points)}
        )
    if points % step:
        raise ValidationError(
            _("%(code)s: scores go in steps of %(step)s.")
            % {"code": criterion.code, "step": show_points(step)}
        )
    return points


@transaction.atomic
def save_sheet(
    *, sheet: ScoreSheet, actor, version: int, scores: dict[int, tuple[Any, str]]
) -> ScoreSheet:
    """Save a draft: for each criterion id, (points, remark). Refuses a save made on an
    older version of the sheet, and any score outside 0..max or off the step."""
    sheet = (
        ScoreSheet.objects.select_for_update().select_related("seat__programme").get(pk=sheet.pk)
    )
    require_holder(sheet.seat, actor)
    require_judging_open(sheet.seat.programme)
    require_may_score(sheet.seat, sheet.nomination)
    if not is_draft_sheet(actor, sheet):
        raise ValidationError(
            _("The sheet is submitted; ask the chair to reopen it."), code="locked"
        )
    if version != sheet.version:
        raise StaleSheet(
            _(
                "This sheet was saved from another window or device since you opened it. "
                "Reload it to see the latest scores; your last changes were not saved."
            ),
            code="stale",
        )
    rules = rules_for(sheet.seat.programme)
    stored = {s.criterion_id: s for s in sheet.scores.select_related("criterion")}
    errors, changed = [], {}
    for criterion_id, (raw_points, remark) in scores.items():
        score = stored.get(int(criterion_id))
        if score is None:
            continue
        try:
            value = _parse_points(raw_points, score.criterion, rules.score_step)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        remark = (remark or "").strip()
        if (value, remark) != (score.points, score.remark):
            changed[score.criterion.code] = {
                "before": [str(score.points) if score.points is not None else None, score.remark],
                "after": [str(value) if value is not None else None, remark],
            }
            score.points, score.remark = value, remark
            score.save(update_fields=["points", "remark"])
    if errors:
        raise ValidationError(errors)
    sheet.version += 1
    sheet.save(update_fields=["version", "updated_at"])
    if changed:
        record(
            actor=actor,
            action="sheet.save",
            obj=sheet,
            after={"version": sheet.version, "scores": changed},
        )
    return sheet


def sheet_problems(sheet: ScoreSheet) -> list[str]:
    """What keeps a sheet from being submitted."""
    rules = rules_for(sheet.seat.programme)
    problems = []
    for score in sheet.scores.select_related("criterion").order_by("criterion__order"):
        criterion = score.criterion
        if score.points is None:
            problems.append(_("%(code)s has no score.") % {"code": criterion.code})
            continue
        at_extreme = score.points in (Decimal(0), criterion.max_points)
        prefilled = criterion.code == rules.discipline_code and score.points == _discipline_prefill(
            sheet.nomination, criterion
        )
        if rules.remark_at_extremes and at_extreme and not score.remark and not prefilled:
            problems.append(
                _("%(code)s: a score of %(points)s needs a remark.")
                % {"code": criterion.code, "points": show_points(score.points)}
            )
        if criterion.code == rules.discipline_code and not prefilled and not score.remark:
            problems.append(
                _("%(code)s: you changed the score taken from the disciplinary record; say why.")
                % {"code": criterion.code}
            )
    return problems


@transaction.atomic
def submit_sheet(*, sheet: ScoreSheet, actor, version: int) -> ScoreSheet:
    """Lock the sheet. Every criterion needs a score, and remarks where the rules ask."""
    sheet = (
        ScoreSheet.objects.select_for_update().select_related("seat__programme").get(pk=sheet.pk)
    )
    require_holder(sheet.seat, actor)
    require_judging_open(sheet.seat.programme)
    require_may_score(sheet.seat, sheet.nomination)
    if not is_draft_sheet(actor, sheet):
        raise ValidationError(_("The sheet is already submitted."))
    if version != sheet.version:
        raise StaleSheet(
            _("This sheet changed since you opened it. Reload it before submitting."), code="stale"
        )
    problems = sheet_problems(sheet)
    if problems:
        raise ValidationError(problems)
    sheet.status = SheetStatus.SUBMITTED
    sheet.submitted_at = timezone.now()
    sheet.version += 1
    sheet.save()
    record(
        actor=actor,
        action="sheet.submit",
        obj=sheet,
        after={
            "status": sheet.status,
            "scores": {
                s.criterion.code: [str(s.points), s.remark]
                for s in sheet.scores.select_related("criterion")
            },
        },
    )
    return sheet


@transaction.atomic
def reopen_sheet(*, sheet: ScoreSheet, actor, reason: str) -> ScoreSheet:
    """The chair reopens one submitted sheet, saying why."""
    sheet = (
        ScoreSheet.objects.select_for_update().select_related("seat__programme").get(pk=sheet.pk)
    )
    if not holds_chair(actor, sheet.seat.programme):
        raise ValidationError(_("Only the chair can reopen a sheet."))
    require_judging_open(sheet.seat.programme)
    if is_draft_sheet(actor, sheet):
        raise ValidationError(_("Only a submitted sheet can be reopened."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for reopening the sheet.")})
    sheet.status = SheetStatus.DRAFT
    sheet.reopened_at = timezone.now()
    sheet.reopen_reason = reason
    sheet.version += 1
    sheet.save()
    record(
        actor=actor,
        action="sheet.reopen",
        obj=sheet,
        before={"status": SheetStatus.SUBMITTED},
        after={"status": SheetStatus.DRAFT, "reason": reason},
    )
    return sheet
