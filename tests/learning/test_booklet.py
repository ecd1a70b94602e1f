import io
import zipfile

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from rangwan.documents.lessons import render_lessons_docx, render_lessons_pdf
from rangwan.learning import services
from tests.learning.conftest import FULL
from tests.pdf_helpers import assert_all_sarabun, pdf_text, pdf_to_pngs, searchable

HEADINGS = [
    "ความเป็นมา",
    "วัตถุประสงค์",
    "ขั้นตอนการดำเนินงาน",
    "ผลการดำเนินงาน",
    "ปัจจัยแห่งความสำเร็จ",
    "ปัญหาอุปสรรคและแนวทางแก้ไข",
    "บทเรียนที่ได้รับ",
    "ข้อเสนอแนะสำหรับผู้ที่จะนำไปใช้",
]
CAPTIONS = ["ประชุมคณะกรรมการกองทุน", "ติดประกาศบัญชีที่ศาลาหมู่บ้าน", "สมาชิกตรวจดูบัญชีกองทุน"]


def test_pdf_booklet_has_the_cover_sections_and_captions(complete_write_up, users):
    services.publish_lessons(write_up=complete_write_up, actor=users["secretariat"])
    complete_write_up.refresh_from_db()
    pdf = render_lessons_pdf(complete_write_up)
    reader, text = pdf_text(pdf)
    cover = searchable(reader.pages[0].extract_text())
    assert searchable("ถอดบทเรียน") in cover
    # The work's title (a wrapped line loses its space in extraction).
    assert "กองทุนแม่ของแผ่นดินโปร่งใสตรวจสอบได้" in cover.replace(" ", "")
    assert searchable("นายสมมติ ใจซื่อ") in cover and searchable("นางสมมุติ รักถิ่น") in cover
    assert searchable("สำนักงานพัฒนาชุมชนอำเภอบางคล้า") in cover
    assert "๒๕๖๘" in cover  # the B.E. year, in Thai digits
    assert "ฉบับร่าง" not in text
    for heading in HEADINGS:
        assert searchable(heading) in text, heading
    for caption in CAPTIONS:
        assert searchable(caption) in text, caption
    assert searchable("ภาพที่ ๓") in text
    assert searchable(FULL["steps"][1]) in text
    assert "๑๒๐" in text  # typed digits are printed as Thai digits
    assert "- ๒ -" in text  # page numbers in Thai digits; the cover has none
    assert_all_sarabun(reader, text)


def test_pdf_booklet_of_a_draft_says_so(write_up):
    _reader, text = pdf_text(render_lessons_pdf(write_up))
    assert "ฉบับร่าง" in text


def test_pdf_booklet_escapes_what_was_typed(write_up, users):
    services.save_lessons(
        write_up=write_up,
        actor=users["district_staff"],
        revision=0,
        background='<img src="file:///etc/passwd"><b>ตัวหนา</b>',
    )
    write_up.refresh_from_db()
    _reader, text = pdf_text(render_lessons_pdf(write_up))
    assert searchable('<img src="file:///etc/passwd"><b>ตัวหนา</b>') in text


def test_booklet_renders_to_png(complete_write_up, users):
    # The reference copy docs/documents/lessons-booklet.png is page 1 of this run.
    services.publish_lessons(write_up=complete_write_up, actor=users["secretariat"])
    complete_write_up.refresh_from_db()
    pages = pdf_to_pngs(render_lessons_pdf(complete_write_up), "lessons-booklet", scale=70 / 72)
    assert len(pages) >= 3 and all(p.stat().st_size > 5000 for p in pages)


def _fonts_ok(r_fonts) -> bool:
    return r_fonts is not None and all(
        r_fonts.get(qn(attr)) == "Sarabun" for attr in ("w:ascii", "w:hAnsi", "w:cs")
    )


def test_word_booklet_has_headings_paragraphs_photos_and_sarabun(complete_write_up):
    data = render_lessons_docx(complete_write_up)
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "ถอดบทเรียน" in paragraphs
    assert "“กองทุนแม่ของแผ่นดินโปร่งใส ตรวจสอบได้”" in paragraphs
    assert "นายสมมติ ใจซื่อ" in paragraphs and "สำนักงานพัฒนาชุมชนอำเภอบางคล้า" in paragraphs
    assert any("๒๕๖๘" in p for p in paragraphs)
    assert headings[0] == "กองทุนแม่ของแผ่นดินโปร่งใส ตรวจสอบได้"
    assert [h.split(". ", 1)[1] for h in headings[1:9]] == HEADINGS
    assert "ภาพกิจกรรม" in headings
    assert f"๒. {FULL['steps'][1]}" in paragraphs
    assert FULL["objectives"] in paragraphs
    # The photos, with their captions, in a table two to a row.
    assert len(document.inline_shapes) == 3
    cell_text = " ".join(c.text for row in document.tables[0].rows for c in row.cells)
    for caption in CAPTIONS:
        assert caption in cell_text
    # Every run, and the styles used, name Sarabun for Latin and complex script (Thai),
    # and no theme font overrides them.
    runs = [r for p in document.paragraphs for r in p.runs] + [
        r
        for row in document.tables[0].rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    ]
    assert runs and all(_fonts_ok(r._r.rPr.rFonts) for r in runs if r.text)
    for name in ("Normal", "Heading 1", "Heading 2"):
        r_fonts = document.styles[name].element.rPr.rFonts
        assert _fonts_ok(r_fonts), name
        assert r_fonts.get(qn("w:cstheme")) is None and r_fonts.get(qn("w:asciiTheme")) is None


def test_word_booklet_xml_is_well_formed_a4_with_thai_page_numbers(complete_write_up):
    data = render_lessons_docx(complete_write_up)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        names = package.namelist()
        body = etree.fromstring(package.read("word/document.xml"))
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        targets = {rel.get("Id"): "word/" + rel.get("Target") for rel in rels}
        footer_xml = {n: etree.fromstring(package.read(n)) for n in names if "footer" in n}
        types = package.read("[Content_Types].xml").decode()
    assert sum(n.startswith("word/media/") for n in names) == 3
    assert "image/jpeg" in types
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    sections = body.findall(f".//{w}sectPr")
    assert len(sections) == 2  # the cover, then the body
    for section in sections:
        size = section.find(f"{w}pgSz")
        assert (size.get(f"{w}w"), size.get(f"{w}h")) == ("11906", "16838")  # A4 in twips
    r = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

    def page_fields(section):
        footer = footer_xml[targets[section.find(f"{w}footerReference").get(f"{r}id")]]
        return [t.text for t in footer.iter(f"{w}instrText") if "PAGE" in t.text]

    cover, rest = sections
    assert page_fields(cover) == []  # no number on the cover
    assert page_fields(rest) == [" PAGE \\* ThaiArabic "]  # Thai digits in Word
