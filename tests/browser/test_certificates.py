"""The secretariat issues every certificate in the background and downloads the zip;
anyone who scans a certificate's QR code sees that it is genuine."""

import signal

import pytest
from django.core.management import call_command

from rangwan.honours.enums import CertificateKind
from rangwan.honours.models import Certificate
from rangwan.seed.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_issues_certificates_and_the_public_checks_one(
    open_page, live_server, artifacts, final_results
):
    programme, _nominations, _results = final_results
    page = open_page(1280, 900)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "secretariat")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/programmes/{programme.pk}/certificates/")
    page.click("text=ออกเกียรติบัตรทั้งหมด")
    assert "ระดับจังหวัด" in page.input_value("#id_award_text")
    page.fill("#id_issued_on", "13/06/2568")
    page.click("button.primary")
    page.wait_for_selector("text=รอให้ระบบงานเบื้องหลังเริ่มดำเนินการ")

    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
        )
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)

    # The progress card polls itself (htmx) and offers the zip once the worker is done.
    page.wait_for_selector("text=ดาวน์โหลดไฟล์ zip", timeout=15_000)
    assert page.locator("table.list tbody tr").count() == 6
    page.screenshot(path=str(artifacts / "certificates-list.png"), full_page=True)

    certificate = Certificate.objects.get(
        kind=CertificateKind.AWARD, person=programme.nominations.get(district__code="2402").officer
    )
    public = open_page(390, 844, scale=2)
    public.goto(f"{live_server.url}/verify/{certificate.code}/")
    assert "เกียรติบัตรฉบับนี้เป็นของจริง" in public.inner_text("main")
    assert certificate.name in public.inner_text("main")
    public.screenshot(path=str(artifacts / "certificate-verify-phone.png"), full_page=True)
