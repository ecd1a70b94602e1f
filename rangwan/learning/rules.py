"""Who may read, write and publish the lessons-learned write-up (ถอดบทเรียน).

Writing it: the secretariat (the seed gives step 6 to the provincial strategy group)
and the staff of the winning district, who know the work best. The district head of the
winning district reads it; publishing it is the secretariat's. Once published, every
district of the programme may read it: it is written "เพื่อนำไปปฏิบัติ", for others to
put into practice. The read-only roles (viewer, committee) read it at any stage.
"""

import rules

from rangwan.accounts.rules import (
    is_committee_member,
    is_district_staff,
    is_district_user,
    is_secretariat,
    is_viewer,
)
from rangwan.learning.queries import winning_district_id
from rangwan.programmes.rules import district_takes_part


@rules.predicate
def is_winning_district(user, programme) -> bool:
    if programme is None or not user.district_id:
        return False
    return winning_district_id(programme) == user.district_id


@rules.predicate
def write_up_published(user, programme) -> bool:
    return programme is not None and programme.lessons.published().exists()


can_write = is_secretariat | (is_district_staff & is_winning_district)

# All on a programme (there is one write-up a programme).
rules.add_perm(
    "learning.view_lessons",
    is_secretariat
    | is_viewer
    | is_committee_member
    | (is_district_user & is_winning_district)
    | (is_district_user & district_takes_part & write_up_published),
)
rules.add_perm("learning.change_lessons", can_write)
rules.add_perm("learning.publish_lessons", is_secretariat)
