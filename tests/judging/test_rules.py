"""Judging's predicates, asked directly: who holds a seat or the chair, and the states the
services and the pages decide by."""

from rangwan.judging import closing
from rangwan.judging.enums import SheetStatus
from rangwan.judging.models import ScoreSheet
from rangwan.judging.rules import (
    holds_chair,
    holds_seat,
    is_draft_sheet,
    is_seat_holder,
    judging_is_open,
    sits_on_its_committee,
)
from rangwan.programmes.models import Programme
from rangwan.results import services as results


def test_the_chair_and_the_members_hold_their_seats(demo, users):
    chair, member = users["committee_chair"], users["committee_member"]
    assert holds_chair(chair, demo) and holds_seat(chair, demo)
    assert holds_seat(member, demo) and not holds_chair(member, demo)
    assert not holds_seat(users["secretariat"], demo)
    assert not holds_chair(chair, None)


def test_only_the_holder_of_a_seat_is_its_holder(demo, users):
    seat = demo.seats.get(user=users["committee_member"])
    assert is_seat_holder(users["committee_member"], seat)
    assert not is_seat_holder(users["committee_chair"], seat)


def test_a_seated_member_sits_on_the_committee_of_the_nominations_programme(accepted, users):
    assert sits_on_its_committee(users["committee_member"], accepted)
    assert not sits_on_its_committee(users["secretariat"], accepted)


def test_only_a_draft_sheet_is_a_draft():
    assert is_draft_sheet(None, ScoreSheet(status=SheetStatus.DRAFT))
    assert not is_draft_sheet(None, ScoreSheet(status=SheetStatus.SUBMITTED))
    assert not is_draft_sheet(None, None)


def test_judging_is_open_until_the_results_are_final(judged_programme, users):
    programme, _nominations = judged_programme
    assert judging_is_open(None, programme)
    results.publish_provisional(programme=programme, actor=users["committee_chair"])
    assert judging_is_open(None, programme)  # provisional results leave it open
    results.finalise_results(programme=programme, actor=users["committee_chair"])
    assert not judging_is_open(None, programme)
    assert list(Programme.objects.filter(closing.closed())) == [programme]
