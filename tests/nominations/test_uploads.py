"""Hostile and broken uploads are refused by content and leave nothing behind; good
photos are re-encoded without metadata."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from rangwan.nominations import services
from rangwan.nominations.enums import EvidenceKind, EvidenceSection
from rangwan.nominations.models import Evidence
from tests.fixtures_nominations import BEFORE_DOSSIER, photo_bytes, upload

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def attach(nomination, staff, time_at):
    time_at(BEFORE_DOSSIER)

    def do(name, data, caption=""):
        return services.add_evidence(
            nomination=nomination,
            actor=staff,
            upload=upload(name, data, "application/octet-stream"),
            section=EvidenceSection.CONDUCT,
            caption=caption,
        )

    return do


def refused(attach, name, data, stored_evidence) -> str:
    with pytest.raises(ValidationError) as error:
        attach(name, data)
    assert Evidence.objects.count() == 0
    assert stored_evidence() == []
    return error.value.messages[0]


def png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def pdf_bytes(javascript: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject(javascript),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def hand_written_pdf(open_action: bytes) -> bytes:
    """A one-page PDF written by hand, so a name can be spelt with #xx escapes."""
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            open_action,
        ]
    )


def pdf_of(objects: list[bytes]) -> bytes:
    body, offsets = b"%PDF-1.7\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return body


def test_executable_renamed_jpg_is_refused(attach, stored_evidence):
    message = refused(attach, "photo.jpg", b"MZ\x90\x00" + b"\x00" * 500, stored_evidence)
    assert message == "ไม่รับไฟล์โปรแกรมหรือไฟล์บีบอัด กรุณาส่งภาพถ่ายหรือไฟล์ PDF"


def test_linux_program_renamed_png_is_refused(attach, stored_evidence):
    refused(attach, "photo.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 500, stored_evidence)


def test_svg_with_a_script_is_refused(attach, stored_evidence):
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    message = refused(attach, "photo.jpg", svg, stored_evidence)
    assert message.startswith("ไม่รับไฟล์ภาพ SVG")


def test_html_is_refused(attach, stored_evidence):
    message = refused(
        attach, "page.pdf", b"<!DOCTYPE html><html><script>x</script>", stored_evidence
    )
    assert message.startswith("ไม่รับไฟล์หน้าเว็บ (HTML)")


def test_30000_by_30000_png_is_refused_without_decoding(attach, stored_evidence):
    message = refused(attach, "huge.png", png_header_only(30000, 30000), stored_evidence)
    assert message == "ภาพถ่ายมีความละเอียดเกิน 60 ล้านพิกเซล กรุณาส่งภาพที่เล็กลง"


def test_truncated_jpeg_is_refused(attach, stored_evidence):
    whole = photo_bytes(size=(640, 480))
    message = refused(attach, "cut.jpg", whole[: len(whole) // 2], stored_evidence)
    assert message == "ภาพถ่ายเสียหายหรือไม่สมบูรณ์ อ่านไม่ได้"


def test_truncated_jpeg_is_refused_even_after_weasyprint_loaded(attach, stored_evidence):
    import weasyprint  # noqa: F401 - it sets PIL's LOAD_TRUNCATED_IMAGES when imported

    whole = photo_bytes(size=(640, 480))
    refused(attach, "cut.jpg", whole[: len(whole) // 2], stored_evidence)


def test_oversize_file_is_refused_naming_the_limit(attach, settings, stored_evidence):
    settings.EVIDENCE_MAX_FILE_BYTES = 1024 * 1024
    big = photo_bytes() + b"\x00" * (3 * 1024 * 1024)
    message = refused(attach, "big.jpg", big, stored_evidence)
    assert message == "ไฟล์มีขนาด 3 MB เกินกำหนด 1 MB ต่อไฟล์"


def test_dossier_quota_is_enforced(attach, settings, stored_evidence):
    attach("one.jpg", photo_bytes())
    settings.EVIDENCE_MAX_DOSSIER_BYTES = Evidence.objects.get().size + 10
    with pytest.raises(ValidationError, match="ไฟล์ทั้งหมดของแบบเสนอผลงานจะเกิน"):
        attach("two.jpg", photo_bytes(size=(80, 60)))
    assert Evidence.objects.count() == 1


def test_pdf_with_javascript_is_refused(attach, stored_evidence):
    message = refused(attach, "doc.pdf", pdf_bytes("app.alert('x')"), stored_evidence)
    assert message.startswith("ไฟล์ PDF มีสคริปต์")


def test_pdf_javascript_spelt_with_escapes_is_still_refused(attach, stored_evidence):
    # "/J#61vaScript" is "/JavaScript" to a PDF reader but not to a byte search.
    data = hand_written_pdf(b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>")
    assert b"/JavaScript" not in data
    message = refused(attach, "doc.pdf", data, stored_evidence)
    assert message.startswith("ไฟล์ PDF มีสคริปต์")


JS = b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE_WITH_LINK = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>"
HIDDEN_ACTIONS = {  # found by the security review of 2026-11-25
    "a link's own additional actions": [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        PAGES,
        PAGE_WITH_LINK,
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 200 200] /AA << /E " + JS + b" >> >>",
    ],
    "a bookmark": [
        b"<< /Type /Catalog /Pages 2 0 R /Outlines 4 0 R >>",
        PAGES,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Type /Outlines /First 5 0 R /Last 5 0 R /Count 1 >>",
        b"<< /Title (x) /Parent 4 0 R /A " + JS + b" >>",
    ],
    "the next action of a harmless one": [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /GoTo /D [3 0 R /Fit] /Next "
        + JS
        + b" >> >>",
        PAGES,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ],
    "a link that launches a program": [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        PAGES,
        PAGE_WITH_LINK,
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 200 200] /A << /S /L#61unch /F (x.exe) >> >>",
    ],
}


@pytest.mark.parametrize("where", HIDDEN_ACTIONS)
def test_pdf_actions_hidden_anywhere_are_refused(attach, stored_evidence, where):
    message = refused(attach, "doc.pdf", pdf_of(HIDDEN_ACTIONS[where]), stored_evidence)
    assert message.startswith("ไฟล์ PDF มีสคริปต์")


def test_hand_written_pdf_without_actions_is_accepted(attach):
    data = hand_written_pdf(b"<< /S /GoTo /D [3 0 R /Fit] >>")
    assert attach("doc.pdf", data).kind == EvidenceKind.DOCUMENT


def test_damaged_pdf_is_refused(attach, stored_evidence):
    message = refused(attach, "doc.pdf", b"%PDF-1.7\n garbage \n%%EOF", stored_evidence)
    assert message in ("ไฟล์ PDF เสียหาย อ่านไม่ได้", "ไฟล์ PDF ไม่มีหน้าเอกสาร")


def test_clean_pdf_is_kept_byte_for_byte(attach):
    data = pdf_bytes()
    evidence = attach("หนังสือรับรอง.pdf", data, caption="ใบประกาศเกียรติคุณ")
    assert evidence.kind == EvidenceKind.DOCUMENT
    assert evidence.content_type == "application/pdf"
    assert evidence.original_name == "หนังสือรับรอง.pdf"
    with evidence.file.open("rb") as stored:
        assert stored.read() == data
    assert not evidence.thumbnail


def test_photo_loses_exif_and_gps_and_is_turned_upright(attach):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    exif[0x010F] = "PhoneMaker"
    gps = {1: "N", 2: (13.0, 41.0, 2.0), 3: "E", 4: (101.0, 4.0, 0.0)}
    exif[0x8825] = gps
    evidence = attach("IMG_0001.JPG", photo_bytes(size=(300, 200), exif=exif.tobytes()))
    with evidence.file.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert image.size == (200, 300)  # turned upright
        assert not image.getexif()
        assert "exif" not in image.info
    assert (evidence.width, evidence.height) == (200, 300)
    with evidence.thumbnail.open("rb") as thumb:
        assert Image.open(io.BytesIO(thumb.read())).format == "JPEG"


@pytest.mark.parametrize(("fmt", "content_type"), [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_photos_are_accepted(attach, fmt, content_type):
    evidence = attach(f"x.{fmt.lower()}", photo_bytes(fmt))
    assert evidence.content_type == content_type
    assert evidence.file.name.endswith("." + fmt.lower())


def test_a_huge_photo_is_scaled_down(attach, settings):
    settings.EVIDENCE_MAX_SIDE = 100
    evidence = attach("big.jpg", photo_bytes(size=(400, 300)))
    assert (evidence.width, evidence.height) == (100, 75)


def test_a_refused_row_after_storing_leaves_no_file(attach, stored_evidence):
    # A caption longer than the column is refused only when the row is validated,
    # after the cleaned file has been written: the file must be removed again.
    with pytest.raises(ValidationError):
        attach("ok.jpg", photo_bytes(), caption="ก" * 400)
    assert Evidence.objects.count() == 0
    assert stored_evidence() == []
