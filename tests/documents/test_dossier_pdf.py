import pytest
from django.urls import reverse

from rangwan.documents.dossiers import render_committee_packet, render_dossier_pdf
from rangwan.nominations import services
from rangwan.nominations.enums import ScreeningOutcome
from tests.pdf_helpers import assert_all_sarabun, pdf_text, pdf_to_pngs, searchable


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
    assert_all_sarabun(reader, text)


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


def test_dossier_and_packet_render_to_png(submitted, users, demo):
    services.screen_dossier(
        nomination=submitted, actor=users["secretariat"], outcome=ScreeningOutcome.ACCEPTED
    )
    for name, pdf in (
        ("dossier", render_dossier_pdf(submitted)),
        ("packet", render_committee_packet(demo)),
    ):
        pages = pdf_to_pngs(pdf, name, scale=70 / 72)
        assert pages and all(p.stat().st_size > 5000 for p in pages)


@pytest.mark.parametrize(
    "url",
    [
        "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/hostname",
        "../../../../../../../../etc/hostname",
        "Sarabun-Regular.ttf?x=1",
    ],
)
def test_the_pdf_fetcher_reads_only_the_four_sarabun_files(url):
    """Found by the security review of 2026-11-25: a prefix check let %2e%2e climb out."""
    from rangwan.documents.pdf import FONT_DIR, _fetcher

    with pytest.raises(ValueError, match="Not fetched"):
        _fetcher().fetch(FONT_DIR.as_uri() + "/" + url)
    assert _fetcher().fetch((FONT_DIR / "Sarabun-Bold.ttf").as_uri())
