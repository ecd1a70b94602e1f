import pypdfium2
import segno
from django.urls import reverse

from rangwan.documents.certificates import render_certificate_pdf, render_certificates
from rangwan.honours import services
from rangwan.honours.enums import CertificateKind
from tests.pdf_helpers import assert_all_sarabun, pdf_text, pdf_to_pngs, searchable

MM = 72 / 25.4  # PDF points a millimetre


def _award(certificates):
    return next(c for c in certificates if c.kind == CertificateKind.AWARD)


def test_award_certificate_says_who_what_when_and_its_number(issued):
    certificate = _award(issued[2])
    reader, text = pdf_text(render_certificate_pdf(certificate))
    page = reader.pages[0]
    assert len(reader.pages) == 1
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape A4
    assert round(float(page.mediabox.width) / MM) == 297
    for fact in (
        "เกียรติบัตร",
        "สำนักงานพัฒนาชุมชนจังหวัดฉะเชิงเทรา",
        "มอบเกียรติบัตรฉบับนี้ไว้เพื่อแสดงว่า",
        "นายสมมติ ใจซื่อ",
        "ได้รับรางวัลสุดยอด ๑ พัฒนากร ๑ เครือข่ายการพัฒนา",
        "ให้ไว้ ณ วันที่ ๑๓ มิถุนายน พ.ศ. ๒๕๖๘",
        "(นายชโล พงษ์สุข)",
        "ผู้ว่าราชการจังหวัดฉะเชิงเทรา",
        certificate.display_code,
    ):
        assert searchable(fact) in text, fact
    assert "ยกเลิก" not in text
    assert_all_sarabun(reader, text)


def test_participation_certificate_says_taking_part(issued):
    certificate = next(c for c in issued[2] if c.kind == CertificateKind.PARTICIPATION)
    reader, text = pdf_text(render_certificate_pdf(certificate))
    assert searchable("ได้เข้าร่วมการคัดเลือก") in text
    assert searchable(certificate.name) in text
    assert_all_sarabun(reader, text)


def test_typed_text_is_printed_as_text_not_markup(issued, users):
    certificate = _award(issued[2])
    certificate.name = '<img src="file:///etc/passwd"> นาย <b>ทดสอบ</b>'
    _reader, text = pdf_text(render_certificate_pdf(certificate))
    assert searchable('<img src="file:///etc/passwd"> นาย <b>ทดสอบ</b>') in text


def _qr_modules(pdf: bytes, scale: float = 4.0) -> list[list[bool]]:
    """Read the QR code back off the rendered page: find its top row (the two finder
    patterns), measure a module, sample the centre of every module."""
    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=scale).to_pil().convert("L")
    document.close()
    px = scale * MM
    # The code sits in the bottom-left corner, inside the border.
    box = (int(16 * px), int(120 * px), int(80 * px), int(195 * px))
    crop = image.crop(box)
    width, height = crop.size
    dark = [[crop.getpixel((x, y)) < 128 for x in range(width)] for y in range(height)]
    top = next(y for y in range(height) if any(dark[y]))
    row = dark[top]
    left = row.index(True)
    right = width - 1 - row[::-1].index(True)
    run = next(x for x in range(left, width) if not row[x]) - left
    module = run / 7  # a finder pattern is 7 modules wide
    size = round((right - left + 1) / module)
    module = (right - left + 1) / size
    return [
        [dark[int(top + (r + 0.5) * module)][int(left + (c + 0.5) * module)] for c in range(size)]
        for r in range(size)
    ]


def test_the_qr_code_holds_the_verify_address(issued, settings):
    settings.SITE_URL = "https://rangwan.example.go.th"
    certificate = _award(issued[2])
    expected = "https://rangwan.example.go.th" + reverse("honours:verify", args=[certificate.code])
    read = _qr_modules(render_certificate_pdf(certificate))
    matrix = [[bool(bit) for bit in row] for row in segno.make(expected, error="m").matrix]
    assert read == matrix


def test_a_revoked_certificate_is_marked_across_the_page(issued, users):
    certificate = _award(issued[2])
    services.revoke_certificate(certificate=certificate, actor=users["secretariat"], reason="ผิด")
    certificate.refresh_from_db()
    _reader, text = pdf_text(render_certificate_pdf(certificate))
    assert "ยกเลิก / REVOKED" in text


def test_many_certificates_render_as_one_small_pdf_each(issued):
    certificates = issued[2]
    rendered = list(render_certificates(certificates, chunk=4))
    assert [c for c, _pdf in rendered] == certificates
    for certificate, pdf in rendered:
        reader, text = pdf_text(pdf)
        assert len(reader.pages) == 1
        assert certificate.display_code in text
        assert searchable(certificate.name) in text
        assert len(pdf) < 80_000


def test_certificates_render_to_png_for_review(issued, users):
    """The pictures docs/documents/certificate-*.png are copied from."""
    award = _award(issued[2])
    participation = next(
        c
        for c in issued[2]
        if c.kind == CertificateKind.PARTICIPATION and c.person_id == award.person_id
    )
    for name, certificate in (
        ("certificate-winner", award),
        ("certificate-participant", participation),
    ):
        (png,) = pdf_to_pngs(render_certificate_pdf(certificate), name, scale=80 / 72)
        assert 20_000 < png.stat().st_size < 300_000
