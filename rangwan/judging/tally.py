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
    member_totals: dict[str, Fraction]
    rank: int = 0
    decided_by: str = ""  # the tie-break link that placed it, if one was needed
    tied: bool = False  # still level with another after the whole chain
    keys: tuple[Fraction, ...] = field(default=(), repr=False)

    @property
    def spread(self) -> Fraction:
        values = list(self.member_totals.values())
        return max(values) - min(values) if values else Fraction(0)


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


def tally(
    *,
    nominations: Iterable[int],
    criteria: Iterable[str],
    sheets: Iterable[Sheet],
    tie_break: Iterable[TieBreak] = DEFAULT_TIE_BREAK,
    votes: Mapping[int, int] | None = None,
) -> Tally:
    """Rank the dossiers. `sheets` must hold only the counted sheets."""
    criteria = list(criteria)
    tie_break = list(tie_break)
    votes = votes or {}
    by_nomination: dict[int, list[Sheet]] = defaultdict(list)
    for sheet in sheets:
        by_nomination[sheet.nomination].append(sheet)

    results = []
    for nomination in nominations:
        counted = by_nomination.get(nomination, [])
        means = {
            code: (
                sum((Fraction(s.scores.get(code, 0)) for s in counted), Fraction(0)) / len(counted)
                if counted
                else Fraction(0)
            )
            for code in criteria
        }
        member_totals = {
            s.member: sum((Fraction(s.scores.get(code, 0)) for code in criteria), Fraction(0))
            for s in counted
        }
        result = Result(
            nomination=nomination,
            counted=len(counted),
            means=means,
            total=sum(means.values(), Fraction(0)),
            member_totals=member_totals,
        )
        result.keys = (
            result.total,
            *(
                Fraction(votes.get(nomination, 0))
                if link.is_vote
                else sum((means.get(code, Fraction(0)) for code in link.codes), Fraction(0))
                for link in tie_break
            ),
        )
        results.append(result)

    results.sort(key=lambda r: tuple(-k for k in r.keys))
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


def _leniency(results: list[Result]) -> dict[str, Fraction]:
    deviations: dict[str, list[Fraction]] = defaultdict(list)
    for result in results:
        if not result.counted:
            continue
        mean_total = sum(result.member_totals.values(), Fraction(0)) / result.counted
        for member, total in result.member_totals.items():
            deviations[member].append(total - mean_total)
    return {member: sum(values, Fraction(0)) / len(values) for member, values in deviations.items()}
