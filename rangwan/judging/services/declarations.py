"""The committee's conflicts of interest: each member declares, for each accepted dossier,
no conflict or a conflict with its reason; the chair upholds (the member is recused) or
dismisses each declared conflict."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.audit.services import record, snapshot
from rangwan.judging.enums import ConflictKind, Ruling, SeatRole
from rangwan.judging.models import CommitteeSeat, Declaration, ScoreSheet
from rangwan.judging.rules import holds_chair, is_draft_sheet, is_seat_holder
from rangwan.judging.services.guards import (
    require_accepted,
    require_holder,
    require_judging_open,
)
from rangwan.nominations.models import Nomination

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
    *,
    seat: CommitteeSeat,
    nomination: Nomination,
    actor,
    has_conflict: bool,
    kind: str = "",
    reason: str = "",
) -> Declaration:
    """A member declares, for one dossier, no conflict or a conflict with its reason.
    No conflict after a conflict still pending withdraws it: the declaration keeps what
    was withdrawn, for the chair to see."""
    require_holder(seat, actor)
    require_accepted(nomination)
    require_judging_open(seat.programme)
    if has_conflict:
        errors = {}
        if kind not in ConflictKind.values:
            errors["kind"] = _("Say what kind of conflict it is.")
        if not reason.strip():
            errors["reason"] = _("Give the reason for the conflict.")
        if errors:
            raise ValidationError(errors)
    sheet = ScoreSheet.objects.filter(seat=seat, nomination=nomination).first()
    if sheet and not is_draft_sheet(actor, sheet):
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


@transaction.atomic
def rule_on_conflict(
    *, declaration: Declaration, actor, ruling: str, note: str = ""
) -> Declaration:
    """The chair upholds a declared conflict (the member is recused and their scores do
    not count) or dismisses it (the member may score)."""
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if not holds_chair(actor, declaration.seat.programme):
        raise ValidationError(_("Only the chair rules on conflicts."))
    if is_seat_holder(actor, declaration.seat):
        raise ValidationError(_("Nobody rules on their own declaration."))
    require_judging_open(declaration.seat.programme)
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
