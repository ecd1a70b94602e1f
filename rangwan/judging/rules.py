"""Who may do what in judging, and the states that decide it, as django-rules predicates.
The views ask `has_perm`; the services ask the same predicates before they write."""

import rules

from rangwan.accounts.rules import is_committee_member, is_secretariat, is_viewer
from rangwan.judging import closing
from rangwan.judging.enums import SeatRole, SheetStatus
from rangwan.programmes.rules import takes_part

# --- Seats -------------------------------------------------------------------------------


@rules.predicate
def holds_seat(user, programme) -> bool:
    return programme is not None and programme.seats.filter(user=user).exists()


@rules.predicate
def holds_chair(user, programme) -> bool:
    return programme is not None and programme.seats.filter(user=user, role=SeatRole.CHAIR).exists()


@rules.predicate
def is_seat_holder(user, seat) -> bool:
    """The user holds this very seat (and so declares and scores from it)."""
    return seat is not None and seat.user_id == getattr(user, "pk", None)


# --- States ------------------------------------------------------------------------------


@rules.predicate
def judging_is_open(user, programme) -> bool:
    """Until the programme's results are final (rangwan.judging.closing)."""
    return programme is not None and not closing.is_closed(programme)


@rules.predicate
def is_draft_sheet(user, sheet) -> bool:
    """A sheet its member may still change: not submitted (or reopened by the chair)."""
    return sheet is not None and sheet.status == SheetStatus.DRAFT


rules.add_perm("judging.view_rubric", takes_part)
rules.add_perm("judging.change_rubric", is_secretariat)
rules.add_perm("judging.view_committee", is_secretariat | is_viewer | is_committee_member)
rules.add_perm("judging.change_committeeseat", is_secretariat)
# On a programme:
rules.add_perm("judging.judge", is_committee_member & holds_seat)
rules.add_perm("judging.rule_conflicts", is_committee_member & holds_chair)
rules.add_perm("judging.view_progress", is_secretariat | (is_committee_member & holds_chair))
rules.add_perm("judging.manage_schedule", is_secretariat)
rules.add_perm(
    "judging.view_agenda", is_secretariat | is_viewer | (is_committee_member & holds_seat)
)
rules.add_perm("judging", is_secretariat)
for action in ("view", "add", "change"):
    rules.add_perm(f"judging.{action}_judgingrules", is_secretariat)
