import rules

from rangwan.accounts.rules import is_committee_member, is_secretariat, is_viewer
from rangwan.programmes.rules import takes_part

rules.add_perm("judging.view_rubric", takes_part)
rules.add_perm("judging.change_rubric", is_secretariat)
rules.add_perm("judging.view_committee", is_secretariat | is_viewer | is_committee_member)
rules.add_perm("judging.change_committeeseat", is_secretariat)
