"""The report's two charts as data with plot coordinates, drawn by
`reports/_charts.html`: the shapes in inline SVG, every word and number in HTML.

Why not text in the SVG: WeasyPrint lays SVG text out one character at a time, so the
stacked marks of Thai (the ์ over ธิ in บ้านโพธิ์, the ่ over ื in คลองเขื่อน) are drawn on
top of each other. HTML text is shaped by Pango and comes out right, in the PDF and in the
browser alike. matplotlib cannot shape Thai at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

PLOT_WIDTH = 300  # SVG user units; the plot scales to its cell
ROW_HEIGHT = 20
# The dot chart shows the top of the ranking: thirty rows fill a page and are where the
# award is decided. Past that (a national round has 880 districts) it would run to
# eighteen pages nobody reads and cost WeasyPrint a second a page; the whole field is
# shown instead as a histogram of the totals (`totals_histogram`).
DISTRIBUTION_ROWS = 30


def _x(value: Decimal, low: Decimal, high: Decimal) -> float:
    if high <= low:
        return 0.0
    return round(float((value - low) / (high - low)) * PLOT_WIDTH, 2)


@dataclass(frozen=True)
class Tick:
    value: Decimal
    x: float

    @property
    def percent(self) -> float:
        return round(100 * self.x / PLOT_WIDTH, 2)


def _ticks(low: Decimal, high: Decimal, step: Decimal) -> list[Tick]:
    ticks, value = [], low
    while value <= high:
        ticks.append(Tick(value, _x(value, low, high)))
        value += step
    return ticks


def _mean(values: list[Decimal]) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class DistributionRow:
    label: str  # the district
    totals: list[Decimal]  # each counted member's total for this dossier
    low: Decimal
    mean: Decimal
    high: Decimal
    dots: list[float]
    low_x: float
    mean_x: float
    high_x: float

    @property
    def mean_bar_x(self) -> float:
        return self.mean_x - 1.5  # the mean bar is 3 units wide, centred on the mean


@dataclass(frozen=True)
class DistributionChart:
    rows: list[DistributionRow]
    axis_low: Decimal
    axis_high: Decimal
    ticks: list[Tick]
    dossiers: int = 0  # every scored dossier; `rows` holds the first DISTRIBUTION_ROWS

    @property
    def is_top(self) -> bool:
        """Whether the chart shows only the top of the ranking."""
        return self.dossiers > len(self.rows)

    @property
    def ticks_path(self) -> str:
        """The grid lines of one row as one SVG path (one shape, not one per tick)."""
        return "".join(f"M{t.x:.2f} 0V{ROW_HEIGHT}" for t in self.ticks)


def score_distribution(
    dossiers: list[tuple[str, list[Decimal]]],
    full_marks: Decimal,
    *,
    limit: int = DISTRIBUTION_ROWS,
) -> DistributionChart | None:
    """Per dossier, every member's total as a dot, the range from lowest to highest as a
    line and the mean as a bar, for the first `limit` dossiers (give them in ranking
    order). Dots need no zero baseline, so the axis starts at the ten below the lowest
    total shown (the differences stay readable) and ends at full marks."""
    dossiers = [(label, totals) for label, totals in dossiers if totals]
    if not dossiers:
        return None
    scored = len(dossiers)
    dossiers = dossiers[:limit]
    lowest = min(min(totals) for _label, totals in dossiers)
    axis_low = Decimal(max(0, math.floor(lowest / 10) * 10 - 10))
    axis_high = Decimal(math.ceil(max(full_marks, *(max(t) for _l, t in dossiers)) / 10) * 10)
    step = Decimal(5) if axis_high - axis_low <= 30 else Decimal(10)
    rows = []
    for label, totals in dossiers:
        low, high, mean = min(totals), max(totals), _mean(totals)
        rows.append(
            DistributionRow(
                label=label,
                totals=totals,
                low=low,
                mean=mean,
                high=high,
                dots=[_x(t, axis_low, axis_high) for t in totals],
                low_x=_x(low, axis_low, axis_high),
                mean_x=_x(mean, axis_low, axis_high),
                high_x=_x(high, axis_low, axis_high),
            )
        )
    return DistributionChart(
        rows, axis_low, axis_high, _ticks(axis_low, axis_high, step), dossiers=scored
    )


@dataclass(frozen=True)
class HistogramRow:
    low: Decimal
    high: Decimal  # the band holds totals from low up to, not including, high,
    last: bool  # but the last band holds full marks too
    count: int
    x: float

    @property
    def high_shown(self) -> Decimal:
        """The highest total the bin holds (totals have two decimals)."""
        return self.high if self.last else self.high - Decimal("0.01")


@dataclass(frozen=True)
class HistogramChart:
    rows: list[HistogramRow]
    dossiers: int
    axis_high: int
    ticks: list[Tick]


def totals_histogram(totals: list[Decimal], full_marks: Decimal) -> HistogramChart | None:
    """How many dossiers have their total in each band of 5 points (10 when the totals
    spread over more than 50), from the band of the lowest total up to full marks: the
    whole field at a glance, however many districts take part."""
    if not totals:
        return None
    top = max(full_marks, *totals)
    width = Decimal(5) if top - min(totals) <= 50 else Decimal(10)
    low = Decimal(math.floor(min(totals) / width)) * width
    bands = max(1, math.ceil((top - low) / width))
    counts = [0] * bands
    for total in totals:
        counts[min(bands - 1, int((total - low) // width))] += 1
    # A round step (1, 2, 5, 10, 20, 50, …) with at most six of them up to the longest bar.
    step = next(
        unit * 10**power
        for power in range(8)
        for unit in (1, 2, 5)
        if max(counts) <= 6 * unit * 10**power
    )
    axis_high = max(1, math.ceil(max(counts) / step)) * step
    rows = [
        HistogramRow(
            low=low + i * width,
            high=low + (i + 1) * width,
            last=i == bands - 1,
            count=count,
            x=_x(Decimal(count), Decimal(0), Decimal(axis_high)),
        )
        for i, count in enumerate(counts)
    ]
    rows.reverse()  # highest band first, as the ranking reads
    return HistogramChart(
        rows, len(totals), axis_high, _ticks(Decimal(0), Decimal(axis_high), Decimal(step))
    )


@dataclass(frozen=True)
class CriterionRow:
    code: str
    title: str
    maximum: Decimal
    mean: Decimal
    max_x: float
    mean_x: float

    @property
    def percent_of_max(self) -> int:
        return round(100 * self.mean / self.maximum) if self.maximum else 0


@dataclass(frozen=True)
class CriterionChart:
    rows: list[CriterionRow]
    axis_high: Decimal
    ticks: list[Tick]


def criterion_means(
    criteria: list[tuple[str, str, Decimal]], means: dict[str, list[Decimal]]
) -> CriterionChart | None:
    """Per criterion, the committee's mean over every ranked dossier as a bar, drawn over
    a pale bar as long as the criterion's maximum, all on one points scale."""
    if not criteria or not any(means.get(code) for code, _title, _max in criteria):
        return None
    axis_high = Decimal(math.ceil(max(m for _c, _t, m in criteria) / 10) * 10) or Decimal(10)
    rows = []
    for code, title, maximum in criteria:
        values = means.get(code) or [Decimal(0)]
        mean = _mean(values)
        rows.append(
            CriterionRow(
                code=code,
                title=title,
                maximum=maximum,
                mean=mean,
                max_x=_x(maximum, Decimal(0), axis_high),
                mean_x=_x(mean, Decimal(0), axis_high),
            )
        )
    step = Decimal(5) if axis_high <= 20 else Decimal(10)
    return CriterionChart(rows, axis_high, _ticks(Decimal(0), axis_high, step))
