import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from rangwan.documents.dossiers import render_committee_packet, render_dossier_pdf
from rangwan.nominations import services
from rangwan.nominations.enums import ScreeningOutcome


def searchable(text: str) -> str:
    """Text as extracted from a PDF can be compared with: Thai lines wrap without a
    space, and SARA AM is drawn as NIKHAHIT + SARA AA, which extraction reads back as
    SARA AA alone (the page itself shows it right: see the PNG)."""
    return text.replace("\n", "").replace("\u0e33", "\u0e32")


def pdf_text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, searchable("\n".join(page.extract_text() for page in reader.pages))


def font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font") or {}
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_submitted_dossier_pdf_carries_the_form_and_the_fingerprint(submitted):
    version = submitted.versions.get()
    reader, text = pdf_text(render_dossier_pdf(submitted))
    assert searchable("แบบเสนอผลงานเพื่อประกอบการพิจารณา") in text
    assert searchable("สำนักงานพัฒนาชุมชนอำเภอบางคล้า") in text
    assert "๒๕๖๘" in text  # the B.E. year, in Thai digits
    assert searchable("นายสมมติ ใจซื่อ") in text
    assert searchable("กองทุนแม่ของแผ่นดินโปร่งใส ตรวจสอบได้") in text
    assert version.sha256 in text
    assert "ฉบับร่าง" not in text
    # Every glyph came from Sarabun: no fallback font, so nothing is missing.
    assert font_names(reader) and all("Sarabun" in name for name in font_names(reader))
    assert "\ufffd" not in text


def test_a_draft_is_marked_as_a_draft(complete):
    _reader, text = pdf_text(render_dossier_pdf(complete))
    assert "ฉบับร่าง" in text


def test_committee_packet_has_a_cover_contents_and_every_accepted_dossier(
    submitted, register, users, demo, time_at
):
    services.screen_dossier(
        nomination=submitted, actor=users["secretariat"], outcome=ScreeningOutcome.ACCEPTED
    )
    reader, text = pdf_text(render_committee_packet(demo))
    assert searchable("เอกสารประกอบการพิจารณาของคณะกรรมการคัดเลือก") in text
    assert searchable("สารบัญ") in text
    assert searchable("สำนักงานพัฒนาชุมชนอำเภอบางคล้า") in text
    assert len(reader.pages) >= 4
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert [searchable(t) for t in titles] == [searchable("อำเภอบางคล้า")]


def test_dossier_pdf_is_served_to_the_district_and_not_to_others(client_as, users, submitted):
    url = reverse("nominations:dossier_pdf", args=[submitted.pk])
    response = client_as(users["district_head"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert client_as(users["other_staff"]).get(url).status_code == 403
    # The committee reads a dossier only once it has been accepted.
    assert client_as(users["committee_member"]).get(url).status_code == 403


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
def test_dossier_and_packet_render_to_png(submitted, users, demo, tmp_path, settings):
    """Pages as pictures, for people to look at (var/test-artifacts; the reference
    copies in docs/documents/ come from here)."""
    services.screen_dossier(
        nomination=submitted, actor=users["secretariat"], outcome=ScreeningOutcome.ACCEPTED
    )
    artifacts = settings.BASE_DIR / "var" / "test-artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    for name, pdf in (
        ("dossier", render_dossier_pdf(submitted)),
        ("packet", render_committee_packet(demo)),
    ):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf)
        subprocess.run(  # noqa: S603
            ["pdftoppm", "-png", "-r", "70", str(path), str(tmp_path / name)],  # noqa: S607
            check=True,
        )
        pages = sorted(tmp_path.glob(f"{name}-*.png"))
        assert pages and all(p.stat().st_size > 5000 for p in pages)
        for number, page in enumerate(pages, start=1):
            shutil.copy(page, artifacts / f"{name}-page-{number}.png")
