import rules

from rangwan.accounts.rules import (
    is_committee_member,
    is_district_head,
    is_district_staff,
    is_district_user,
    is_secretariat,
)
from rangwan.judging.rules import holds_seat
from rangwan.programmes.rules import district_takes_part


@rules.predicate
def is_own_nomination(user, nomination) -> bool:
    return nomination is not None and user.district_id == nomination.district_id


rules.add_perm("nominations.view_district_home", is_district_user)
# On a programme: may this district user register the district's pair?
rules.add_perm("nominations.register_pair", is_district_staff & district_takes_part)
rules.add_perm("nominations.view_own_nomination", is_district_user & district_takes_part)
# On a nomination:
rules.add_perm("nominations.change_nomination", is_district_staff & is_own_nomination)
rules.add_perm("nominations.certify_dossier", is_district_head & is_own_nomination)
rules.add_perm("nominations.submit_dossier", is_district_staff & is_own_nomination)
rules.add_perm("nominations.screen_nomination", is_secretariat)


@rules.predicate
def is_accepted(user, nomination) -> bool:
    from rangwan.nominations.enums import NominationStatus

    return nomination is not None and nomination.status == NominationStatus.ACCEPTED


@rules.predicate
def sits_on_its_committee(user, nomination) -> bool:
    """A seat on the committee of the nomination's programme (the committee role alone
    is global: last year's members keep it)."""
    return nomination is not None and nomination.programme.seats.filter(user=user).exists()


# The committee reads the accepted dossiers of its own programme (the packet); the
# districts and the secretariat read their own and all, respectively.
can_read_dossier = (
    is_secretariat
    | (is_district_user & is_own_nomination)
    | (is_committee_member & is_accepted & sits_on_its_committee)
)
rules.add_perm("nominations.view_nomination", can_read_dossier)
rules.add_perm("nominations.view_dossier_pdf", can_read_dossier)
# On a programme:
rules.add_perm("nominations.view_screening", is_secretariat)
rules.add_perm("nominations.view_packet", is_secretariat | (is_committee_member & holds_seat))
rules.add_perm("nominations.grant_extension", is_secretariat)
