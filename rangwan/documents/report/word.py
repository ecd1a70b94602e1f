"""The report to superiors as a Word file: Sarabun, tables in 'Table Grid', and the two
charts as pictures rasterised from WeasyPrint (their Thai labels shaped as in the PDF)."""

from __future__ import annotations

import io

from django.utils import translation

from rangwan.core.thai import date_full, date_short, thai_digits
from rangwan.documents.report.context import (
    CONFLICT_KIND_TH,
    RULING_TH,
    STATUS_TH,
    STEP_STATE_TH,
    document_context,
    points_th,
)
from rangwan.documents.report.pdf import render_chart_pngs
from rangwan.reports.queries import programme_report


def _docx_table(document, headers: list[str], rows: list[list[str]], widths_cm=None):
    """A 'Table Grid' table, Sarabun 14 pt, bold headers. At national scale the report's
    tables have 17,000 cells, and python-docx takes a millisecond a cell to set a
    width and the Thai font attribute by attribute: the first body row is made that
    way, and every other row is a copy of it with its own text."""
    from copy import deepcopy

    from docx.oxml.ns import qn
    from docx.shared import Cm

    from rangwan.documents.word import thai_run

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    grid = table._tbl.tblGrid.gridCol_lst
    if widths_cm:
        table.autofit = False
        for grid_col, width in zip(grid, widths_cm, strict=True):
            grid_col.w = Cm(width)
    for index, (cell, header) in enumerate(zip(table.rows[0].cells, headers, strict=True)):
        if widths_cm:
            cell.width = Cm(widths_cm[index])
        thai_run(cell.paragraphs[0], header, bold=True, size_pt=14)
    run_tag, text_tag, space = qn("w:r"), qn("w:t"), qn("xml:space")
    template = None
    for row in rows:
        if template is None:
            # The first row the python-docx way; the others are copies of it.
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                thai_run(cell.paragraphs[0], str(value), size_pt=14)
            template = table._tbl.tr_lst[-1]
            continue
        tr = deepcopy(template)
        for r, value in zip(tr.iter(run_tag), row, strict=True):
            text = str(value)
            # Most runs are their properties and one <w:t>: give it the text. Line
            # breaks and tabs go through python-docx, which makes <w:br/> and <w:tab/>.
            if text and len(r) == 2 and r[1].tag == text_tag and not ("\n" in text or "\t" in text):
                r[1].text = text
                if text != text.strip():
                    r[1].set(space, "preserve")
                else:
                    r[1].attrib.pop(space, None)
            else:
                r.text = text
        table._tbl.append(tr)
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
        context = document_context(report)
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
                    points_th(row.total),
                    points_th(row.rank),
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
            [3.4, 2.4, 2.8, 2.8, 2.4, 2.2],
        )

        _heading(document, "๖. ผลการคัดเลือก")
        _paragraph(document, STATUS_TH[report.status])
        if report.status == "final" and report.winner:
            w = report.winner
            _paragraph(
                document,
                f"ผลงานที่ได้รับการคัดเลือกเป็นสุดยอด ๑ พัฒนากร ๑ เครือข่ายการพัฒนา ได้แก่ "
                f"อำเภอ{w.district} ({w.officer} และ{w.member}) ผลงานเรื่อง “{w.work_title}” "
                f"คะแนนรวม {points_th(w.total)} คะแนน",
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
                        points_th(row.total),
                    ]
                    for row in report.ranking
                ],
                [1.5, 2.8, 4.6, 5.2, 2.1],
            )
            _docx_table(
                document,
                ["อำเภอ", *(thai_digits(c["code"]) for c in report.rubric), "รวม"],
                [
                    [row.district, *(points_th(m) for m in row.means), points_th(row.total)]
                    for row in report.ranking
                ],
                [3.0] + [13.0 / (len(report.rubric) + 1)] * (len(report.rubric) + 1),
            )

        section = 7
        pictures = render_chart_pngs(report)
        if pictures:
            _heading(document, f"{thai_digits(section)}. แผนภูมิแสดงผลการให้คะแนน")
            section += 1
            for png in pictures:
                document.add_picture(io.BytesIO(png), width=Cm(16))

        _heading(document, f"{thai_digits(section)}. การเปิดเผยส่วนได้ส่วนเสียของกรรมการ")
        section += 1
        if report.conflicts:
            _paragraph(
                document,
                f"กรรมการแจ้งว่ามีส่วนได้ส่วนเสีย {thai_digits(len(report.conflicts))} กรณี "
                f"ประธานวินิจฉัยให้งดเว้นการให้คะแนน {thai_digits(report.conflicts_upheld)} กรณี "
                "(ไม่เปิดเผยชื่อหรือหมายเลขกรรมการ)",
            )
            _docx_table(
                document,
                ["อำเภอ", "ลักษณะส่วนได้ส่วนเสีย", "คำวินิจฉัยของประธาน"],
                [
                    [
                        c.district,
                        CONFLICT_KIND_TH.get(c.kind, c.kind),
                        RULING_TH.get(c.ruling, c.ruling),
                    ]
                    for c in report.conflicts
                ],
                [4.2, 6.0, 5.8],
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
