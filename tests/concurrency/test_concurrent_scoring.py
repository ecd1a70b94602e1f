"""Committee members saving at the same moment, on PostgreSQL: nothing is lost.

SQLite serialises writers on one file lock, so these tests only mean something on
PostgreSQL (row locks on the sheet and on the audit chain's head)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from rangwan.audit.verify import verify_chain
from rangwan.judging import services
from rangwan.judging.enums import SheetStatus
from rangwan.judging.models import ScoreSheet
from rangwan.judging.queries import programme_tally

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every writer on one file lock",
    ),
]


def _run_at_once(jobs):
    """Run each job in its own thread, released together; return (results, errors)."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except Exception as error:
            errors[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def _open_all(demo, nomination):
    sheets = []
    for seat in demo.seats.order_by("number"):
        services.declare(seat=seat, nomination=nomination, actor=seat.user, has_conflict=False)
        sheets.append(services.open_sheet(seat=seat, nomination=nomination, actor=seat.user))
    return sheets


def _marks(sheet, work):
    return {
        s.criterion_id: (work if s.criterion.code == "3" else s.criterion.max_points, "ตามเอกสาร")
        for s in sheet.scores.select_related("criterion")
    }


def test_nine_members_save_and_submit_at_once_and_nothing_is_lost(accepted, demo):
    sheets = _open_all(demo, accepted)
    assert len(sheets) == 9
    works = {sheet.pk: str(20 + index) for index, sheet in enumerate(sheets)}

    def job(sheet):
        def save_and_submit():
            actor = sheet.seat.user
            saved = services.save_sheet(
                sheet=sheet,
                actor=actor,
                version=sheet.version,
                scores=_marks(sheet, works[sheet.pk]),
            )
            return services.submit_sheet(sheet=saved, actor=actor, version=saved.version)

        return save_and_submit

    _results, errors = _run_at_once([job(sheet) for sheet in sheets])
    assert errors == [None] * 9

    for sheet in ScoreSheet.objects.filter(nomination=accepted):
        assert sheet.status == SheetStatus.SUBMITTED
        assert sheet.version == 2  # one save, one submit
        work = sheet.scores.get(criterion__code="3")
        assert work.points == Decimal(works[sheet.pk])
    checked, broken = verify_chain()
    assert broken is None
    assert checked > 0
    result = programme_tally(demo, votes={}).result_for(accepted.pk)
    assert result.counted == 9
    assert result.means["3"] == sum(Decimal(w) for w in works.values()) / 9


def test_the_same_sheet_saved_from_two_devices_at_once_one_wins(accepted, demo):
    seat = demo.seats.get(number=2)
    (sheet,) = [s for s in _open_all(demo, accepted) if s.seat_id == seat.pk]

    def job(work):
        return lambda: services.save_sheet(
            sheet=sheet, actor=seat.user, version=sheet.version, scores=_marks(sheet, work)
        )

    results, errors = _run_at_once([job("30"), job("31")])
    winners = [r for r in results if r is not None]
    losers = [e for e in errors if e is not None]
    assert len(winners) == 1
    assert len(losers) == 1
    assert isinstance(losers[0], services.StaleSheet)
    sheet.refresh_from_db()
    assert sheet.version == 1
    assert (
        sheet.scores.get(criterion__code="3").points
        == winners[0].scores.get(criterion__code="3").points
    )
    assert verify_chain()[1] is None
