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


def programme_tally(programme, votes: dict[int, int] | None = None) -> Tally:
    rules = rules_for(programme)
    if votes is None:
        votes = dict(programme.tie_votes.values_list("nomination_id", "votes"))
    nominations = programme.nominations.filter(status=NominationStatus.ACCEPTED).order_by(
        "district__code"
    )
    return tally(
        nominations=nominations.values_list("pk", flat=True),
        criteria=[c.code for c in scored_criteria(programme)],
        sheets=counted_sheets(programme),
        tie_break=[TieBreak(link["label"], tuple(link["codes"])) for link in rules.tie_break],
        votes=votes,
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


@dataclass(frozen=True)
class MemberRow:
    nomination: object
    declaration: Declaration | None
    sheet: ScoreSheet | None


def member_rows(programme, seat) -> list[MemberRow]:
    nominations = programme.nominations.filter(status=NominationStatus.ACCEPTED).select_related(
        "district", "officer", "member", "dossier"
    )
    declarations = {d.nomination_id: d for d in seat.declarations.all()}
    sheets = {s.nomination_id: s for s in seat.sheets.all()}
    return [
        MemberRow(n, declarations.get(n.pk), sheets.get(n.pk))
        for n in nominations.order_by("district__code")
    ]


@dataclass(frozen=True)
class Cell:
    state: str  # undeclared, pending, recused, declared, draft, submitted
    sheet: ScoreSheet | None


@dataclass(frozen=True)
class BoardRow:
    nomination: object
    cells: list[Cell]
    submitted: int
    recused: int


@dataclass(frozen=True)
class Board:
    seats: list
    rows: list[BoardRow]
    needed: int

    @property
    def missing(self) -> int:
        return sum(
            1
            for row in self.rows
            for cell in row.cells
            if cell.state != "submitted" and cell.state != "recused"
        )


def progress_board(programme) -> Board:
    seats = list(programme.seats.select_related("user"))
    nominations = list(
        programme.nominations.filter(status=NominationStatus.ACCEPTED)
        .select_related("district")
        .order_by("district__code")
    )
    declarations = {
        (d.seat_id, d.nomination_id): d
        for d in Declaration.objects.filter(seat__programme=programme)
    }
    sheets = {
        (s.seat_id, s.nomination_id): s
        for s in ScoreSheet.objects.filter(seat__programme=programme)
    }
    rows = []
    for nomination in nominations:
        cells = []
        for seat in seats:
            declaration = declarations.get((seat.pk, nomination.pk))
            sheet = sheets.get((seat.pk, nomination.pk))
            if declaration is None:
                state = "undeclared"
            elif declaration.recused:
                state = "recused"
            elif not declaration.may_score:
                state = "pending"
            elif sheet is None:
                state = "declared"
            else:
                state = sheet.status
            cells.append(Cell(state, sheet))
        rows.append(
            BoardRow(
                nomination=nomination,
                cells=cells,
                submitted=sum(c.state == "submitted" for c in cells),
                recused=sum(c.state == "recused" for c in cells),
            )
        )
    return Board(seats=seats, rows=rows, needed=rules_for(programme).quorum(len(seats)))


def results_context(programme) -> dict:
    result = programme_tally(programme)
    criteria = scored_criteria(programme)
    nominations = {
        n.pk: n for n in programme.nominations.select_related("district", "officer", "member")
    }
    needed = rules_for(programme).quorum(programme.seats.count())
    rows = [
        {
            "result": r,
            "nomination": nominations[r.nomination],
            "means": [r.means[c.code] for c in criteria],
            "quorum_met": r.counted >= needed,
        }
        for r in result.results
    ]
    seats = {str(s.number): s for s in programme.seats.all()}
    leniency = [
        (seats.get(member), value)
        for member, value in sorted(result.leniency.items(), key=lambda kv: int(kv[0]))
    ]
    from rangwan.results.models import Results
    from rangwan.results.services import readiness_problems

    return {
        "programme": programme,
        "criteria": criteria,
        "rows": rows,
        "needed": needed,
        "leniency": leniency,
        "published": Results.objects.filter(programme=programme).first(),
        "problems": readiness_problems(programme),
        "tied_rows": [row for row in rows if row["result"].tied],
    }
