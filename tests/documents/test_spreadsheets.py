import csv
import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from rangwan.documents.spreadsheetml import tables_xlsx
from rangwan.documents.spreadsheets import csv_bytes

HEADERS = ["อำเภอ", "ชื่อผลงาน", "เริ่ม", "ส่งเมื่อ", "คะแนน"]
ROWS = [
    ["บ้านโพธิ์", "=1+1", dt.date(2024, 10, 1), dt.datetime(2025, 1, 2, 3, 4, tzinfo=dt.UTC), 8],
    ["คลองเขื่อน", 'ก, "ข"\nค <&>', None, None, Decimal("7.50")],
    ["บางคล้า", "ผลงาน" * 20, dt.date(2024, 10, 1), None, Decimal("10.00")],
]


def test_csv_quotes_what_excel_would_and_reads_back_as_written():
    body = csv_bytes(HEADERS, ROWS)
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert rows[1] == ["บ้านโพธิ์", "'=1+1", "2024-10-01", "2025-01-02T03:04+00:00", "8"]
    assert rows[2] == ["คลองเขื่อน", 'ก, "ข"\nค <&>', "", "", "7.50"]
    assert rows[3][4] == "10"


def test_xlsx_table_keeps_text_as_text_and_dates_as_dates():
    body = tables_xlsx([("การเสนอชื่อ", HEADERS, ROWS), ("ว่าง", ["ก"], [])])
    workbook = load_workbook(io.BytesIO(body))
    assert workbook.sheetnames == ["การเสนอชื่อ", "ว่าง"]
    sheet = workbook["การเสนอชื่อ"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb == "FFE6ECF5"
    assert sheet["A2"].font.name == "Sarabun" and sheet["A2"].font.sz == 14
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E4"

    formula = sheet["B2"]
    assert formula.value == "=1+1" and formula.data_type == "s" and formula.quotePrefix
    assert sheet["B3"].value == 'ก, "ข"\nค <&>'
    assert sheet["B4"].alignment.wrap_text
    assert (
        sheet["C2"].value == dt.datetime(2024, 10, 1) and sheet["C2"].number_format == "yyyy-mm-dd"
    )
    # Local time (Bangkok, UTC+7), as the secretariat reads it.
    assert sheet["D2"].value == dt.datetime(2025, 1, 2, 10, 4)
    assert sheet["D2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["C3"].value is None and sheet["E3"].value == 7.5 and sheet["E2"].value == 8
    assert 8 <= sheet.column_dimensions["A"].width <= 20
    assert sheet.column_dimensions["B"].width == 60  # long text: capped, and wrapped
    assert workbook["ว่าง"].max_row == 1
