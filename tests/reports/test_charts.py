import dataclasses
from decimal import Decimal

from rangwan.documents.report import render_chart_pngs, render_report_html
from rangwan.reports.charts import DISTRIBUTION_ROWS, score_distribution, totals_histogram
from rangwan.reports.queries import programme_report


def test_distribution_of_a_long_ranking_shows_its_top():
    dossiers = [(f"อำเภอ {i}", [Decimal(90 - i % 40), Decimal(80)]) for i in range(100)]
    chart = score_distribution(dossiers, Decimal(100))
    assert chart.is_top and chart.dossiers == 100
    assert [row.label for row in chart.rows] == [label for label, _ in dossiers][:DISTRIBUTION_ROWS]


def test_distribution_of_a_short_ranking_shows_every_dossier():
    dossiers = [(f"อำเภอ {i}", [Decimal(70 + i), Decimal(80)]) for i in range(4)]
    chart = score_distribution(dossiers, Decimal(100))
    assert not chart.is_top and len(chart.rows) == chart.dossiers == 4


def test_histogram_counts_every_total_once_with_full_marks_in_the_top_band():
    totals = [Decimal("100"), Decimal("94.99"), Decimal("95"), Decimal("61.5")]
    chart = totals_histogram(totals, Decimal(100))
    assert chart.dossiers == 4 and sum(row.count for row in chart.rows) == 4
    top, second = chart.rows[:2]  # highest band first
    assert (top.low, top.high_shown, top.count) == (95, 100, 2)
    assert (second.low, second.high_shown, second.count) == (90, Decimal("94.99"), 1)
    assert chart.rows[-1].low == 60


def test_report_with_only_the_top_charted_adds_the_histogram(scored_final):
    programme, _nominations, _results = scored_final
    report = programme_report(programme)
    totals = [(row.label, row.totals) for row in report.distribution.rows]
    report = dataclasses.replace(
        report,
        distribution=score_distribution(totals, Decimal(100), limit=2),
        histogram=totals_histogram([row.total for row in report.ranking], Decimal(100)),
    )
    html = str(render_report_html(report))
    assert "๒ ลำดับแรกจาก ๔ ผลงาน" in html
    assert 'id="chart-histogram"' in html and "แผนภูมิที่ ๓ คะแนนเฉลี่ยรายเกณฑ์" in html
    assert len(render_chart_pngs(report)) == 3
