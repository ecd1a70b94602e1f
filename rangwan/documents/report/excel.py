"""The report to superiors as an Excel workbook, with native Excel charts."""

from __future__ import annotations

from django.utils import translation

from rangwan.core.thai import date_full
from rangwan.documents.report.context import STATUS_TH, document_context
from rangwan.reports.queries import programme_report


def render_report_xlsx(programme) -> bytes:
    """Sheets: summary, nominations, every score per member and criterion (members as on
    the public results page), the ranking, and the charts (native Excel charts)."""
    from openpyxl.chart import BarChart, Reference

    from rangwan.documents.report.bulk_sheets import BulkWorkbook
    from rangwan.documents.spreadsheets import add_table_sheet, new_workbook, write_cell

    report = programme_report(programme)
    with translation.override("th"):
        context = document_context(report)
        workbook = new_workbook()
        # The long sheets (every district, every score) get their rows written in bulk.
        bulk = BulkWorkbook(workbook)

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
        # The labels above the table are wider than its first column's codes.
        summary.column_dimensions["A"].width = 28

        bulk.add_table_sheet(
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
        bulk.add_table_sheet(
            "คะแนนรายกรรมการ",
            ["อำเภอ", "แบบให้คะแนน", "รหัสเกณฑ์", "เกณฑ์การพิจารณา", "คะแนนเต็ม", "คะแนน"],
            [
                [
                    entry.district,
                    f"ฉบับที่ {entry.sheet}",
                    code,
                    titles[code][0],
                    titles[code][1],
                    points,
                ]
                for entry in report.member_scores
                for code, points in zip(codes, entry.scores, strict=True)
            ],
        )

        bulk.add_table_sheet(
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
        if report.histogram:
            top = next_row
            write_cell(charts, top, 1, "จำนวนผลงานจำแนกตามช่วงคะแนนรวม", bold=True)
            for column, header in enumerate(["ช่วงคะแนนรวม", "จำนวนผลงาน"], start=1):
                write_cell(charts, top + 1, column, header, bold=True)
            rows = report.histogram.rows
            for index, row in enumerate(rows, start=top + 2):
                write_cell(charts, index, 1, f"{_plain(row.low)}–{_plain(row.high_shown)}")
                write_cell(charts, index, 2, row.count)
            chart = BarChart()
            chart.type = "bar"
            chart.title = "จำนวนผลงานจำแนกตามช่วงคะแนนรวม"
            chart.y_axis.title = "จำนวนผลงาน"
            chart.y_axis.scaling.min = 0
            chart.add_data(
                Reference(charts, min_col=2, min_row=top + 1, max_row=top + 1 + len(rows)),
                titles_from_data=True,
            )
            chart.set_categories(
                Reference(charts, min_col=1, min_row=top + 2, max_row=top + 1 + len(rows))
            )
            chart.height, chart.width = 4 + 1.2 * len(rows), 18
            charts.add_chart(chart, f"F{top + 1}")
            next_row = max(top + 2 + len(rows), top + 6 + int(1.2 * len(rows) * 2)) + 2
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
        for sheet in workbook.worksheets:
            # Sarabun 14 needs taller rows than Excel's default 15 pt (lines touch).
            sheet.sheet_format.defaultRowHeight = 21
            sheet.sheet_format.customHeight = True
        return bulk.save()


def _plain(value) -> str:
    return format(value.normalize(), "f")


def _work_title(nomination) -> str:
    if nomination is None:
        return ""
    dossier = getattr(nomination, "dossier", None)
    return dossier.work_title if dossier else ""
