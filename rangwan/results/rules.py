import rules

from rangwan.accounts.rules import is_committee_member, is_secretariat
from rangwan.judging.rules import holds_chair

rules.add_perm("results.publish", is_secretariat | (is_committee_member & holds_chair))
rules.add_perm("results.finalise", is_committee_member & holds_chair)
rules.add_perm("results.reveal_key", is_secretariat)
