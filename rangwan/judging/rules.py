"""Who may do what in judging, and the states that decide it, as django-rules predicates.
The views ask `has_perm`; the services ask the same predicates before they write."""

import rules

from rangwan.accounts.rules import is_committee_member, is_secretariat, is_viewer
from rangwan.judging import closing
from rangwan.judging.enums import SeatRole, SheetStatus
from rangwan.nominations.rules import is_accepted, reads_as_district_or_secretariat
from rangwan.programmes.rules import takes_part

# --- Seats -------------------------------------------------------------------------------


@rules.predicate
def holds_seat(user, programme) -> bool:
    return programme is not None and programme.seats.filter(user=user).exists()


@rules.predicate
def holds_chair(user, programme) -> bool:
    return programme is not None and programme.seats.filter(user=user, role=SeatRole.CHAIR).exists()


@rules.predicate
def sits_on_its_committee(user, nomination) -> bool:
    """A seat on the committee of the nomination's programme (the committee role alone
    is global: last year's members keep it)."""
    return nomination is not None and holds_seat(user, nomination.programme)


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

# Reading dossiers: nominations, below judging, cannot name the committee's seats, so the
# perms that let the committee read the accepted dossiers of its own programme (and the
# packet of them) are granted here, with the district's and the secretariat's reading.
can_read_dossier = reads_as_district_or_secretariat | (
    is_committee_member & is_accepted & sits_on_its_committee
)
# On a nomination:
rules.add_perm("nominations.view_nomination", can_read_dossier)
rules.add_perm("nominations.view_dossier_pdf", can_read_dossier)
# On a programme:
rules.add_perm("nominations.view_packet", is_secretariat | (is_committee_member & holds_seat))
