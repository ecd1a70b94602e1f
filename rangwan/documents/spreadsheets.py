"""Tables for spreadsheets: CSV that Excel opens in Thai, and XLSX in Sarabun, both safe
against formula injection.

A district types its work title; if it starts with "=", "+", "-" or "@" a spreadsheet
would run it as a formula (=HYPERLINK(...) to leak data, =cmd|... on old Excel). OWASP's
rule: a text cell that starts with =, +, -, @, a tab or a carriage return gets a leading
single quote in CSV. In XLSX the cell is written as a string (never as a formula) and
marked with Excel's own quote prefix, so it shows exactly as typed.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FONT = "Sarabun"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_SPECIAL = (",", '"', "\r", "\n")


def neutralise(value: object) -> object:
    """A cell value that no spreadsheet will run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _plain(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value


class _CsvFields(dict):
    """Each distinct value as a CSV field (Excel's dialect: quoted only when it holds a
    comma, a quote or a line break), made on first sight: a score export repeats the same
    districts, members, criteria and dates tens of thousands of times, and joining ready
    fields is several times faster than csv.writer. Numbers that are equal share one
    field whatever their type."""

    def __init__(self, *, empty: str = ""):
        super().__init__()
        self.empty = empty

    def __missing__(self, value: object) -> str:
        text = neutralise(_plain(value))
        text = text if isinstance(text, str) else str(text)
        if not text:
            text = self.empty
        elif any(char in text for char in CSV_SPECIAL):
            text = '"' + text.replace('"', '""') + '"'
        self[value] = text
        return text


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel reads Thai as mojibake."""
    # A line of one empty field would read as no field at all: csv.writer quotes it too.
    field = _CsvFields(empty='""' if len(headers) == 1 else "").__getitem__
    lines = [",".join(map(field, headers))]
    lines += [",".join(map(field, row)) for row in rows]
    lines.append("")
    return ("\ufeff" + "\r\n".join(lines)).encode("utf-8")


def display_width(text: str) -> int:
    """Columns a string takes: Thai vowel and tone marks sit above or below their
    consonant and take no width of their own."""
    return sum(1 for char in text if unicodedata.category(char) not in ("Mn", "Me", "Cf"))


def new_workbook():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def write_cell(sheet, row: int, column: int, value: object, *, bold: bool = False):
    """One cell in Sarabun; text is always stored as text, never as a formula."""
    from openpyxl.styles import Alignment, Font

    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        value = timezone.localtime(value).replace(tzinfo=None)
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
    cell.font = Font(name=FONT, size=14, bold=bold)
    cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str) and len(value) > 60)
    if isinstance(value, dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def add_table_sheet(
    workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    start_row: int = 1,
    max_width: int = 60,
):
    """A sheet with a bold header row (frozen, filterable) and columns as wide as their
    content, within reason."""
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    widths = [display_width(str(h)) for h in headers]
    fill = PatternFill("solid", start_color="E6ECF5")
    for column, header in enumerate(headers, start=1):
        write_cell(sheet, start_row, column, header, bold=True).fill = fill
    last_row = start_row
    for last_row, row in enumerate(rows, start=start_row + 1):
        for column, value in enumerate(row, start=1):
            write_cell(sheet, last_row, column, value)
            text = value.strftime("%Y-%m-%d %H:%M") if isinstance(value, dt.date) else value
            widths[column - 1] = max(widths[column - 1], display_width(str(text or "")))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max_width, width + 3)
    sheet.freeze_panes = sheet.cell(row=start_row + 1, column=1)
    if last_row > start_row:
        sheet.auto_filter.ref = f"A{start_row}:{get_column_letter(len(headers))}{last_row}"
    return sheet


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
