"""The tally as the database adds it up (judging.queries.programme_sums) must equal the
tally from every counted sheet read one by one, which is what the frozen snapshot and
`verify_results` use. Recused members' sheets and drafts are left out by both."""

from decimal import Decimal

import pytest

from rangwan.judging.enums import ConflictKind, SheetStatus
from rangwan.judging.models import Declaration, Score, ScoreSheet
from rangwan.judging.queries import counted_sheets, programme_sums, programme_tally, scored_criteria
from rangwan.judging.tally import sums_of, tally


@pytest.fixture
def awkward(judged_programme):
    """judged_programme plus: member 7 submitted odd points on บางคล้า and was then
    recused (upheld); member 8 left a draft on เมือง; member 9 submitted a sheet on เมือง
    with halves and one criterion left empty."""
    programme, (bangkhla, mueang) = judged_programme
    criteria = list(scored_criteria(programme))

    def sheet(number, nomination, status, points):
        seat = programme.seats.get(number=number)
        made = ScoreSheet.objects.create(seat=seat, nomination=nomination, status=status)
        Score.objects.bulk_create(
            Score(sheet=made, criterion=c, points=p) for c, p in zip(criteria, points, strict=True)
        )
        return seat

    seven = sheet(7, bangkhla, SheetStatus.SUBMITTED, [Decimal("0.25")] * len(criteria))
    Declaration.objects.create(
        seat=seven,
        nomination=bangkhla,
        has_conflict=True,
        kind=ConflictKind.RELATIVE,
        ruling="upheld",
    )
    sheet(8, mueang, SheetStatus.DRAFT, [Decimal(1)] * len(criteria))
    halves = [Decimal("7.5"), None, *[Decimal("2.5")] * (len(criteria) - 2)]
    sheet(9, mueang, SheetStatus.SUBMITTED, halves)
    return programme, bangkhla, mueang


def test_the_database_adds_up_exactly_what_the_sheets_hold(awkward):
    programme, bangkhla, mueang = awkward
    codes = [c.code for c in scored_criteria(programme)]
    assert programme_sums(programme, codes) == sums_of(counted_sheets(programme), codes)

    result = programme_tally(programme, votes={})
    from_sheets = tally(
        nominations=[mueang.pk, bangkhla.pk], criteria=codes, sheets=counted_sheets(programme)
    )
    assert [(r.nomination, r.rank, r.total, r.means, r.counted) for r in result.results] == [
        (r.nomination, r.rank, r.total, r.means, r.counted) for r in from_sheets.results
    ]
    assert result.leniency == from_sheets.leniency
    # Six members on บางคล้า (member 7 recused), seven on เมือง (8 is a draft).
    assert {r.nomination: r.counted for r in result.results} == {bangkhla.pk: 6, mueang.pk: 7}
