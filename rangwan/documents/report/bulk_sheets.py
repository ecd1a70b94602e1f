"""Long table sheets for the report's workbook, their rows written straight into the
sheet's XML.

At national scale the sheet of every score has 880 districts × 9 members × 7 criteria =
55,000 rows. openpyxl spends about 30 µs on each cell (a Cell object, its style looked up
by hashing, an lxml element): over 300,000 cells that is 10 s. Here openpyxl still makes
the workbook (the header row, widths, frozen header, filter, styles, charts); the body
rows are written as XML text, a few µs a cell, and put into the saved sheet.

The cells look and behave as `documents.spreadsheets.write_cell` makes them: Sarabun
14 pt, top-aligned, long text wrapped, text always stored as text (never a formula) and
marked with Excel's quote prefix when it starts like a formula.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from rangwan.documents.spreadsheets import FONT, FORMULA_TRIGGERS, display_width

HEADER_FILL = "E6ECF5"
WRAP_OVER = 60  # characters; as write_cell


class BulkWorkbook:
    """An openpyxl workbook plus the sheets whose rows are added on saving."""

    def __init__(self, workbook):
        self.workbook = workbook
        self._rows: dict[object, list[str]] = {}
        self._styles: dict[tuple[bool, bool], int] = {}

    def _style_id(self, sheet, *, wrap: bool, quoted: bool) -> int:
        """The index of the body cells' style (cellXfs), registered with the workbook."""
        key = (wrap, quoted)
        if key not in self._styles:
            from openpyxl.cell.cell import Cell
            from openpyxl.styles import Alignment, Font

            probe = Cell(sheet)
            probe.font = Font(name=FONT, size=14)
            probe.alignment = Alignment(vertical="top", wrap_text=wrap)
            probe.quotePrefix = quoted
            self._styles[key] = probe.style_id
        return self._styles[key]

    def add_table_sheet(
        self,
        title: str,
        headers: Sequence[str],
        rows: Iterable[Sequence[object]],
        *,
        max_width: int = 60,
    ):
        """A sheet like `spreadsheets.add_table_sheet`: a bold header row (frozen,
        filterable) and columns as wide as their content, within reason."""
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        sheet = self.workbook.create_sheet(title)
        header_font = Font(name=FONT, size=14, bold=True)
        fill = PatternFill("solid", start_color=HEADER_FILL)
        for column, header in enumerate(headers, start=1):
            cell = sheet.cell(row=1, column=column, value=header)
            cell.data_type = "s"
            cell.font = header_font
            cell.fill = fill
            cell.alignment = Alignment(vertical="top", wrap_text=len(header) > WRAP_OVER)

        letters = [get_column_letter(c) for c in range(1, len(headers) + 1)]
        starts = [f'<c r="{letter}' for letter in letters]
        widths = [display_width(str(h)) for h in headers]
        # A column's values repeat (districts, members, criteria, points): each distinct
        # value is turned into XML once, and its width counted once.
        seen: list[dict] = [{} for _header in headers]
        out = []
        last_row = 1
        for last_row, row in enumerate(rows, start=2):
            number = str(last_row)
            cells = []
            for index, value in enumerate(row):
                rest = seen[index].get(value)
                if rest is None:
                    rest, width = self._cell(sheet, value)
                    seen[index][value] = rest
                    widths[index] = max(widths[index], width)
                cells.append(f"{starts[index]}{number}{rest}")
            out.append(f'<row r="{number}">{"".join(cells)}</row>')
        self._rows[sheet] = out

        for letter, width in zip(letters, widths, strict=True):
            sheet.column_dimensions[letter].width = min(max_width, width + 3)
        sheet.freeze_panes = "A2"
        if last_row > 1:
            sheet.auto_filter.ref = f"A1:{letters[-1]}{last_row}"
        return sheet

    def _cell(self, sheet, value: object) -> tuple[str, int]:
        """A cell's XML after its reference (`"` included), and its width."""
        if value is None or value == "":
            return f'" s="{self._style_id(sheet, wrap=False, quoted=False)}"/>', 0
        if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
            text = format(value, "f") if isinstance(value, Decimal) else repr(value)
            style = self._style_id(sheet, wrap=False, quoted=False)
            return f'" s="{style}"><v>{text}</v></c>', len(str(value))
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        style = self._style_id(
            sheet, wrap=len(text) > WRAP_OVER, quoted=text.startswith(FORMULA_TRIGGERS)
        )
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return (
            f'" s="{style}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>',
            display_width(text),
        )

    def save(self) -> bytes:
        from rangwan.documents.spreadsheets import workbook_bytes

        saved = workbook_bytes(self.workbook)
        if not self._rows:
            return saved
        parts = {sheet.path.lstrip("/"): rows for sheet, rows in self._rows.items()}
        buffer = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(saved)) as source,
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for item in source.infolist():
                body = source.read(item.filename)
                rows = parts.get(item.filename)
                if rows:
                    body = _with_rows(body.decode("utf-8"), rows).encode("utf-8")
                target.writestr(item, body, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
        return buffer.getvalue()


def _with_rows(xml: str, rows: list[str]) -> str:
    """The sheet's XML with the rows after its header row, and its dimension widened."""
    last = re.search(r'<row r="(\d+)"', rows[-1]).group(1)
    xml = re.sub(
        r'<dimension ref="([A-Z]+)1:([A-Z]+)1"\s*/>',
        lambda m: f'<dimension ref="{m.group(1)}1:{m.group(2)}{last}"/>',
        xml,
        count=1,
    )
    head, end, tail = xml.partition("</sheetData>")
    if not end:  # pragma: no cover - openpyxl always writes the header row
        raise ValueError("sheet without sheetData")
    return head + "".join(rows) + end + tail
