"""รายงานผลการดำเนินโครงการ, the report to superiors, as HTML, PDF, Word and Excel.

One set of facts (`reports.queries.programme_report`) feeds every format. The charts are
HTML with SVG shapes (see `reports.charts`); Word gets them as PNG pictures rasterised
from WeasyPrint's PDF, so their Thai labels are shaped as in the PDF. Excel gets native
charts over the same figures.
"""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from rangwan.core.thai import MONTHS_TH, be_year, date_full, date_short, thai_digits
from rangwan.documents.pdf import font_faces, html_to_pdf, pdf_to_png, render_pdf
from rangwan.reports.queries import (
    INDICATOR_TEXT_TH,
    INDICATOR_UNIT_TH,
    ProgrammeReport,
    StepState,
    programme_report,
)

STEP_STATE_TH = {
    StepState.DONE_ON_TIME: "แล้วเสร็จตามกำหนด",
    StepState.DONE_LATE: "แล้วเสร็จช้ากว่ากำหนด",
    StepState.OVERDUE: "เลยกำหนด ยังไม่แล้วเสร็จ",
    StepState.UPCOMING: "ยังไม่ถึงกำหนด",
}
CONFLICT_KIND_TH = {
    "same_district": "อยู่อำเภอเดียวกัน",
    "relative": "เป็นญาติ",
    "same_network": "อยู่เครือข่ายเดียวกัน",
    "other": "อื่น ๆ",
}
RULING_TH = {
    "upheld": "งดเว้นการให้คะแนนผลงานนี้",
    "dismissed": "ให้คะแนนได้",
    "pending": "รอประธานวินิจฉัย",
}
STATUS_TH = {
    "final": "ผลการคัดเลือกเป็นที่สุด",
    "provisional": "ผลการคัดเลือกเบื้องต้น ยังไม่เป็นที่สุด",
    "none": "ยังไม่ได้ประกาศผลการคัดเลือก",
}


def _period(report: ProgrammeReport) -> str:
    start, end = report.programme.period_start, report.programme.period_end
    if be_year(start) == be_year(end):
        text = f"เดือน{MONTHS_TH[start.month - 1]} – {MONTHS_TH[end.month - 1]} {be_year(end)}"
    else:
        text = (
            f"เดือน{MONTHS_TH[start.month - 1]} {be_year(start)} – "
            f"{MONTHS_TH[end.month - 1]} {be_year(end)}"
        )
    return thai_digits(text)


def _office_name(report: ProgrammeReport) -> str:
    province = report.programme.province
    office = getattr(province, "office", None)
    return office.name_th if office else f"จังหวัด{province.name_th}"


def _number(value: Decimal | int | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, Decimal):
        value = value.normalize() if value == value.to_integral() else value
        text = format(value, "f")
    else:
        text = str(value)
    return thai_digits(text)


def _context(report: ProgrammeReport) -> dict:
    rows = report.participation
    return {
        "report": report,
        "office_name": _office_name(report),
        "period": _period(report),
        "indicators": [
            (ind, INDICATOR_TEXT_TH.get(ind.code, ind.label), INDICATOR_UNIT_TH.get(ind.code, ""))
            for ind in report.indicators
        ],
        "counts": {
            "registered": sum(r.registered for r in rows),
            "submitted": sum(r.submitted for r in rows),
            "accepted": sum(r.accepted for r in rows),
        },
    }


def render_report_html(report: ProgrammeReport) -> SafeString:
    """The report's body with its styles, for the reports page (always in Thai: it is
    the official document, whatever language the page is in)."""
    with translation.override("th"):
        context = _context(report)
        return SafeString(
            render_to_string("documents/_report_style.html")
            + render_to_string("documents/_report_chart_style.html")
            + render_to_string("documents/_report_body.html", context)
        )


def render_report_pdf(programme) -> bytes:
    with translation.override("th"):
        return render_pdf("documents/report.html", _context(programme_report(programme)))


def render_chart_png(report: ProgrammeReport, which: str, *, dpi: int = 200) -> bytes | None:
    """One chart ("distribution" or "criteria") as a trimmed PNG, or None when the
    report has no such chart yet."""
    chart = report.distribution if which == "distribution" else report.criterion_chart
    if chart is None:
        return None
    with translation.override("th"):
        html = render_to_string(
            "documents/report_chart.html",
            {"report": report, "which": which, "font_faces": font_faces()},
        )
        return pdf_to_png(html_to_pdf(html), dpi=dpi, trim=True)


# Word ---------------------------------------------------------------------------------


def _docx_table(document, headers: list[str], rows: list[list[str]], widths_cm=None):
    from docx.shared import Cm

    from rangwan.documents.word import thai_run

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        thai_run(cell.paragraphs[0], header, bold=True, size_pt=14)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            thai_run(cell.paragraphs[0], str(value), size_pt=14)
    if widths_cm:
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(width)
    document.add_paragraph()
    return table


def _heading(document, text: str):
    from rangwan.documents.word import thai_run

    paragraph = document.add_paragraph(style="Heading 2")
    thai_run(paragraph, text, bold=True, size_pt=16)
    return paragraph


def _paragraph(document, text: str, *, indent: bool = True, center: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    from rangwan.documents.word import thai_run

    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.25)
    thai_run(paragraph, text)
    return paragraph


def render_report_docx(programme) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    from rangwan.documents.word import new_document, thai_run, to_bytes

    report = programme_report(programme)
    with translation.override("th"):
        context = _context(report)
        document = new_document()
        title = document.add_paragraph(style="Title")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        thai_run(title, "รายงานผลการดำเนินโครงการ", bold=True, size_pt=20)
        _paragraph(document, programme.name_th, center=True)
        _paragraph(document, context["office_name"], center=True)
        _paragraph(document, f"ข้อมูล ณ วันที่ {date_full(report.generated_at)}", center=True)

        _heading(document, "๑. ข้อมูลโครงการ")
        for label, value in (
            ("หน่วยงานที่รับผิดชอบ", programme.responsible_unit or context["office_name"]),
            ("ระยะเวลาดำเนินการ", context["period"]),
            (
                "พื้นที่ดำเนินการ",
                f"{thai_digits(len(report.participation))} อำเภอ จังหวัด{programme.province.name_th}",
            ),
        ):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.6)
            thai_run(paragraph, f"{label} : ", bold=True)
            thai_run(paragraph, value)

        _heading(document, "๒. วัตถุประสงค์")
        for number, objective in enumerate(report.objectives, start=1):
            _paragraph(document, f"๒.{thai_digits(number)} {objective}")

        _heading(document, "๓. ผลการดำเนินงานตามตัวชี้วัด")
        _docx_table(
            document,
            ["ตัวชี้วัด", "รายการ", "เป้าหมาย", "ผลการดำเนินงาน", "ผลการประเมิน"],
            [
                [
                    thai_digits(ind.code),
                    text,
                    f"{thai_digits(ind.target)} {unit}",
                    f"{thai_digits(ind.actual)} {unit}",
                    ("บรรลุ" if ind.met else "ยังไม่บรรลุ") + f" (ร้อยละ {thai_digits(ind.percent)})",
                ]
                for ind, text, unit in context["indicators"]
            ],
            [1.6, 6.4, 2.2, 2.6, 3.2],
        )

        _heading(document, "๔. ผลการดำเนินงานตามแผนการดำเนินงาน")
        _docx_table(
            document,
            ["ลำดับ", "รายการที่ปฏิบัติ", "กำหนด", "แล้วเสร็จ", "สถานะ"],
            [
                [
                    thai_digits(row.step.number),
                    row.step.title,
                    date_short(row.step.due_date, thai=True),
                    date_short(row.step.done_on, thai=True) if row.step.done_on else "-",
                    STEP_STATE_TH[row.state],
                ]
                for row in report.steps
            ],
            [1.3, 7.2, 2.4, 2.4, 2.7],
        )

        _heading(document, "๕. การเข้าร่วมโครงการ จำแนกรายอำเภอ")
        _docx_table(
            document,
            ["อำเภอ", "แจ้งรายชื่อ", "ส่งแบบเสนอผลงาน", "ผ่านการตรวจสอบ", "คะแนนรวม", "ลำดับที่"],
            [
                [
                    row.district.name_th,
                    "แจ้งแล้ว" if row.registered else "ยังไม่แจ้ง",
                    "ส่งแล้ว" if row.submitted else "-",
                    "ผ่าน" if row.accepted else "-",
                    _number(row.total),
                    _number(row.rank),
                ]
                for row in report.participation
            ]
            + [
                [
                    f"รวม {thai_digits(len(report.participation))} อำเภอ",
                    thai_digits(context["counts"]["registered"]),
                    thai_digits(context["counts"]["submitted"]),
                    thai_digits(context["counts"]["accepted"]),
                    "",
                    "",
                ]
            ],
        )

        _heading(document, "๖. ผลการคัดเลือก")
        _paragraph(document, STATUS_TH[report.status])
        if report.status == "final" and report.winner:
            w = report.winner
            _paragraph(
                document,
                f"ผลงานที่ได้รับการคัดเลือกเป็นสุดยอด ๑ พัฒนากร ๑ เครือข่ายการพัฒนา ได้แก่ "
                f"อำเภอ{w.district} ({w.officer} และ{w.member}) ผลงานเรื่อง “{w.work_title}” "
                f"คะแนนรวม {_number(w.total)} คะแนน",
            )
        if report.ranking:
            _docx_table(
                document,
                ["ลำดับที่", "อำเภอ", "พัฒนากร/อสพ. และเครือข่าย", "ชื่อผลงาน", "คะแนนรวม"],
                [
                    [
                        thai_digits(row.rank),
                        row.district,
                        f"{row.officer}\n{row.member}",
                        row.work_title,
                        _number(row.total),
                    ]
                    for row in report.ranking
                ],
                [1.5, 2.8, 4.6, 5.2, 2.1],
            )
            _docx_table(
                document,
                ["อำเภอ", *(thai_digits(c["code"]) for c in report.rubric), "รวม"],
                [
                    [row.district, *(_number(m) for m in row.means), _number(row.total)]
                    for row in report.ranking
                ],
            )

        section = 7
        pictures = [
            (which, render_chart_png(report, which)) for which in ("distribution", "criteria")
        ]
        if any(png for _which, png in pictures):
            _heading(document, f"{thai_digits(section)}. แผนภูมิแสดงผลการให้คะแนน")
            section += 1
            for _which, png in pictures:
                if png:
                    import io

                    document.add_picture(io.BytesIO(png), width=Cm(16))

        _heading(document, f"{thai_digits(section)}. การเปิดเผยส่วนได้ส่วนเสียของกรรมการ")
        section += 1
        if report.conflicts:
            _paragraph(
                document,
                f"กรรมการแจ้งว่ามีส่วนได้ส่วนเสีย {thai_digits(len(report.conflicts))} กรณี "
                f"ประธานวินิจฉัยให้งดเว้นการให้คะแนน {thai_digits(report.conflicts_upheld)} กรณี "
                "(ไม่เปิดเผยชื่อกรรมการ ใช้หมายเลขเดียวกับหน้าประกาศผลทางอินเทอร์เน็ต)",
            )
            _docx_table(
                document,
                ["อำเภอ", "กรรมการ", "ลักษณะส่วนได้ส่วนเสีย", "คำวินิจฉัยของประธาน"],
                [
                    [
                        c.district,
                        f"กรรมการคนที่ {thai_digits(c.member)}" if c.member else "-",
                        CONFLICT_KIND_TH.get(c.kind, c.kind),
                        RULING_TH.get(c.ruling, c.ruling),
                    ]
                    for c in report.conflicts
                ],
            )
        else:
            _paragraph(document, "ไม่มีกรรมการแจ้งว่ามีส่วนได้ส่วนเสียกับผลงานที่พิจารณา")

        _heading(document, f"{thai_digits(section)}. การตรวจสอบความถูกต้องของผลการคัดเลือก")
        if report.results:
            _paragraph(
                document,
                "ผลการคัดเลือกมีลายนิ้วมือดิจิทัล (SHA-256) ซึ่งคำนวณจากคะแนนทุกรายการ ค่าเฉลี่ย "
                "และลำดับ หากข้อมูลใดเปลี่ยนแปลง ค่านี้จะเปลี่ยนไป ผู้สนใจตรวจสอบได้ที่",
            )
            digest = document.add_paragraph()
            thai_run(digest, report.results.digest, size_pt=12)
            url = document.add_paragraph()
            thai_run(url, report.public_url, size_pt=14)
        else:
            _paragraph(document, "ยังไม่มีผลการคัดเลือกให้ตรวจสอบ")

        for line in (
            "(ลงชื่อ)...........................................ผู้รายงาน",
            "(...........................................)",
            "ตำแหน่ง...........................................",
        ):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(7)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            thai_run(paragraph, line)
        return to_bytes(document)


# Excel --------------------------------------------------------------------------------


def render_report_xlsx(programme) -> bytes:
    """Sheets: summary, nominations, every score per member and criterion (members as on
    the public results page), the ranking, and the charts (native Excel charts)."""
    from openpyxl.chart import BarChart, Reference

    from rangwan.documents.spreadsheets import (
        add_table_sheet,
        new_workbook,
        workbook_bytes,
        write_cell,
    )

    report = programme_report(programme)
    with translation.override("th"):
        context = _context(report)
        workbook = new_workbook()

        summary = add_table_sheet(
            workbook,
            "สรุป",
            ["ตัวชี้วัด", "รายการ", "เป้าหมาย", "ผลการดำเนินงาน", "ผลการประเมิน"],
            [
                [ind.code, text, ind.target, ind.actual, "บรรลุ" if ind.met else "ยังไม่บรรลุ"]
                for ind, text, _unit in context["indicators"]
            ],
            start_row=6,
        )
        for row, (label, value) in enumerate(
            (
                ("รายงานผลการดำเนินโครงการ", programme.name_th),
                ("ข้อมูล ณ วันที่", date_full(report.generated_at, thai=False)),
                ("ผลการคัดเลือก", STATUS_TH[report.status]),
                ("SHA-256", report.results.digest if report.results else "-"),
                ("ตรวจสอบได้ที่", report.public_url),
            ),
            start=1,
        ):
            write_cell(summary, row, 1, label, bold=True)
            write_cell(summary, row, 2, value)

        add_table_sheet(
            workbook,
            "การเสนอชื่อ",
            [
                "อำเภอ",
                "สถานะ",
                "พัฒนากร/อสพ.",
                "เครือข่าย",
                "ชื่อผลงาน",
                "ส่งแบบเสนอผลงาน",
                "ผ่านการตรวจสอบ",
                "คะแนนรวม",
                "ลำดับที่",
            ],
            [
                [
                    row.district.name_th,
                    row.nomination.get_status_display() if row.nomination else "ยังไม่แจ้งรายชื่อ",
                    row.nomination.officer.full_name
                    if row.nomination and row.nomination.officer
                    else "",
                    row.nomination.member.full_name
                    if row.nomination and row.nomination.member
                    else "",
                    _work_title(row.nomination),
                    "ส่งแล้ว" if row.submitted else "",
                    "ผ่าน" if row.accepted else "",
                    row.total,
                    row.rank,
                ]
                for row in report.participation
            ],
        )

        titles = {c["code"]: (c["title"], c["max"]) for c in report.rubric}
        codes = [c["code"] for c in report.rubric]
        add_table_sheet(
            workbook,
            "คะแนนรายกรรมการ",
            ["อำเภอ", "กรรมการ", "รหัสเกณฑ์", "เกณฑ์การพิจารณา", "คะแนนเต็ม", "คะแนน"],
            [
                [
                    entry.district,
                    f"กรรมการคนที่ {entry.member}",
                    code,
                    titles[code][0],
                    titles[code][1],
                    points,
                ]
                for entry in report.member_scores
                for code, points in zip(codes, entry.scores, strict=True)
            ],
        )

        add_table_sheet(
            workbook,
            "ลำดับผล",
            [
                "ลำดับที่",
                "อำเภอ",
                "พัฒนากร/อสพ.",
                "เครือข่าย",
                "ชื่อผลงาน",
                *(f"เกณฑ์ {code}" for code in codes),
                "คะแนนรวม",
                "จำนวนกรรมการที่นับคะแนน",
            ],
            [
                [
                    row.rank,
                    row.district,
                    row.officer,
                    row.member,
                    row.work_title,
                    *row.means,
                    row.total,
                    row.counted,
                ]
                for row in report.ranking
            ],
        )

        charts = workbook.create_sheet("แผนภูมิ")
        next_row = 1
        if report.distribution:
            write_cell(charts, 1, 1, "การกระจายของคะแนนรวมที่กรรมการแต่ละคนให้", bold=True)
            for column, header in enumerate(["อำเภอ", "ต่ำสุด", "เฉลี่ย", "สูงสุด"], start=1):
                write_cell(charts, 2, column, header, bold=True)
            rows = report.distribution.rows
            for index, row in enumerate(rows, start=3):
                for column, value in enumerate([row.label, row.low, row.mean, row.high], start=1):
                    write_cell(charts, index, column, value)
            chart = BarChart()
            chart.type = "bar"
            chart.title = "คะแนนรวมที่กรรมการให้ ต่ำสุด เฉลี่ย สูงสุด"
            chart.y_axis.title = "คะแนน"
            chart.y_axis.scaling.min = float(report.distribution.axis_low)
            chart.y_axis.scaling.max = float(report.distribution.axis_high)
            chart.add_data(
                Reference(charts, min_col=2, max_col=4, min_row=2, max_row=2 + len(rows)),
                titles_from_data=True,
            )
            chart.set_categories(Reference(charts, min_col=1, min_row=3, max_row=2 + len(rows)))
            chart.height, chart.width = 4 + 1.2 * len(rows), 18
            charts.add_chart(chart, "F2")
            next_row = max(3 + len(rows), 8 + int(1.2 * len(rows) * 2)) + 2
        if report.criterion_chart:
            top = next_row
            write_cell(charts, top, 1, "คะแนนเฉลี่ยรายเกณฑ์ เทียบกับคะแนนเต็ม", bold=True)
            for column, header in enumerate(["เกณฑ์", "คะแนนเฉลี่ย", "คะแนนเต็ม"], start=1):
                write_cell(charts, top + 1, column, header, bold=True)
            rows = report.criterion_chart.rows
            for index, row in enumerate(rows, start=top + 2):
                for column, value in enumerate(
                    [f"{row.code} {row.title}", row.mean, row.maximum], start=1
                ):
                    write_cell(charts, index, column, value)
            chart = BarChart()
            chart.type = "bar"
            chart.title = "คะแนนเฉลี่ยรายเกณฑ์"
            chart.y_axis.title = "คะแนน"
            chart.y_axis.scaling.min = 0
            chart.add_data(
                Reference(
                    charts, min_col=2, max_col=3, min_row=top + 1, max_row=top + 1 + len(rows)
                ),
                titles_from_data=True,
            )
            chart.set_categories(
                Reference(charts, min_col=1, min_row=top + 2, max_row=top + 1 + len(rows))
            )
            chart.height, chart.width = 4 + 1.2 * len(rows), 18
            charts.add_chart(chart, f"F{top + 1}")
        if not (report.distribution or report.criterion_chart):
            write_cell(charts, 1, 1, STATUS_TH[report.status])
        charts.column_dimensions["A"].width = 48
        for column in "BCD":
            charts.column_dimensions[column].width = 12
        return workbook_bytes(workbook)


def _work_title(nomination) -> str:
    if nomination is None:
        return ""
    dossier = getattr(nomination, "dossier", None)
    return dossier.work_title if dossier else ""
