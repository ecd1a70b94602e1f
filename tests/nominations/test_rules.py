"""The state predicates of a nomination, asked directly: the views show an action and the
services allow it by the same answer."""

from rangwan.nominations.enums import NominationStatus as S
from rangwan.nominations.models import Nomination
from rangwan.nominations.rules import (
    awaits_screening,
    is_accepted,
    is_certifiable,
    is_certified,
    is_editable,
)

PREDICATES = {
    "editable": is_editable,
    "certifiable": is_certifiable,
    "certified": is_certified,
    "awaits_screening": awaits_screening,
    "accepted": is_accepted,
}
# status -> the predicates that hold in it
EXPECTED = {
    S.REGISTERED: {"editable", "certifiable"},
    S.DRAFT: {"editable", "certifiable"},
    S.CERTIFIED: {"editable", "certified"},
    S.RETURNED: {"editable"},
    S.SUBMITTED: {"awaits_screening"},
    S.ACCEPTED: {"accepted"},
    S.REJECTED: set(),
}


def test_each_state_predicate_holds_in_exactly_its_states():
    assert set(EXPECTED) == set(S.values)
    for status, holding in EXPECTED.items():
        nomination = Nomination(status=status)
        for name, predicate in PREDICATES.items():
            assert predicate(None, nomination) is (name in holding), (status, name)


def test_no_nomination_is_in_no_state():
    for name, predicate in PREDICATES.items():
        assert predicate(None, None) is False, name
