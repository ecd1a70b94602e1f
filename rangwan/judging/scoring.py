"""Writes of the committee at work: conflict declarations and the chair's rulings,
score sheets (save, submit, reopen). Each is atomic, checks who may do it and in what
state, and leaves an audit entry."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.audit.services import record, snapshot
from rangwan.judging import closing
from rangwan.judging.enums import ConflictKind, Ruling, SeatRole, SheetStatus
from rangwan.judging.models import CommitteeSeat, Criterion, Declaration, Score, ScoreSheet
from rangwan.judging.queries import rules_for, scored_criteria
from rangwan.judging.rubric import points as show_points
from rangwan.nominations.enums import DisciplineRecord, NominationStatus


class StaleSheet(ValidationError):
    pass


def _require_judging_open(programme) -> None:
    if closing.is_closed(programme):
        raise ValidationError(_("The results are final and frozen."), code="final")


def _require_accepted(nomination) -> None:
    if nomination.status != NominationStatus.ACCEPTED:
        raise ValidationError(_("Only dossiers accepted at screening are judged."))


def _require_may_score(seat: CommitteeSeat, nomination) -> None:
    declaration = Declaration.objects.filter(seat=seat, nomination=nomination).first()
    if declaration is None:
        raise ValidationError(
            _("Declare first whether you have a conflict of interest with this dossier."),
            code="undeclared",
        )
    if declaration.recused:
        raise ValidationError(_("You are recused from this dossier."), code="recused")
    if not declaration.may_score:
        raise ValidationError(
            _("The chair has not yet ruled on the conflict you declared."), code="pending"
        )


def scoring_refusal(*, seat: CommitteeSeat, nomination) -> ValidationError | None:
    """Why the seat's holder may not score this accepted dossier now, or None: the same
    checks the sheet's writes make, for the sheet page to say instead of offering a
    sheet that would be refused. Recusal first: it is the reason that lasts."""
    try:
        _require_may_score(seat, nomination)
        _require_judging_open(seat.programme)
    except ValidationError as error:
        return error
    return None


def _require_holder(seat: CommitteeSeat, actor) -> None:
    if seat.user_id != getattr(actor, "pk", None):
        raise ValidationError(_("Only the holder of this seat can do this."))


# --- Declarations ------------------------------------------------------------------------

# What the audit record keeps of a declaration, before and after each change.
DECLARATION_FIELDS = [
    "has_conflict",
    "kind",
    "reason",
    "ruling",
    "withdrawn_at",
    "withdrawn_kind",
    "withdrawn_reason",
]


@transaction.atomic
def declare(
    *, seat: CommitteeSeat, nomination, actor, has_conflict: bool, kind: str = "", reason: str = ""
) -> Declaration:
    """A member declares, for one dossier, no conflict or a conflict with its reason.
    No conflict after a conflict still pending withdraws it: the declaration keeps what
    was withdrawn, for the chair to see."""
    _require_holder(seat, actor)
    _require_accepted(nomination)
    _require_judging_open(seat.programme)
    if has_conflict:
        errors = {}
        if kind not in ConflictKind.values:
            errors["kind"] = _("Say what kind of conflict it is.")
        if not reason.strip():
            errors["reason"] = _("Give the reason for the conflict.")
        if errors:
            raise ValidationError(errors)
    sheet = ScoreSheet.objects.filter(seat=seat, nomination=nomination).first()
    if sheet and sheet.status == SheetStatus.SUBMITTED:
        raise ValidationError(
            _("The score sheet is submitted; the declaration can no longer change.")
        )
    existing = (
        Declaration.objects.select_for_update().filter(seat=seat, nomination=nomination).first()
    )
    if existing and existing.ruling in (Ruling.UPHELD, Ruling.DISMISSED):
        raise ValidationError(
            _("The chair has ruled on this declaration; it can no longer be changed."),
            code="ruled",
        )
    before = snapshot(existing, fields=DECLARATION_FIELDS) if existing else None
    # Only a pending conflict reaches here (a ruled one is refused above).
    withdrawing = existing is not None and existing.has_conflict and not has_conflict
    declaration = existing or Declaration(seat=seat, nomination=nomination)
    if withdrawing:
        declaration.withdrawn_at = timezone.now()
        declaration.withdrawn_kind, declaration.withdrawn_reason = existing.kind, existing.reason
    declaration.has_conflict = has_conflict
    declaration.kind = kind if has_conflict else ""
    declaration.reason = reason if has_conflict else ""
    # A new or changed conflict waits for the chair. Nobody rules on their own case: the
    # chair's own conflict recuses them at once.
    declaration.ruling = Ruling.PENDING if has_conflict else ""
    declaration.ruled_by, declaration.ruled_at, declaration.ruling_note = None, None, ""
    if has_conflict and seat.role == SeatRole.CHAIR:
        declaration.ruling, declaration.ruled_at = Ruling.UPHELD, timezone.now()
        declaration.ruled_by = actor
        declaration.ruling_note = _("The chair's own conflict: recused without a ruling.")
    declaration.full_clean()
    declaration.save()
    record(
        actor=actor,
        action="conflict.withdraw" if withdrawing else "conflict.declare",
        obj=declaration,
        before=before,
        after=snapshot(declaration, fields=DECLARATION_FIELDS),
    )
    return declaration


def is_chair(user, programme) -> bool:
    return CommitteeSeat.objects.filter(
        programme=programme, user=user, role=SeatRole.CHAIR
    ).exists()


@transaction.atomic
def rule_on_conflict(
    *, declaration: Declaration, actor, ruling: str, note: str = ""
) -> Declaration:
    """The chair upholds a declared conflict (the member is recused and their scores do
    not count) or dismisses it (the member may score)."""
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if not is_chair(actor, declaration.seat.programme):
        raise ValidationError(_("Only the chair rules on conflicts."))
    if declaration.seat.user_id == actor.pk:
        raise ValidationError(_("Nobody rules on their own declaration."))
    _require_judging_open(declaration.seat.programme)
    if not declaration.has_conflict:
        raise ValidationError(_("There is no conflict to rule on."))
    if ruling not in (Ruling.UPHELD, Ruling.DISMISSED):
        raise ValidationError({"ruling": _("Uphold or dismiss the conflict.")})
    before = {"ruling": declaration.ruling}
    declaration.ruling = ruling
    declaration.ruling_note = note
    declaration.ruled_by = actor
    declaration.ruled_at = timezone.now()
    declaration.save()
    record(
        actor=actor,
        action="conflict.rule",
        obj=declaration,
        before=before,
        after={"ruling": ruling, "note": note},
    )
    return declaration


# --- Score sheets ------------------------------------------------------------------------


def _discipline_prefill(nomination, criterion: Criterion) -> Decimal | None:
    version = nomination.versions.order_by("-number").first()
    discipline = (version.content if version else {}).get("dossier", {}).get("discipline")
    if discipline == DisciplineRecord.NEVER_PUNISHED:
        return criterion.max_points
    if discipline == DisciplineRecord.PUNISHED:
        return Decimal(0)
    return None


@transaction.atomic
def open_sheet(*, seat: CommitteeSeat, nomination, actor) -> ScoreSheet:
    """The member's sheet for a dossier, made on first opening. Needs a declaration
    first, and no unresolved or upheld conflict."""
    _require_holder(seat, actor)
    _require_accepted(nomination)
    _require_judging_open(seat.programme)
    _require_may_score(seat, nomination)
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
    _require_holder(sheet.seat, actor)
    _require_judging_open(sheet.seat.programme)
    _require_may_score(sheet.seat, sheet.nomination)
    if sheet.status != SheetStatus.DRAFT:
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
    _require_holder(sheet.seat, actor)
    _require_judging_open(sheet.seat.programme)
    _require_may_score(sheet.seat, sheet.nomination)
    if sheet.status != SheetStatus.DRAFT:
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
    if not is_chair(actor, sheet.seat.programme):
        raise ValidationError(_("Only the chair can reopen a sheet."))
    _require_judging_open(sheet.seat.programme)
    if sheet.status != SheetStatus.SUBMITTED:
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
