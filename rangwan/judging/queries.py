"""Reads for judging: the rules, the rubric and its problems, the scored criteria, the
tally from the stored sheets, the member's list and the progress board."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Exists, OuterRef, Q, QuerySet, Sum

from rangwan.judging.enums import Ruling, SheetStatus
from rangwan.judging.models import (
    Criterion,
    Declaration,
    JudgingRules,
    Rubric,
    Score,
    ScoreSheet,
)
from rangwan.judging.rubric import CriterionRow, rubric_problems
from rangwan.judging.tally import ZERO, Sheet, Sums, Tally, TieBreak, tally
from rangwan.nominations.enums import NominationStatus
from rangwan.nominations.models import Nomination


def rules_for(programme) -> JudgingRules:
    """The programme's saved rules, or the defaults unsaved. Pages read this, and a read
    must not write: the rules are saved by whoever sets them (the admin, a copy)."""
    return JudgingRules.objects.filter(programme=programme).first() or JudgingRules(
        programme=programme
    )


def accepted_in_order(programme) -> list[Nomination]:
    """The dossiers accepted for judging, in district-code order (the order a draw of the
    presentations starts from)."""
    return list(
        programme.nominations.filter(status=NominationStatus.ACCEPTED)
        .select_related("district")
        .order_by("district__code")
    )


def scored_criteria(programme) -> list[Criterion]:
    """The criteria a member scores: the leaves of the rubric tree, in order."""
    criteria = list(programme.rubric.criteria.select_related("parent"))
    parents = {c.parent_id for c in criteria if c.parent_id}
    return [c for c in criteria if c.pk not in parents]


def rubric_rows(rubric: Rubric) -> list[CriterionRow]:
    criteria = list(rubric.criteria.select_related("parent"))
    return [
        CriterionRow(
            code=c.code,
            title=c.title_th,
            description=c.description_th,
            max_points=c.max_points,
            parent_code=c.parent.code if c.parent else None,
        )
        for c in criteria
    ]


def check_rubric(rubric: Rubric) -> list[str]:
    """What is off with a stored rubric; judging will not open while this is not empty."""
    return rubric_problems(rubric.declared_total, rubric_rows(rubric))


def counted_sheets(programme) -> list[Sheet]:
    """Submitted sheets of members not recused from that dossier. Read as plain tuples
    (two queries): at national scale there are 9 × 880 sheets and 7 scores each."""
    recused = set(
        Declaration.objects.filter(
            seat__programme=programme, has_conflict=True, ruling="upheld"
        ).values_list("seat_id", "nomination_id")
    )
    submitted = {"sheet__seat__programme": programme, "sheet__status": SheetStatus.SUBMITTED}
    scores: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for sheet_id, code, points in Score.objects.filter(**submitted).values_list(
        "sheet_id", "criterion__code", "points"
    ):
        scores[sheet_id][code] = points
    sheets = ScoreSheet.objects.filter(seat__programme=programme, status=SheetStatus.SUBMITTED)
    return [
        Sheet(member=str(number), nomination=nomination_id, scores=scores[pk])
        for pk, seat_id, number, nomination_id in sheets.values_list(
            "pk", "seat_id", "seat__number", "nomination_id"
        )
        if (seat_id, nomination_id) not in recused
    ]


def programme_sums(programme, criteria: list[str]) -> Sums:
    """What `tally.sums_of(counted_sheets(programme))` gives, added up by the database:
    two grouped queries of about 9 × N and 7 × N rows instead of 63 × N scores. Seats and
    criteria are matched by id (names mapped here), which saves two joins a row."""
    seats = dict(programme.seats.values_list("pk", "number"))
    codes = dict(
        Criterion.objects.filter(rubric__programme=programme, code__in=criteria).values_list(
            "pk", "code"
        )
    )
    upheld = Declaration.objects.filter(
        seat=OuterRef("seat"), nomination=OuterRef("nomination"), has_conflict=True, ruling="upheld"
    )
    sheets = ScoreSheet.objects.filter(
        ~Exists(upheld), seat__in=list(seats), status=SheetStatus.SUBMITTED
    )
    exact = DecimalField(max_digits=20, decimal_places=2)  # SQLite sums floats: round back
    in_criteria = Q(scores__criterion__in=list(codes))
    member_totals: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for nomination, seat, total in (
        sheets.values_list("nomination_id", "seat_id")
        .annotate(total=Sum("scores__points", filter=in_criteria, output_field=exact))
        .order_by()
    ):
        member_totals[nomination][str(seats[seat])] = total or ZERO
    points: dict[int, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(criteria, ZERO))
    for nomination, criterion, total in (
        # Not filtered by criterion in SQL: SQLite would then start from the scores and
        # test the recusal once a score instead of once a sheet.
        sheets.values_list("nomination_id", "scores__criterion_id")
        .annotate(total=Sum("scores__points", output_field=exact))
        .order_by()
    ):
        if criterion in codes:
            points[nomination][codes[criterion]] = total or ZERO
    return Sums(points=points, member_totals=member_totals)


def programme_tally(programme, *, votes: Mapping[int, int]) -> Tally:
    """The ranking the counted sheets give, with `votes` (nomination pk -> the votes the
    committee gave it) for the last link of the tie-break chain. The votes are recorded
    in results, above judging, which passes them in (results.live.live_tally)."""
    rules = rules_for(programme)
    nominations = programme.nominations.filter(status=NominationStatus.ACCEPTED).order_by(
        "district__code"
    )
    criteria = [c.code for c in scored_criteria(programme)]
    return tally(
        nominations=nominations.values_list("pk", flat=True),
        criteria=criteria,
        sums=programme_sums(programme, criteria),
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


def declared_conflicts(programme) -> QuerySet[Declaration]:
    """What the chair rules on, and what was withdrawn before a ruling: a conflict
    declared and then taken back is still the chair's to know of."""
    return (
        Declaration.objects.filter(seat__programme=programme)
        .filter(Q(has_conflict=True) | Q(withdrawn_at__isnull=False))
        .select_related("seat", "seat__user", "nomination__district", "ruled_by")
        .order_by("nomination__district__code", "seat__number")
    )


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
    sheet: int | None  # the sheet's pk
    seat: object


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


def _cell_state(declaration: tuple[bool, str] | None, sheet_status: str | None) -> str:
    if declaration is None:
        return "undeclared"
    has_conflict, ruling = declaration
    if has_conflict and ruling == Ruling.UPHELD:
        return "recused"
    if has_conflict and ruling != Ruling.DISMISSED:
        return "pending"
    return sheet_status or "declared"


def progress_board(programme) -> Board:
    """Read as tuples: at national scale the board has 9 × 880 cells."""
    seats = list(programme.seats.select_related("user"))
    nominations = list(
        programme.nominations.filter(status=NominationStatus.ACCEPTED)
        .select_related("district")
        .order_by("district__code")
    )
    declarations = {
        (seat, nomination): (conflict, ruling)
        for seat, nomination, conflict, ruling in Declaration.objects.filter(
            seat__programme=programme
        ).values_list("seat_id", "nomination_id", "has_conflict", "ruling")
    }
    sheets = {
        (seat, nomination): (pk, status)
        for pk, seat, nomination, status in ScoreSheet.objects.filter(
            seat__programme=programme
        ).values_list("pk", "seat_id", "nomination_id", "status")
    }
    rows = []
    for nomination in nominations:
        cells = []
        for seat in seats:
            sheet, status = sheets.get((seat.pk, nomination.pk), (None, None))
            state = _cell_state(declarations.get((seat.pk, nomination.pk)), status)
            cells.append(Cell(state, sheet if status else None, seat))
        rows.append(
            BoardRow(
                nomination=nomination,
                cells=cells,
                submitted=sum(c.state == "submitted" for c in cells),
                recused=sum(c.state == "recused" for c in cells),
            )
        )
    return Board(seats=seats, rows=rows, needed=rules_for(programme).quorum(len(seats)))
