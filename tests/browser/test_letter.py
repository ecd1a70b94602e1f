import pytest

from rangwan.programmes.models import Programme
from rangwan.seed.demo import load_demo
from tests.browser.test_dashboard import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_edits_the_letter_and_opens_its_pdf(open_page, live_server, artifacts):
    load_demo()
    programme = Programme.objects.get(fiscal_year=2568)
    page = open_page()
    sign_in(page, live_server, "secretariat")
    page.goto(f"{live_server.url}/programmes/{programme.pk}/letter/")
    assert page.locator("h1").inner_text() == "หนังสือราชการและสิ่งที่ส่งมาด้วย"
    assert page.get_by_text("ฉช ๐๐๑๙/ว ๗๓๑").is_visible()
    # Every demo district office has an address: the letter can go to all of them.
    assert page.get_by_role("button", name="ส่งถึงสำนักงานพัฒนาชุมชนอำเภอทุกแห่ง").is_enabled()
    page.screenshot(path=str(artifacts / "letter-page.png"), full_page=True)

    page.click("text=แก้ไขหนังสือ")
    page.fill("#id_reference_number", "ฉช 0019/ว 800")
    page.click("button.primary")
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("บันทึกหนังสือแล้ว").is_visible()
    assert page.get_by_text("ฉช 0019/ว 800").is_visible()

    with page.expect_response(lambda r: r.url.endswith("letter.pdf")) as response:
        page.goto(f"{live_server.url}/programmes/{programme.pk}/letter/letter.pdf")
    assert response.value.headers["content-type"] == "application/pdf"
