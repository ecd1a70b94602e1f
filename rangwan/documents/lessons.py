"""The lessons-learned booklet (ถอดบทเรียน) as PDF and as Word: a cover with the
programme, the pair, their district and the work's title, then the sections with their
headings and the photos with captions. The text is Thai in every language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation

from rangwan.core.thai import MONTHS_TH, be_year, date_full, thai_digits
from rangwan.documents.pdf import render_pdf
from rangwan.learning.models import SECTIONS


@dataclass(frozen=True)
class Section:
    number: str
    heading: str
    paragraphs: list[str]  # empty: not written yet
    steps: list[str] | None  # the ordered steps, for the steps section only


def _paragraphs(text: str) -> list[str]:
    return [thai_digits(p.strip()) for p in text.replace("\r\n", "\n").split("\n") if p.strip()]


def booklet_content(write_up) -> dict[str, Any]:
    """Everything both formats print, worked out once."""
    nomination = write_up.nomination
    programme = write_up.programme
    district = nomination.district
    dossier = getattr(nomination, "dossier", None)
    when = timezone.localtime(write_up.published_at or timezone.now())
    office = getattr(district, "office", None)
    province_office = getattr(programme.province, "office", None)
    sections = []
    for index, (name, heading) in enumerate(SECTIONS, start=1):
        value = getattr(write_up, name)
        is_steps = name == "steps"
        sections.append(
            Section(
                number=thai_digits(index),
                heading=heading,
                paragraphs=[] if is_steps else _paragraphs(value),
                steps=[thai_digits(s) for s in value] if is_steps else None,
            )
        )
    period = ""
    if dossier and dossier.work_start and dossier.work_end:
        period = f"{date_full(dossier.work_start)} ถึง {date_full(dossier.work_end)}"
    officer_kind = nomination.officer_kind.name_th if nomination.officer_kind else ""
    province_office_name = (
        province_office.name_th if province_office else f"จังหวัด{programme.province.name_th}"
    )
    return {
        "write_up": write_up,
        "programme": programme,
        "title": thai_digits(write_up.title),
        "district_office": office.name_th if office else f"สำนักงานพัฒนาชุมชนอำเภอ{district.name_th}",
        "province_office": province_office_name,
        "office_lines": _office_lines(programme.responsible_unit, province_office_name),
        "officer": nomination.officer.full_name,
        "officer_position": nomination.officer.position,
        "officer_kind": officer_kind,
        "member": nomination.member.full_name,
        "member_role": nomination.member_role,
        "network": nomination.network_name or nomination.network_kind_label_th,
        "period": period,
        "sections": sections,
        "photos": list(write_up.photos.all()),
        "month_year": thai_digits(f"{MONTHS_TH[when.month - 1]} {be_year(when.date())}"),
        "draft": not write_up.is_published,
    }


def _office_lines(unit: str, office: str) -> list[str]:
    """The unit and its office on two lines: "กลุ่มงานยุทธศาสตร์การพัฒนาชุมชน" over
    "สำนักงานพัฒนาชุมชนจังหวัดฉะเชิงเทรา", whether or not the unit names the office."""
    unit = unit.replace(office, "").strip()
    return [unit, office] if unit else [office]


def render_lessons_pdf(write_up) -> bytes:
    with translation.override("th"):
        return render_pdf("documents/lessons.html", booklet_content(write_up))


def render_lessons_docx(write_up) -> bytes:
    """The same booklet as an editable Word file (offices often retouch a booklet)."""
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from rangwan.documents.word import new_document, thai_run, to_bytes

    with translation.override("th"):
        data = booklet_content(write_up)
    document = new_document()
    center = WD_ALIGN_PARAGRAPH.CENTER

    def line(text: str, *, size: float | None = None, bold: bool = False, space: float = 0):
        paragraph = document.add_paragraph()
        paragraph.alignment = center
        paragraph.paragraph_format.space_before = Pt(space)
        thai_run(paragraph, text, bold=bold, size_pt=size)
        return paragraph

    # Cover: about 630 pt of text and spacing, inside the 714 pt an A4 page leaves
    # between its margins, so it never spills onto a second page.
    if data["draft"]:
        line("ฉบับร่าง", size=14, bold=True)
    line("ถอดบทเรียน", size=32, bold=True, space=36)
    line(data["programme"].name_th, size=16, space=12)
    line(f"“{data['title']}”", size=24, bold=True, space=30)
    line("ผลงานของ", size=16, space=24)
    line(data["officer"], size=18, bold=True)
    line(f"{data['officer_position']} ({data['officer_kind']})", size=16)
    line(data["member"], size=18, bold=True, space=12)
    line(f"{data['member_role']} {data['network']}".strip(), size=16)
    line(data["district_office"], size=18, bold=True, space=24)
    for index, text in enumerate(data["office_lines"]):
        line(text, size=16, space=48 if index == 0 else 0)
    line(data["month_year"], size=16)

    # Body, in a new section whose footer carries the page number in Thai digits.
    body = document.add_section(WD_SECTION.NEW_PAGE)
    body.footer.is_linked_to_previous = False
    body.different_first_page_header_footer = False
    _page_number_footer(body.footer)
    document.sections[0].footer.is_linked_to_previous = False

    line("ถอดบทเรียน")
    heading = document.add_heading("", level=1)
    heading.alignment = center
    thai_run(heading, data["title"], bold=True, size_pt=20)
    facts = [
        ("ชื่อผลงาน", data["title"]),
        ("ผู้ดำเนินการ", f"{data['officer']} และ{data['member']}"),
        ("หน่วยงาน", data["district_office"]),
    ]
    if data["period"]:
        facts.append(("ระยะเวลาดำเนินการ", data["period"]))
    for label, value in facts:
        paragraph = document.add_paragraph()
        thai_run(paragraph, f"{label} ", bold=True)
        thai_run(paragraph, value)
    for section in data["sections"]:
        document.add_heading("", level=2)
        thai_run(
            document.paragraphs[-1], f"{section.number}. {section.heading}", bold=True, size_pt=18
        )
        items = section.steps if section.steps is not None else section.paragraphs
        if not items:
            thai_run(document.add_paragraph(), "-")
        for index, text in enumerate(items, start=1):
            paragraph = document.add_paragraph()
            if section.steps is not None:
                paragraph.paragraph_format.left_indent = Cm(1)
                paragraph.paragraph_format.first_line_indent = Cm(-0.75)
                thai_run(paragraph, f"{thai_digits(index)}. {text}")
            else:
                paragraph.paragraph_format.first_line_indent = Cm(1.25)
                thai_run(paragraph, text)
    if data["photos"]:
        heading = document.add_heading("", level=2)
        thai_run(heading, "ภาพกิจกรรม", bold=True, size_pt=18)
        table = document.add_table(rows=0, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for start in range(0, len(data["photos"]), 2):
            cells = table.add_row().cells
            for offset, photo in enumerate(data["photos"][start : start + 2]):
                number = start + offset + 1
                cell = cells[offset]
                picture = cell.paragraphs[0]
                picture.alignment = center
                with photo.file.open("rb") as stored:
                    size = {"width": Cm(7.5)} if photo.is_landscape else {"height": Cm(7.5)}
                    picture.add_run().add_picture(stored, **size)
                caption = cell.add_paragraph()
                caption.alignment = center
                thai_run(caption, f"ภาพที่ {thai_digits(number)}", bold=True, size_pt=14)
                if photo.caption:
                    thai_run(caption, f" {thai_digits(photo.caption)}", size_pt=14)
    return to_bytes(document)


def _page_number_footer(footer) -> None:
    """The footer "- ๑ -", centred: a PAGE field with Word's ThaiArabic switch."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from rangwan.documents.word import thai_run

    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    thai_run(paragraph, "- ")

    def field_part(tag: str, **attrs) -> None:
        element = OxmlElement(tag)
        for name, value in attrs.items():
            element.set(qn(name), value)
        if tag == "w:instrText":
            element.text = " PAGE \\* ThaiArabic "
        thai_run(paragraph, "")._r.append(element)

    field_part("w:fldChar", **{"w:fldCharType": "begin"})
    field_part("w:instrText", **{"xml:space": "preserve"})
    field_part("w:fldChar", **{"w:fldCharType": "separate"})
    thai_run(paragraph, "๑")  # shown until Word updates the field
    field_part("w:fldChar", **{"w:fldCharType": "end"})
    thai_run(paragraph, " -")
