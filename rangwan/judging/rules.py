import rules

from rangwan.accounts.rules import is_committee_member, is_secretariat, is_viewer
from rangwan.judging.enums import SeatRole
from rangwan.programmes.rules import takes_part


@rules.predicate
def holds_seat(user, programme) -> bool:
    return programme is not None and programme.seats.filter(user=user).exists()


@rules.predicate
def holds_chair(user, programme) -> bool:
    return programme is not None and programme.seats.filter(user=user, role=SeatRole.CHAIR).exists()


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
