"""Word (.docx) documents in the style of Thai government papers: A4, Sarabun 16 pt,
margins of 3 cm left, 2.5 cm top, 2 cm right and bottom.

Thai is a complex script: Word picks the font and size of Thai text from the `cs`
attributes (w:rFonts/@w:cs, w:szCs), not from the Latin ones, so both are set on every
style this module touches. The font is named, not embedded: offices without Sarabun see
their own Thai font (the text stays right; only the face differs).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Sarabun"
BODY_PT = 16


def _thai_font(style_or_run, size_pt: float | None = None, *, bold: bool | None = None) -> None:
    font = style_or_run.font
    font.name = FONT
    if size_pt:
        font.size = Pt(size_pt)
    if bold is not None:
        font.bold = bold
    r_pr = style_or_run.element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    # A theme font (w:asciiTheme, w:cstheme, ...) overrides the named one: the default
    # template's headings carry them, which would set headings in Calibri Light.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    if size_pt:
        size_cs = r_pr.find(qn("w:szCs"))
        if size_cs is None:
            size_cs = r_pr.makeelement(qn("w:szCs"), {})
            r_pr.append(size_cs)
        size_cs.set(qn("w:val"), str(int(size_pt * 2)))
    if bold and r_pr.find(qn("w:bCs")) is None:
        r_pr.append(r_pr.makeelement(qn("w:bCs"), {}))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = r_pr.makeelement(qn("w:lang"), {})
        r_pr.append(lang)
    lang.set(qn("w:bidi"), "th-TH")


def new_document(*, landscape: bool = False) -> Document:
    """An empty A4 document whose Normal, Title, Heading 1–3 and Table Grid styles are
    Sarabun (16 pt body)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin, section.top_margin = Cm(3), Cm(2.5)
    section.right_margin, section.bottom_margin = Cm(2), Cm(2)
    styles = document.styles
    _thai_font(styles["Normal"], BODY_PT)
    styles["Normal"].paragraph_format.space_after = Pt(0)
    for name, size in (("Title", 22), ("Heading 1", 20), ("Heading 2", 18), ("Heading 3", 16)):
        _thai_font(styles[name], size, bold=True)
        styles[name].font.color.rgb = None
    _thai_font(styles["Table Grid"], 14)
    return document


def thai_run(paragraph, text: str, *, bold: bool = False, size_pt: float | None = None):
    """Append text to a paragraph with the Thai font set on the run itself."""
    run = paragraph.add_run(text)
    _thai_font(run, size_pt, bold=bold or None)
    return run


def to_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def set_column_widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths that every reader keeps: Word reads each cell's width,
    LibreOffice the table grid, so both are set, and autofit is turned off."""
    from docx.shared import Cm

    table.autofit = False
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm, strict=True):
        grid_col.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
