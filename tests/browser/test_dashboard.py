import pytest

from rangwan.seed.demo import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")
    page.wait_for_load_state("networkidle")


def test_secretariat_signs_in_sees_dashboard_and_switches_language(
    open_page, live_server, artifacts
):
    load_demo()
    page = open_page()
    sign_in(page, live_server, "secretariat")

    assert page.locator("h1").inner_text() == "๑ พัฒนากร ๑ เครือข่ายการพัฒนา ๒๕๖๘"
    assert page.get_by_role("heading", name="แผนการดำเนินงาน").is_visible()
    assert page.locator("#work-plan li").count() == 8
    assert page.evaluate("document.fonts.check('16px Sarabun')")
    page.screenshot(path=str(artifacts / "dashboard-th.png"), full_page=True)

    page.click("button[value=en]")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Work plan").is_visible()
    assert page.locator("h1").inner_text() == "1 Officer 1 Network 2568"
    page.screenshot(path=str(artifacts / "dashboard-en.png"), full_page=True)

    page.click("button[value=th]")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="แผนการดำเนินงาน").is_visible()


def test_dashboard_fits_a_360_pixel_phone(open_page, live_server, artifacts):
    load_demo()
    page = open_page(360, 780, 2)
    sign_in(page, live_server, "secretariat")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "dashboard-phone.png"), full_page=True)


def test_secretariat_marks_a_step_done_inline(open_page, live_server):
    load_demo()
    page = open_page()
    sign_in(page, live_server, "secretariat")
    step = page.locator("#work-plan li").nth(3)
    step.get_by_role("link", name="ปรับปรุงสถานะ").click()
    form = page.locator("#work-plan form")
    form.locator("select[name=status]").select_option("done")
    form.locator("input[name=done_on]").fill("30/04/2568")
    form.get_by_role("button", name="บันทึก").click()
    updated = page.locator("#work-plan li").nth(3)
    updated.locator(".chip.done").wait_for()
    assert "เสร็จ 30 เม.ย. 2568" in updated.inner_text()
    page.reload()
    assert "ดำเนินการแล้ว" in page.locator("#work-plan li").nth(3).inner_text()


def test_district_staff_sees_their_district_and_what_to_do(open_page, live_server, artifacts):
    load_demo()
    page = open_page(360, 780, 2)
    sign_in(page, live_server, "staff.bangkhla")
    assert page.locator("h1").inner_text() == "อำเภอบางคล้า"
    assert "แจ้งรายชื่อผู้เข้ารับการคัดเลือก" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "district-home-phone.png"), full_page=True)
