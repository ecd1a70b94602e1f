"""Issue 5's "done when": starting from the demo programme after judging, the secretariat
produces every document from the dashboard — the letter (sent to every district office),
the announcement, the certificates (in the background), the lessons learned and their
booklet, the report to superiors and the exports — and a certificate's QR code leads to
its public verify page."""

import io
import signal
import zipfile

import pytest
from django.conf import settings
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from rangwan.documents.certificates import verify_url
from rangwan.honours.models import Certificate
from rangwan.programmes.models import Programme
from rangwan.seed.demo import DEMO_PASSWORD
from tests.pdf_helpers import assert_all_sarabun, pdf_text, searchable

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LESSONS = {
    "#id_background": "สมาชิกกองทุนต้องการเห็นการใช้เงินที่โปร่งใส",
    "#id_objectives": "เพื่อให้ทุกบาทตรวจสอบได้",
    "#id_success_factors": "ผู้นำเป็นแบบอย่างและสมาชิกมีส่วนร่วม",
    "#id_obstacles": "สมาชิกบางส่วนไม่สะดวกมาประชุม แก้โดยประกาศผ่านกลุ่มไลน์",
    "#id_lessons_gained": "ความโปร่งใสสร้างความไว้วางใจ",
    "#id_advice": "เริ่มจากบัญชีที่ทุกคนอ่านเข้าใจ",
}


def run_worker():
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
        )
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def test_the_secretariat_produces_every_document_from_the_judged_demo(
    open_page, live_server, artifacts, smtp_server
):
    call_command("load_demo", "--judged", stdout=io.StringIO())
    programme = Programme.objects.get(fiscal_year=2568)
    page = open_page(1280, 900)
    # Nothing the pages need is blocked by the Content-Security-Policy.
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "secretariat")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")
    page.goto(f"{live_server.url}/programmes/{programme.pk}/")
    documents = page.locator("#documents")

    def fetch(link_text: str):
        """Follow a link of the documents card with the signed-in session."""
        href = documents.get_by_role("link", name=link_text, exact=True).get_attribute("href")
        response = page.request.get(live_server.url + href)
        assert response.status == 200, (link_text, response.status)
        return response

    # 1. The letter, sent to the eleven district offices with its enclosures.
    documents.get_by_role("link", name="หนังสือแจ้งอำเภอ พร้อมสิ่งที่ส่งมาด้วย").click()
    page.get_by_role("button", name="ส่งถึงสำนักงานพัฒนาชุมชนอำเภอทุกแห่ง").click()
    page.wait_for_load_state("networkidle")
    assert len(smtp_server.messages) == 11
    letter = page.request.get(f"{live_server.url}/programmes/{programme.pk}/letter/letter.pdf")
    reader, text = pdf_text(letter.body())
    assert searchable("ฉช ๐๐๑๙/ว ๗๓๑") in text
    assert_all_sarabun(reader, text)

    # 2. The announcement, from the frozen results.
    page.goto(f"{live_server.url}/programmes/{programme.pk}/")
    reader, text = pdf_text(fetch("ประกาศผลการคัดเลือก (PDF)").body())
    assert searchable("ประกาศสำนักงานพัฒนาชุมชนจังหวัดฉะเชิงเทรา") in text
    assert "บ้านโพธิ์" in text and programme.results.digest in text.replace(" ", "")

    # 3. Certificates, issued and rendered by the background worker.
    documents.get_by_role("link", name="เกียรติบัตร").click()
    page.click("text=ออกเกียรติบัตรทั้งหมด")
    page.click("button.primary")
    run_worker()
    page.wait_for_selector("text=ดาวน์โหลดไฟล์ zip", timeout=20_000)
    # 11 pairs take part (22 people); the winning pair also gets the award: 24.
    assert Certificate.objects.filter(programme=programme).count() == 24
    zip_href = page.get_by_role("link", name="ดาวน์โหลดไฟล์ zip").get_attribute("href")
    archive = zipfile.ZipFile(io.BytesIO(page.request.get(live_server.url + zip_href).body()))
    assert len([n for n in archive.namelist() if n.endswith(".pdf")]) == 24

    # 4. The lessons learned: started from the winner, written, published; the booklet.
    page.goto(f"{live_server.url}/programmes/{programme.pk}/")
    documents.get_by_role("link", name="ถอดบทเรียน").click()
    page.get_by_role("button", name="เริ่มถอดบทเรียน").click()
    page.wait_for_load_state("networkidle")
    for selector, words in LESSONS.items():
        page.fill(selector, words)
    page.locator("#save-status").get_by_text("บันทึกแล้วเมื่อ").wait_for()
    page.goto(f"{live_server.url}/programmes/{programme.pk}/lessons/")
    page.get_by_role("button", name="เผยแพร่").click()
    page.wait_for_load_state("networkidle")
    assert "เผยแพร่การถอดบทเรียนแล้ว" in page.content()
    booklet = page.request.get(f"{live_server.url}/programmes/{programme.pk}/lessons/booklet.pdf")
    reader, text = pdf_text(booklet.body())
    assert "ถอดบทเรียน" in text and "บ้านโพธิ์" in text
    assert_all_sarabun(reader, text)

    # 5. The report to superiors, now with indicator 10.3 met, in three formats.
    page.goto(f"{live_server.url}/programmes/{programme.pk}/")
    assert "1 / 1" in page.locator(".indicator").nth(2).inner_text()
    reader, text = pdf_text(fetch("PDF").body())
    assert searchable("รายงานผลการดำเนินโครงการ") in text and "คลองเขื่อน" in text
    assert_all_sarabun(reader, text)
    word = Document(io.BytesIO(fetch("Word").body()))
    assert any("รายงานผลการดำเนินโครงการ" in p.text for p in word.paragraphs)
    workbook = load_workbook(io.BytesIO(fetch("Excel").body()))
    assert len(workbook.sheetnames) >= 4

    # 6. The exports.
    scores = fetch("คะแนน (CSV)").body().decode("utf-8-sig")
    # One row per member, dossier and criterion: 98 sheets of 7 criteria, and a header.
    assert len(scores.strip().splitlines()) == 98 * 7 + 1
    page.screenshot(path=str(artifacts / "documents-journey-dashboard.png"), full_page=True)
    assert violations == []

    # 7. A certificate's QR code (its verify address, read back off the page in
    # tests/honours) opens the public verify page, for anyone.
    certificate = Certificate.objects.filter(programme=programme).first()
    path = verify_url(certificate).removeprefix(settings.SITE_URL)
    public = open_page(390, 844)
    public.goto(live_server.url + path)
    assert "เกียรติบัตรฉบับนี้เป็นของจริง" in public.content()
    assert certificate.name in public.content()
