"""The official letter that announces a programme, and its enclosures, as PDF.

Every document is a pure function of the database: `render_letter_pdf(letter)`,
`render_workplan_pdf(programme)` (enclosure 2), `render_form3_pdf(programme)`,
`render_form4_pdf(programme)` and `render_rubric_pdf(programme)`. Their Thai text is
written in the templates (official documents are always Thai); the defaults of the letter
are built here from the programme, in the seed's wording.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from rangwan.core.thai import date_weekday, thai_digits
from rangwan.documents.models import OfficialLetter
from rangwan.documents.pdf import font_faces, html_to_document, html_to_pdf, render_pdf
from rangwan.judging.rubric import points

OBJECTIVES = (
    "โดยมีวัตถุประสงค์เพื่อเป็นการส่งเสริมปลูกจิตสำนึกให้ข้าราชการและเจ้าหน้าที่มีวินัย "
    "ยึดมั่นในจริยธรรม คุณธรรม และสร้างจิตสำนึกที่ดีในการปฏิบัติราชการด้วยความซื่อสัตย์ สุจริต "
    "โปร่งใส เป็นองค์กรใสสะอาด ส่งเสริม สนับสนุน การสร้างกระบวนการทำงานกับภาคีเครือข่าย "
    "เพื่อร่วมกันขับเคลื่อนภารกิจที่ได้รับมอบหมายให้สำเร็จลุล่วงเกิดประโยชน์สุขกับพี่น้องประชาชน "
    "และสร้างขวัญกำลังใจ และเป็นการยกย่องเชิดชูเกียรติให้แก่ผู้ปฏิบัติงานในพื้นที่"
)
# The seed spells กข.คจ. as ท.คจ. here (OCR); SPEC settles on กข.คจ.
TARGET_GROUP = (
    "กลุ่มเป้าหมายประกอบด้วยพัฒนากร หรืออาสาพัฒนา (อสพ.) และเครือข่ายในงานพัฒนาชุมชน "
    "(เช่น คณะกรรมการกข.คจ., คณะกรรมการศูนย์ประสานงานองค์การชุมชนตำบล (ศอช.ต.), "
    "คณะกรรมการกลุ่มออมทรัพย์เพื่อการผลิต, คณะกรรมการกองทุนแม่ของแผ่นดิน, "
    "คณะกรรมการพัฒนาสตรีหมู่บ้าน (กพสม.), คณะกรรมการพัฒนาสตรีตำบล (กพสต.) เป็นต้น)"
)
DEFAULT_ENCLOSURES = (
    "สำเนาโครงการ ฯ จำนวน ๑ ชุด\n"
    "แผนการดำเนินงานโครงการ ฯ จำนวน ๑ ฉบับ\n"
    "แบบแจ้งรายชื่อ ฯ จำนวน ๑ ฉบับ\n"
    "แบบเสนอผลงาน ฯ จำนวน ๑ ชุด"
)


def default_body(programme, *, project: str | None = None) -> str:
    """The seed's body, with the programme's name, deadlines and number of copies."""
    office = getattr(programme.province, "office", None)
    office_name = office.name_th if office else f"สำนักงานพัฒนาชุมชนจังหวัด{programme.province.name_th}"
    copies = programme.seats.count() or 9
    with translation.override("th"):
        names_by = date_weekday(programme.name_notification_deadline)
        dossier_by = date_weekday(programme.dossier_deadline)
    return "\n\n".join(
        [
            f"ด้วยจังหวัด{programme.province.name_th} โดย{office_name} ได้จัดทำ"
            f"{project or programme.name_th} {OBJECTIVES} {TARGET_GROUP} "
            "รายละเอียดตามโครงการฯ และแผนการดำเนินงานโครงการฯ (สิ่งที่ส่งมาด้วย ๑ - ๒)",
            "เพื่อให้การดำเนินงานตามโครงการฯ ดังกล่าว เป็นไปด้วยความเรียบร้อยบรรลุตามวัตถุประสงค์ "
            "ขอให้อำเภอได้โปรดมอบหมายสำนักงานพัฒนาชุมชนอำเภอดำเนินการ ดังนี้\n"
            "- คัดเลือกบุคลากรในสังกัด และเครือข่ายในงานพัฒนาชุมชน เข้าร่วมโครงการ "
            f"พร้อมแจ้งรายชื่อให้จังหวัดฯ ทราบ ภายใน{names_by} (สิ่งที่ส่งมาด้วย ๓)\n"
            "- แจ้งกลุ่มเป้าหมาย ที่ได้รับการคัดเลือกฯ จัดส่งแบบเสนอผลงานเพื่อประกอบการพิจารณา "
            f"จำนวน {thai_digits(copies)} ชุด ให้จังหวัดฯ ภายใน{dossier_by} (สิ่งที่ส่งมาด้วย ๔)",
            "จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ",
        ]
    )


def _unit_lines(unit: str) -> str:
    """'กลุ่มงาน… สำนักงาน…จังหวัด…' -> the office on the first line, the group on the
    second, as the bottom-left block of a Thai letter reads."""
    group, sep, office = unit.partition(" สำนักงาน")
    return f"สำนักงาน{office}\n{group}" if sep else unit


def default_letter(programme) -> OfficialLetter:
    """An unsaved letter filled from the programme; nothing is written until the
    secretariat saves it."""
    province = programme.province
    office = getattr(province, "office", None)
    chair = programme.seats.filter(role="chair").first()
    return OfficialLetter(
        programme=programme,
        reference_number="",
        sender=(office.address if office else "") or f"ศาลากลางจังหวัด{province.name_th}",
        letter_date=timezone.localdate(),
        subject=programme.name_th,
        addressee="นายอำเภอ ทุกอำเภอ",
        enclosures=DEFAULT_ENCLOSURES,
        body=default_body(programme),
        signer_name=chair.holder_name if chair else "",
        signer_position="พัฒนาการจังหวัด",
        acting_for=f"ผู้ว่าราชการจังหวัด{province.name_th}",
        responsible_unit=_unit_lines(programme.responsible_unit)
        or (office.name_th if office else ""),
        phone=office.phone if office else "",
        email=office.email if office else "",
    )


def letter_for(programme) -> OfficialLetter:
    """The saved letter, else the defaults (unsaved: `letter.pk` is None)."""
    try:
        return programme.letter
    except OfficialLetter.DoesNotExist:
        return default_letter(programme)


@dataclass(frozen=True)
class Block:
    kind: str  # "p" a paragraph, "li" a list item
    text: str


def body_blocks(body: str) -> list[Block]:
    """Paragraphs are separated by blank lines; a line starting with '- ' is a list item;
    other lines of a paragraph run on."""
    blocks: list[Block] = []
    for chunk in body.replace("\r\n", "\n").split("\n\n"):
        lines: list[str] = []
        for raw in chunk.split("\n"):
            line = raw.strip()
            if not line:
                continue
            if line.startswith(("- ", "-\t", "• ")):
                if lines:
                    blocks.append(Block("p", " ".join(lines)))
                    lines = []
                blocks.append(Block("li", line[1:].strip()))
            else:
                lines.append(line)
        if lines:
            blocks.append(Block("p", " ".join(lines)))
    return blocks


def enclosure_rows(enclosures: str) -> list[tuple[str, str]]:
    """'แบบแจ้งรายชื่อ ฯ จำนวน ๑ ฉบับ' -> ('แบบแจ้งรายชื่อ ฯ', 'จำนวน ๑ ฉบับ')."""
    rows = []
    for raw in enclosures.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if line:
            what, sep, quantity = line.partition("จำนวน")
            rows.append((what.strip(), f"จำนวน{quantity}".strip()) if sep else (line, ""))
    return rows


def text_lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _first_words(page) -> str:
    """The first words of a page's text (not its margin boxes): what the คำต่อ of the
    page before announces."""
    from weasyprint.formatting_structure.boxes import MarginBox, ParentBox, TextBox

    stack = [child for child in page._page_box.children if not isinstance(child, MarginBox)]
    while stack:
        box = stack.pop(0)
        if isinstance(box, TextBox) and box.text.strip(" -•"):
            return box.text.strip(" -•").split(" ")[0]
        if isinstance(box, ParentBox):
            stack[:0] = list(box.children)
    return ""


def render_letter_pdf(letter: OfficialLetter) -> bytes:
    """The letter. A letter of more than one page carries, at the bottom right of each
    page but the last, the words that begin the next one ("/เพื่อให้...", the คำต่อ of
    the ระเบียบงานสารบรรณ): laid out once to find them, then again with them."""
    context = {
        "letter": letter,
        "programme": letter.programme,
        "sender_lines": text_lines(letter.sender),
        "unit_lines": text_lines(letter.responsible_unit),
        "slogan_lines": text_lines(letter.slogan),
        "enclosures": enclosure_rows(letter.enclosures),
        "blocks": body_blocks(letter.body),
        "font_faces": font_faces(),
    }
    with translation.override("th"):
        document = html_to_document(render_to_string("documents/letter.html", context))
        if len(document.pages) == 1:
            return document.write_pdf()
        context["continuations"] = [
            (number, css_string(f"/{_first_words(page)}..."))
            for number, page in enumerate(document.pages[1:], start=1)
        ]
        return html_to_pdf(render_to_string("documents/letter.html", context))


def css_string(text: str) -> str:
    """A quoted CSS string that is safe inside a <style> element: everything but Thai,
    letters, digits, spaces and a few marks is written as a CSS escape."""
    safe = (" ", ".", "/", ",", "(", ")", "-", ":")
    body = "".join(
        ch if ch.isalnum() or "\u0e00" <= ch <= "\u0e7f" or ch in safe else f"\\{ord(ch):x} "
        for ch in text
    )
    return mark_safe(f'"{body}"')  # noqa: S308 - every other character is escaped above


def _network_examples(programme) -> str:
    """'กข.คจ., ศอช.ต., กลุ่มออมทรัพย์เพื่อการผลิต, …' as form 3 lists them."""
    names = []
    for kind in programme.allowed_network_kinds.filter(requires_name=False):
        names.append(kind.abbreviation or kind.name_th.removeprefix("คณะกรรมการ"))
    return ", ".join(names)


def _criteria(programme) -> list:
    rubric = getattr(programme, "rubric", None)
    if rubric is None:
        return []
    return list(rubric.criteria.order_by("order", "code"))


@dataclass(frozen=True)
class CriterionLine:
    code: str  # in Thai digits
    title: str
    description: str
    points: str  # in Thai digits
    is_part: bool  # has sub-criteria
    depth: int


def criterion_lines(programme) -> list[CriterionLine]:
    criteria = _criteria(programme)
    parents = {c.parent_id for c in criteria if c.parent_id}
    return [
        CriterionLine(
            code=thai_digits(c.code),
            title=c.title_th,
            description=c.description_th,
            points=thai_digits(points(c.max_points)),
            is_part=c.pk in parents,
            depth=0 if c.parent_id is None else 1,
        )
        for c in criteria
    ]


def _common(programme) -> dict:
    officer_kinds = list(programme.allowed_officer_kinds.all())
    return {
        "programme": programme,
        "officer_kinds": officer_kinds,
        "officer_kinds_text": "/".join(k.name_th for k in officer_kinds),
        "network_kinds": list(programme.allowed_network_kinds.all()),
        "network_examples": _network_examples(programme),
        "network_names": ", ".join(
            k.name_th for k in programme.allowed_network_kinds.filter(requires_name=False)
        ),
        "criteria": criterion_lines(programme),
        "declared_total": thai_digits(points(programme.rubric.declared_total))
        if getattr(programme, "rubric", None)
        else "",
    }


def render_workplan_pdf(programme) -> bytes:
    """สิ่งที่ส่งมาด้วย ๒: แผนการดำเนินงาน, from the programme's work plan (landscape)."""
    office = getattr(programme.province, "office", None)
    with translation.override("th"):
        return render_pdf(
            "documents/workplan.html",
            {
                "programme": programme,
                "steps": list(programme.steps.order_by("number")),
                "office_name": office.name_th if office else "",
            },
        )


def render_form3_pdf(programme) -> bytes:
    """สิ่งที่ส่งมาด้วย ๓: แบบแจ้งรายชื่อ, blank, for a district to fill in."""
    with translation.override("th"):
        return render_pdf("documents/form3.html", _common(programme))


def render_form4_pdf(programme) -> bytes:
    """สิ่งที่ส่งมาด้วย ๔: แบบเสนอผลงาน, blank, for printing. Its criteria and points come
    from the rubric: the top-level criteria for the points, and the items of the first
    criterion that has items (the conduct criteria) for 2.2.1, 2.2.2, …"""
    context = _common(programme)
    criteria = context["criteria"]
    conduct: list[CriterionLine] = []
    for index, line in enumerate(criteria):
        if line.depth == 0 and line.is_part:
            for item in criteria[index + 1 :]:
                if item.depth == 0:
                    break
                conduct.append(item)
            break
    context["top_criteria"] = [c for c in criteria if c.depth == 0]
    context["conduct_items"] = conduct
    with translation.override("th"):
        return render_pdf("documents/form4.html", context)


def render_rubric_pdf(programme) -> bytes:
    """เกณฑ์การพิจารณา: the programme's rubric as a scoring sheet."""
    with translation.override("th"):
        return render_pdf("documents/rubric.html", _common(programme))


ENCLOSURES = {
    "workplan": render_workplan_pdf,
    "form3": render_form3_pdf,
    "form4": render_form4_pdf,
    "rubric": render_rubric_pdf,
}


def attachments(letter: OfficialLetter) -> list[tuple[str, bytes]]:
    """(filename, PDF) of the letter and every enclosure, for the email."""
    programme = letter.programme
    year = programme.fiscal_year
    files = [(f"letter-{year}.pdf", render_letter_pdf(letter))]
    files += [(f"{key}-{year}.pdf", render(programme)) for key, render in ENCLOSURES.items()]
    return files
