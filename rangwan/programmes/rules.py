import rules

from rangwan.accounts.rules import (
    is_committee_member,
    is_district_user,
    is_secretariat,
    is_viewer,
)


@rules.predicate
def district_takes_part(user, programme) -> bool:
    if programme is None or not user.district_id:
        return False
    return programme.districts.filter(pk=user.district_id).exists()


takes_part = (
    is_secretariat | is_viewer | is_committee_member | (is_district_user & district_takes_part)
)

rules.add_perm("programmes.list_programmes", is_secretariat | is_viewer | is_committee_member)
rules.add_perm("programmes.view_programme", takes_part)
rules.add_perm("programmes.view_dashboard", is_secretariat | is_viewer)
rules.add_perm("programmes.add_programme", is_secretariat)
rules.add_perm("programmes.change_programme", is_secretariat)
rules.add_perm("programmes.copy_programme", is_secretariat)
rules.add_perm("programmes.change_workplanstep", is_secretariat)
