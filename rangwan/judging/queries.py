"""Reads for judging: the tally from the stored sheets, and the progress board."""

from __future__ import annotations

from dataclasses import dataclass

from rangwan.judging.enums import SheetStatus
from rangwan.judging.models import Declaration, ScoreSheet
from rangwan.judging.scoring import rules_for, scored_criteria
from rangwan.judging.tally import Sheet, Tally, TieBreak, tally
from rangwan.nominations.enums import NominationStatus


def counted_sheets(programme) -> list[Sheet]:
    """Submitted sheets of members not recused from that dossier."""
    recused = set(
        Declaration.objects.filter(
            seat__programme=programme, has_conflict=True, ruling="upheld"
        ).values_list("seat_id", "nomination_id")
    )
    sheets = (
        ScoreSheet.objects.filter(seat__programme=programme, status=SheetStatus.SUBMITTED)
        .select_related("seat")
        .prefetch_related("scores__criterion")
    )
    return [
        Sheet(
            member=str(sheet.seat.number),
            nomination=sheet.nomination_id,
            scores={s.criterion.code: s.points for s in sheet.scores.all()},
        )
        for sheet in sheets
        if (sheet.seat_id, sheet.nomination_id) not in recused
    ]


def programme_tally(programme) -> Tally:
    rules = rules_for(programme)
    nominations = programme.nominations.filter(status=NominationStatus.ACCEPTED).order_by(
        "district__code"
    )
    return tally(
        nominations=nominations.values_list("pk", flat=True),
        criteria=[c.code for c in scored_criteria(programme)],
        sheets=counted_sheets(programme),
        tie_break=[TieBreak(link["label"], tuple(link["codes"])) for link in rules.tie_break],
    )


@dataclass(frozen=True)
class QuorumRow:
    nomination: int
    counted: int
    needed: int

    @property
    def met(self) -> bool:
        return self.counted >= self.needed


def quorum(programme, result: Tally) -> list[QuorumRow]:
    needed = rules_for(programme).quorum(programme.seats.count())
    return [QuorumRow(r.nomination, r.counted, needed) for r in result.results]
