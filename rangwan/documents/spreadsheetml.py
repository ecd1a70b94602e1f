"""Large tables as XLSX, written directly as SpreadsheetML.

The secretariat's exports reach 55,000 score rows (880 dossiers × 9 members × 7
criteria), about 720,000 cells. openpyxl spends tens of microseconds on every cell (its
style objects, then its XML writer), and XlsxWriter about a third of that: a national
export took minutes. A table's cells repeat (the same district, member, criterion, score
and date appear thousands of times), so each distinct value is turned into its XML once
and every further cell is a dictionary look-up.

What a sheet keeps of `spreadsheets.add_table_sheet`: Sarabun 14 throughout, a bold
filled header row that stays frozen and carries the auto filter, columns as wide as their
widest value within reason, text always stored as text (never as a formula) with Excel's
quote prefix when it starts like one, dates and times as real dates in yyyy-mm-dd
formats. Charts and free layouts stay with openpyxl (documents/report/excel.py).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal

from rangwan.documents.spreadsheets import FONT, FORMULA_TRIGGERS, display_width

Table = tuple[str, Sequence[str], Iterable[Sequence[object]]]

# Cell formats, as indices into styles.xml's cellXfs below.
BODY, HEADER, DATE, DATETIME, QUOTED, WRAPPED, WRAPPED_QUOTED, HEADER_QUOTED = range(8)
WRAP_AFTER = 60  # characters: longer text wraps, as it did with openpyxl

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
EXCEL_EPOCH = dt.datetime(1899, 12, 30)

# Characters XML 1.0 cannot carry at all; Excel's own escape _xHHHH_ must itself be escaped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
EXCEL_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")


def _xml_text(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = NOT_XML.sub("", text)
    if "_x" in text:
        text = EXCEL_ESCAPE.sub(r"_x005F_\1", text)
    return text


def _xml_attribute(text: str) -> str:
    return _xml_text(text).replace('"', "&quot;")


def _serial(value: dt.date) -> str:
    """Excel's day number: days since 1899-12-30, the time of day as a fraction."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            from django.utils import timezone

            value = timezone.localtime(value).replace(tzinfo=None)
        return repr((value - EXCEL_EPOCH) / dt.timedelta(days=1))
    return str((value - EXCEL_EPOCH.date()).days)


class _Cells(dict):
    """Each distinct value's <c> element, made on first sight. Numbers that are equal
    share one element whatever their type (1, 1.0 and Decimal("1") all show as 1);
    booleans are written as the numbers 1 and 0."""

    def __init__(self, strings: dict[str, int]):
        super().__init__()
        self.strings = strings

    def __missing__(self, value: object) -> str:
        self[value] = element = self.element(value)
        return element

    def text(self, value: str, style: int) -> str:
        index = self.strings.setdefault(value, len(self.strings))
        return (
            f'<c s="{style}" t="s"><v>{index}</v></c>' if style else f'<c t="s"><v>{index}</v></c>'
        )

    def element(self, value: object) -> str:
        if value is None:
            return "<c/>"
        if isinstance(value, str):
            quoted = value.startswith(FORMULA_TRIGGERS)
            if len(value) > WRAP_AFTER:
                return self.text(value, WRAPPED_QUOTED if quoted else WRAPPED)
            return self.text(value, QUOTED if quoted else BODY)
        if isinstance(value, dt.datetime):
            return f'<c s="{DATETIME}"><v>{_serial(value)}</v></c>'
        if isinstance(value, dt.date):
            return f'<c s="{DATE}"><v>{_serial(value)}</v></c>'
        if isinstance(value, Decimal):
            return f"<c><v>{value:f}</v></c>"
        if isinstance(value, int | float):
            return (
                f"<c><v>{value!r}</v></c>"
                if isinstance(value, float)
                else f"<c><v>{int(value)}</v></c>"
            )
        raise TypeError(f"cannot write {type(value).__name__} to a spreadsheet cell")


def _shown_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return display_width(value)
    if isinstance(value, dt.datetime):
        return len("yyyy-mm-dd hh:mm")
    if isinstance(value, dt.date):
        return len("yyyy-mm-dd")
    return len(format(value, "f") if isinstance(value, Decimal) else str(value))


def _column_widths(headers: Sequence[str], rows: Sequence[Sequence[object]], limit: int):
    """The widest value of each column, over its distinct values only; a string no
    longer than the widest so far cannot be wider (marks above and below take none)."""
    widths = [display_width(header) for header in headers]
    for index, column in enumerate(zip(*rows, strict=False)):
        widest = widths[index]
        for value in set(column):
            if widest >= limit:
                break
            if isinstance(value, str) and len(value) <= widest:
                continue
            widest = max(widest, _shown_width(value))
        widths[index] = widest
    return [min(limit, width + 3) for width in widths]


def _column_letter(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _sheet_xml(headers, rows, cells: _Cells, *, selected: bool, max_width: int) -> str:
    last = _column_letter(len(headers)) + str(len(rows) + 1)
    widths = "".join(
        f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>'
        for n, width in enumerate(_column_widths(headers, rows, max_width), start=1)
    )
    header = "".join(
        cells.text(h, HEADER_QUOTED if h.startswith(FORMULA_TRIGGERS) else HEADER) for h in headers
    )
    element = cells.__getitem__
    body = "".join(
        f'<row r="{n}">{"".join(map(element, row))}</row>' for n, row in enumerate(rows, start=2)
    )
    tab = ' tabSelected="1"' if selected else ""
    return (
        f'{XML_HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:{last}"/>'
        f'<sheetViews><sheetView{tab} workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="21"/><cols>{widths}</cols>'
        f'<sheetData><row r="1">{header}</row>{body}</sheetData>'
        + (f'<autoFilter ref="A1:{last}"/>' if rows else "")
        + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        "</worksheet>"
    )


def _styles_xml() -> str:
    top = '<alignment vertical="top"/>'
    wrap = '<alignment vertical="top" wrapText="1"/>'

    def xf(*, font=0, fill=0, number=0, quote=False, alignment=top) -> str:
        extra = ' quotePrefix="1"' if quote else ""
        return (
            f'<xf numFmtId="{number}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"'
            f' applyFont="1" applyFill="{int(bool(fill))}" applyNumberFormat="{int(bool(number))}"'
            f' applyAlignment="1"{extra}>{alignment}</xf>'
        )

    formats = [  # in the order of BODY, HEADER, … above
        xf(),
        xf(font=1, fill=2),
        xf(number=164),
        xf(number=165),
        xf(quote=True),
        xf(alignment=wrap),
        xf(quote=True, alignment=wrap),
        xf(font=1, fill=2, quote=True),
    ]
    font = f'<sz val="14"/><name val="{FONT}"/><family val="2"/><charset val="222"/>'
    return (
        f'{XML_HEAD}<styleSheet xmlns="{MAIN}">'
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
        '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>'
        f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>'
        '<fill><patternFill patternType="solid"><fgColor rgb="FFE6ECF5"/><bgColor indexed="64"/>'
        "</patternFill></fill></fills>"
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{len(formats)}">{"".join(formats)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _content_types(parts: list[tuple[str, str]]) -> str:
    """The package's table of contents: each part under xl/ and its SpreadsheetML kind."""
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(
        f'<Override PartName="/xl/{name}" ContentType="{kind}.{part}+xml"/>' for name, part in parts
    )
    relationships = "application/vnd.openxmlformats-package.relationships+xml"
    return (
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="{relationships}"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
    )


def _relationships(targets: list[tuple[str, str]]) -> str:
    links = "".join(
        f'<Relationship Id="rId{n}" Type="{REL}/{kind}" Target="{target}"/>'
        for n, (kind, target) in enumerate(targets, start=1)
    )
    return f'{XML_HEAD}<Relationships xmlns="{PACKAGE_REL}">{links}</Relationships>'


def tables_xlsx(tables: Sequence[Table], *, max_width: int = 60) -> bytes:
    """A workbook of one sheet a table: (sheet title, header row, rows)."""
    strings: dict[str, int] = {}
    cells = _Cells(strings)
    sheets, names, filters = [], [], []
    for index, (title, headers, rows) in enumerate(tables):
        rows = rows if isinstance(rows, Sequence) else list(rows)
        sheets.append(_sheet_xml(headers, rows, cells, selected=index == 0, max_width=max_width))
        names.append(
            f'<sheet name="{_xml_attribute(title)}" sheetId="{index + 1}" r:id="rId{index + 1}"/>'
        )
        if rows:
            quoted_title = _xml_attribute(title.replace("'", "''"))
            last = f"${_column_letter(len(headers))}${len(rows) + 1}"
            filters.append(
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{index}" hidden="1">'
                f"'{quoted_title}'!$A$1:{last}</definedName>"
            )
    shared = "".join(f'<si><t xml:space="preserve">{_xml_text(s)}</t></si>' for s in strings)
    defined = f"<definedNames>{''.join(filters)}</definedNames>" if filters else ""
    sheet_names = [f"worksheets/sheet{n}.xml" for n in range(1, len(sheets) + 1)]
    parts = {
        "[Content_Types].xml": _content_types(
            [("workbook.xml", "sheet.main")]
            + [(name, "worksheet") for name in sheet_names]
            + [("styles.xml", "styles"), ("sharedStrings.xml", "sharedStrings")]
        ),
        "_rels/.rels": _relationships([("officeDocument", "xl/workbook.xml")]),
        "xl/workbook.xml": (
            f'{XML_HEAD}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><bookViews><workbookView/>'
            f"</bookViews><sheets>{''.join(names)}</sheets>{defined}</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": _relationships(
            [("worksheet", name) for name in sheet_names]
            + [("styles", "styles.xml"), ("sharedStrings", "sharedStrings.xml")]
        ),
        "xl/styles.xml": _styles_xml(),
        "xl/sharedStrings.xml": (
            f'{XML_HEAD}<sst xmlns="{MAIN}" uniqueCount="{len(strings)}">{shared}</sst>'
        ),
        **{f"xl/worksheets/sheet{n}.xml": xml for n, xml in enumerate(sheets, start=1)},
    }
    buffer = io.BytesIO()
    # Level 1: the XML repeats itself so much that more effort saves little and costs time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, xml in parts.items():
            package.writestr(name, xml.encode("utf-8"))
    return buffer.getvalue()
