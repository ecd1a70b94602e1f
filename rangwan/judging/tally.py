"""Tallying the committee's scores: a pure function, data in and data out.

For each dossier and criterion the result is the mean over the counted sheets (submitted,
by a member not recused from that dossier); the total is the sum of those means; the
ranking is by total, then by a tie-break chain set per programme (by default: the higher
mean on criterion 3, the joint work; then the higher conduct total, 2.1–2.5; then the
chair's recorded vote). Arithmetic is exact (fractions); rounding is for display only.

Advisory figures, never used for ranking: the spread of the members' totals for each
dossier, and each member's leniency (the mean of their total minus the committee's mean
total, over the dossiers they scored).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

ZERO = Decimal(0)


@dataclass(frozen=True)
class Sheet:
    """One member's submitted scores for one dossier."""

    member: str
    nomination: int
    scores: Mapping[str, Decimal]


@dataclass(frozen=True)
class TieBreak:
    """One link of the tie-break chain: the sum of the means of `codes` (higher wins),
    or, with no codes, the chair's recorded vote (more votes win)."""

    label: str
    codes: tuple[str, ...] = ()

    @property
    def is_vote(self) -> bool:
        return not self.codes


DEFAULT_TIE_BREAK = (
    TieBreak("criterion 3", ("3",)),
    TieBreak("conduct total", ("2.1", "2.2", "2.3", "2.4", "2.5")),
    TieBreak("chair's vote"),
)


@dataclass
class Result:
    nomination: int
    counted: int
    means: dict[str, Fraction]
    total: Fraction
    member_totals: dict[str, Decimal]
    rank: int = 0
    decided_by: str = ""  # the tie-break link that placed it, if one was needed
    tied: bool = False  # still level with another after the whole chain
    keys: tuple[Fraction, ...] = field(default=(), repr=False)

    @property
    def spread(self) -> Fraction:
        values = list(self.member_totals.values())
        return Fraction(max(values) - min(values)) if values else Fraction(0)


@dataclass(frozen=True)
class Tally:
    results: list[Result]
    leniency: dict[str, Fraction]

    def result_for(self, nomination: int) -> Result:
        return next(r for r in self.results if r.nomination == nomination)


def rounded(value: Fraction, places: int = 2) -> Decimal:
    """A fraction for display: 197/3 -> Decimal('65.67')."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Sums:
    """The counted sheets reduced to what the ranking needs, for each dossier: the sum of
    the points on each criterion, and each member's total. The database can add these up
    itself (judging.queries.programme_sums), which at national scale is far quicker than
    reading every score."""

    points: Mapping[int, Mapping[str, Decimal]]
    member_totals: Mapping[int, Mapping[str, Decimal]]


def sums_of(sheets: Iterable[Sheet], criteria: Iterable[str]) -> Sums:
    criteria = list(criteria)
    points: dict[int, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(criteria, ZERO))
    member_totals: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for sheet in sheets:
        sums = points[sheet.nomination]
        total = ZERO
        for code in criteria:
            value = Decimal(sheet.scores.get(code) or 0)
            sums[code] += value
            total += value
        member_totals[sheet.nomination][sheet.member] = total
    return Sums(points=points, member_totals=member_totals)


def tally(
    *,
    nominations: Iterable[int],
    criteria: Iterable[str],
    sheets: Iterable[Sheet] = (),
    sums: Sums | None = None,
    tie_break: Iterable[TieBreak] = DEFAULT_TIE_BREAK,
    votes: Mapping[int, int] | None = None,
) -> Tally:
    """Rank the dossiers from the counted sheets (only those), or from their `sums`."""
    criteria = list(criteria)
    tie_break = list(tie_break)
    votes = votes or {}
    if sums is None:
        sums = sums_of(sheets, criteria)

    results = []
    for nomination in nominations:
        # Points add up exactly as Decimals; each division makes one exact Fraction.
        totals = sums.member_totals.get(nomination, {})
        counted = len(totals)
        points = sums.points.get(nomination, {})
        means = {code: _ratio(points.get(code) or ZERO, counted) for code in criteria}
        result = Result(
            nomination=nomination,
            counted=counted,
            means=means,
            total=_ratio(sum((points.get(code) or ZERO for code in criteria), ZERO), counted),
            member_totals=dict(totals),
        )
        result.keys = (
            result.total,
            *(
                Fraction(votes.get(nomination, 0))
                if link.is_vote
                else _ratio(sum((points.get(code) or ZERO for code in link.codes), ZERO), counted)
                for link in tie_break
            ),
        )
        results.append(result)

    results.sort(key=lambda r: r.keys, reverse=True)  # stable: equal keys keep their order
    _rank(results, tie_break)
    return Tally(results=results, leniency=_leniency(results))


def _rank(results: list[Result], tie_break: list[TieBreak]) -> None:
    """Competition ranking (1, 2, 2, 4). Records which link separated each dossier from
    the one above it, and marks dossiers still level after the whole chain."""
    for index, result in enumerate(results):
        if index == 0:
            result.rank = 1
            continue
        above = results[index - 1]
        if result.keys == above.keys:
            result.rank = above.rank
            result.tied = above.tied = True
            continue
        result.rank = index + 1
        if result.total == above.total:
            pairs = zip(above.keys, result.keys, strict=True)
            depth = next(i for i, (a, b) in enumerate(pairs) if a != b)
            above.decided_by = above.decided_by or tie_break[depth - 1].label
            result.decided_by = tie_break[depth - 1].label


def _ratio(value: Decimal, divisor: int) -> Fraction:
    """value / divisor as an exact Fraction (0 when nothing is counted)."""
    if not divisor:
        return Fraction(0)
    numerator, denominator = Decimal(value).as_integer_ratio()
    return Fraction(numerator, denominator * divisor)


def _leniency(results: list[Result]) -> dict[str, Fraction]:
    """Each member's mean of (their total - the dossier's mean total). Deviations are
    added as Decimals grouped by the dossier's count, so a few Fractions suffice:
    total - sum/count = (count * total - sum) / count."""
    deviations: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    dossiers: dict[str, int] = defaultdict(int)
    for result in results:
        if not result.counted:
            continue
        total_of_totals = sum(result.member_totals.values(), ZERO)
        for member, total in result.member_totals.items():
            deviations[member][result.counted] += result.counted * total - total_of_totals
            dossiers[member] += 1
    return {
        member: sum((_ratio(value, count) for count, value in by_count.items()), Fraction(0))
        / dossiers[member]
        for member, by_count in deviations.items()
    }
