"""Who may do what with a nomination, and the states that decide it, as django-rules
predicates. The views and templates ask `has_perm` or these state predicates; the
services ask the same predicates before they write."""

import rules

from rangwan.accounts.rules import (
    is_district_head,
    is_district_staff,
    is_district_user,
    is_secretariat,
)
from rangwan.nominations.enums import NominationStatus as S
from rangwan.programmes.rules import district_takes_part


@rules.predicate
def is_own_nomination(user, nomination) -> bool:
    return nomination is not None and user.district_id == nomination.district_id


# --- States --------------------------------------------------------------------------------


@rules.predicate
def is_editable(user, nomination) -> bool:
    """The district may still change the pair, the dossier and its files (before their
    deadlines): it has not submitted the dossier, or it was returned for correction."""
    return nomination is not None and nomination.status in S.editable_by_district()


@rules.predicate
def is_certifiable(user, nomination) -> bool:
    """The district head may certify it (once it is complete): registered or a draft."""
    return nomination is not None and nomination.status in (S.REGISTERED, S.DRAFT)


@rules.predicate
def is_certified(user, nomination) -> bool:
    """Certified and not yet submitted: the district staff may submit it."""
    return nomination is not None and nomination.status == S.CERTIFIED


@rules.predicate
def awaits_screening(user, nomination) -> bool:
    return nomination is not None and nomination.status == S.SUBMITTED


@rules.predicate
def is_accepted(user, nomination) -> bool:
    return nomination is not None and nomination.status == S.ACCEPTED


# The secretariat reads every dossier, a district its own. The committee reads the
# accepted dossiers of its programme too, but its seats are judging's, above this app:
# judging/rules.py grants nominations.view_nomination, view_dossier_pdf and view_packet.
reads_as_district_or_secretariat = is_secretariat | (is_district_user & is_own_nomination)

rules.add_perm("nominations.view_district_home", is_district_user)
# On a programme: may this district user register the district's pair?
rules.add_perm("nominations.register_pair", is_district_staff & district_takes_part)
rules.add_perm("nominations.view_own_nomination", is_district_user & district_takes_part)
# On a nomination:
rules.add_perm("nominations.change_nomination", is_district_staff & is_own_nomination)
rules.add_perm("nominations.certify_dossier", is_district_head & is_own_nomination)
rules.add_perm("nominations.submit_dossier", is_district_staff & is_own_nomination)
rules.add_perm("nominations.screen_nomination", is_secretariat)
# On a programme:
rules.add_perm("nominations.view_screening", is_secretariat)
rules.add_perm("nominations.grant_extension", is_secretariat)
