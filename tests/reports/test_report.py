import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from rangwan.documents.report import (
    render_chart_png,
    render_report_docx,
    render_report_html,
    render_report_pdf,
    render_report_xlsx,
)
from rangwan.reports.queries import programme_report
from rangwan.results.queries import published
from tests.pdf_helpers import assert_all_sarabun, pdf_text, pdf_to_pngs, searchable

# Results and the audit entry their digest is checked against, nominations, districts,
# declarations, the indicators (3), the work plan.
REPORT_QUERIES = 9


def test_report_pdf_carries_the_title_year_districts_indicators_and_digest(scored_final):
    programme, _nominations, results = scored_final
    reader, text = pdf_text(render_report_pdf(programme))
    assert searchable("รายงานผลการดำเนินโครงการ") in text
    assert "๒๕๖๘" in text
    for district in ("บ้านโพธิ์", "คลองเขื่อน", "บางคล้า", "ท่าตะเกียบ"):
        assert searchable(district) in text
    # น้ำ (tone mark over SARA AM) extracts as นา; the page draws it right (see the PNG).
    assert "บางนาเปรี้ยว" in text
    # 10.1: 4 of 11 pairs registered; 10.3: no lessons learned yet.
    assert searchable("๑๑ คู่") in text and searchable("๔ คู่") in text
    assert searchable("ยังไม่บรรลุ") in text
    assert searchable("ผลการคัดเลือกเป็นที่สุด") in text
    assert results.digest in text
    assert f"/results/{programme.pk}/" in text
    assert_all_sarabun(reader, text)


def test_report_before_any_results_shows_no_scores(scored_programme):
    programme, _nominations = scored_programme
    report = programme_report(programme)
    assert report.status == "none"
    assert report.ranking == [] and report.distribution is None
    _reader, text = pdf_text(render_report_pdf(programme))
    assert searchable("ยังไม่ได้ประกาศผลการคัดเลือก") in text
    assert searchable("แผนภูมิ") not in text


def test_word_and_excel_before_any_results_have_no_scores(scored_programme):
    from docx import Document
    from openpyxl import load_workbook

    programme, _nominations = scored_programme
    document = Document(io.BytesIO(render_report_docx(programme)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "ยังไม่ได้ประกาศผลการคัดเลือก" in text
    assert len(document.inline_shapes) == 0
    workbook = load_workbook(io.BytesIO(render_report_xlsx(programme)))
    assert workbook["คะแนนรายกรรมการ"].max_row == 1  # the headers only
    assert workbook["แผนภูมิ"]["A1"].value == "ยังไม่ได้ประกาศผลการคัดเลือก"


def test_typed_text_is_escaped_on_the_reports_page(client_as, users, scored_programme):
    from rangwan.nominations.models import Dossier
    from rangwan.results import services

    programme, nominations = scored_programme
    Dossier.objects.filter(nomination=nominations[0]).update(work_title="<script>alert(1)</script>")
    chair = programme.seats.get(role="chair").user
    services.finalise_results(programme=programme, actor=chair)
    page = client_as(users["viewer"]).get(reverse("reports:report", args=[programme.pk]))
    html = page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_provisional_results_are_said_to_be_provisional(scored_programme, users):
    from rangwan.results import services

    programme, _nominations = scored_programme
    services.publish_provisional(programme=programme, actor=users["secretariat"])
    _reader, text = pdf_text(render_report_pdf(programme))
    assert searchable("ผลการคัดเลือกเบื้องต้น ยังไม่เป็นที่สุด") in text


def test_ranking_and_charts_follow_the_frozen_snapshot(scored_final):
    programme, _nominations, results = scored_final
    report = programme_report(programme)
    frozen = published(results).rows()
    assert [row.district for row in report.ranking] == [e.district for e in frozen]
    assert [row.total for row in report.ranking] == [e.total for e in frozen]
    # Each dossier's dots are the six counted members' totals; their mean is the total.
    for row, chart_row in zip(report.ranking, report.distribution.rows, strict=True):
        assert chart_row.label == row.district
        assert len(chart_row.totals) == 6
        assert abs(chart_row.mean - row.total) <= Decimal("0.01")


def test_charts_carry_thai_labels_and_their_values_in_the_svg(scored_final):
    programme, _nominations, _results = scored_final
    report = programme_report(programme)
    html = str(render_report_html(report))
    distribution = html[html.index('id="chart-distribution"') : html.index('id="chart-criteria"')]
    for row in report.distribution.rows:
        assert f'<td class="label">{row.label}</td>' in distribution
        assert f'data-mean="{row.mean}"' in distribution
    assert "บ้านโพธิ์" in distribution and "คลองเขื่อน" in distribution
    # The mean bar sits where the mean falls on the axis (3 units wide, 300 units long).
    first = report.distribution.rows[0]
    low, high = report.distribution.axis_low, report.distribution.axis_high
    expected = float((first.mean - low) / (high - low)) * 300 - 1.5
    assert f'class="mean" x="{expected:.2f}"' in distribution
    assert distribution.count('class="member"') == 6 * len(report.distribution.rows)
    # No text inside the SVG: WeasyPrint would draw Thai marks on top of each other.
    assert not re.search(r"<svg[^>]*>(?:(?!</svg>).)*<text", html, re.S)

    criteria = html[html.index('id="chart-criteria"') :]
    for row in report.criterion_chart.rows:
        assert row.title in criteria
        assert f'data-code="{row.code}" data-mean="{row.mean}" data-max="{row.maximum}"' in criteria
    joint = next(r for r in report.criterion_chart.rows if r.code == "3")
    assert joint.maximum == Decimal(40) and joint.max_x == 300.0
    expected_mean = sum(r.means[-1] for r in report.ranking) / len(report.ranking)
    assert joint.mean == expected_mean.quantize(Decimal("0.01"))


def test_conflicts_are_summarised_without_naming_or_numbering_the_member(scored_final):
    programme, _nominations, _results = scored_final
    report = programme_report(programme)
    [conflict] = report.conflicts
    assert conflict.district == "บ้านโพธิ์"
    assert conflict.ruling == "upheld"
    holder = programme.seats.get(number=7).holder_name
    _reader, text = pdf_text(render_report_pdf(programme))
    assert searchable(holder) not in text
    # Not even a number: a label beside a known recusal would single the member out.
    assert searchable("กรรมการคนที่") not in text
    assert searchable("งดเว้นการให้คะแนนผลงานนี้") in text


def test_report_word_has_headings_tables_and_the_chart_pictures(scored_final):
    from docx import Document

    programme, _nominations, results = scored_final
    document = Document(io.BytesIO(render_report_docx(programme)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "รายงานผลการดำเนินโครงการ" in text
    assert "๓. ผลการดำเนินงานตามตัวชี้วัด" in text
    assert "๗. แผนภูมิแสดงผลการให้คะแนน" in text
    assert results.digest in text
    assert all(table.style.name == "Table Grid" for table in document.tables)
    indicators = document.tables[0]
    assert indicators.rows[0].cells[0].text == "ตัวชี้วัด"
    assert [row.cells[0].text for row in indicators.rows[1:]] == ["๑๐.๑", "๑๐.๒", "๑๐.๓"]
    participation = next(t for t in document.tables if t.rows[0].cells[0].text == "อำเภอ")
    assert "บ้านโพธิ์" in [row.cells[0].text for row in participation.rows]
    assert len(document.inline_shapes) == 2  # the two charts


def test_chart_picture_is_a_trimmed_png(scored_final):
    from PIL import Image

    programme, _nominations, _results = scored_final
    png = render_chart_png(programme_report(programme), "distribution")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.width > image.height  # trimmed to the chart, not a whole page


def test_report_excel_has_thai_headers_every_score_and_the_ranking(scored_final):
    from openpyxl import load_workbook

    programme, _nominations, results = scored_final
    workbook = load_workbook(io.BytesIO(render_report_xlsx(programme)))
    assert workbook.sheetnames == ["สรุป", "การเสนอชื่อ", "คะแนนรายกรรมการ", "ลำดับผล", "แผนภูมิ"]
    scores = workbook["คะแนนรายกรรมการ"]
    header = [c.value for c in scores[1]]
    assert header == ["อำเภอ", "แบบให้คะแนน", "รหัสเกณฑ์", "เกณฑ์การพิจารณา", "คะแนนเต็ม", "คะแนน"]
    rows = list(scores.iter_rows(min_row=2, values_only=True))
    bundle = published(results).bundle
    sheets = [s for d in bundle["dossiers"] for s in d["sheets"]]
    assert len(rows) == len(sheets) * len(bundle["rubric"]["criteria"])  # one row per score
    assert sum(Decimal(str(r[5])) for r in rows) == sum(
        Decimal(v) for s in sheets for v in s["points"].values()
    )
    assert scores["A2"].font.name == "Sarabun"
    # Rows tall enough for Sarabun 14 (Excel's default 15 pt makes lines touch).
    assert {sheet.sheet_format.defaultRowHeight for sheet in workbook.worksheets} == {21}
    ranking = workbook["ลำดับผล"]
    frozen = published(results).rows()
    assert [r[1] for r in ranking.iter_rows(min_row=2, values_only=True)] == [
        e.district for e in frozen
    ]
    assert [Decimal(str(r[-2])) for r in ranking.iter_rows(min_row=2, values_only=True)] == [
        e.total for e in frozen
    ]
    assert len(workbook["แผนภูมิ"]._charts) == 2
    nominations = workbook["การเสนอชื่อ"]
    assert nominations.max_row == 1 + programme.districts.count()


def test_report_renders_to_png_for_people_to_look_at(scored_final, time_at):
    programme, _nominations, _results = scored_final
    time_at(dt.date(2025, 6, 10))  # after the committee's meeting, before the report is due
    pages = pdf_to_pngs(render_report_pdf(programme), "report", scale=70 / 72)
    assert len(pages) >= 4 and all(p.stat().st_size > 5000 for p in pages)


def test_reports_page_shows_the_report_and_its_downloads(client_as, users, scored_final):
    programme, _nominations, _results = scored_final
    page = client_as(users["viewer"]).get(reverse("reports:report", args=[programme.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "รายงานผลการดำเนินโครงการ" in html
    assert 'id="chart-distribution"' in html
    assert reverse("reports:report_pdf", args=[programme.pk]) in html
    # Viewers read the report but do not get the exports that name members.
    assert reverse("reports:scores_csv", args=[programme.pk]) not in html
    page = client_as(users["secretariat"]).get(reverse("reports:report", args=[programme.pk]))
    assert reverse("reports:scores_csv", args=[programme.pk]) in page.content.decode()


def test_report_downloads_have_their_types(client_as, users, scored_final):
    from rangwan.documents.spreadsheets import XLSX_TYPE
    from rangwan.documents.word import DOCX_TYPE

    programme, _nominations, _results = scored_final
    client = client_as(users["viewer"])
    for name, content_type in (
        ("reports:report_pdf", "application/pdf"),
        ("reports:report_docx", DOCX_TYPE),
        ("reports:report_xlsx", XLSX_TYPE),
    ):
        response = client.get(reverse(name, args=[programme.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("fixture", ["final_results", "scored_final"])
def test_report_queries_do_not_grow_with_the_number_of_dossiers(
    request, django_assert_num_queries, fixture
):
    programme = request.getfixturevalue(fixture)[0]  # two dossiers, then four
    with django_assert_num_queries(REPORT_QUERIES):
        programme_report(programme)
