"""The winning district writes the lessons learned on a 360-px phone; the secretariat
publishes them. Screenshots at each step."""

import pytest

from rangwan.learning.enums import LessonStatus
from rangwan.learning.models import LessonsLearned
from rangwan.seed.demo import DEMO_PASSWORD
from tests.fixtures_nominations import photo_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTIONS = {
    "#id_background": "สมาชิกกองทุนไม่เคยเห็นบัญชี",
    "#id_objectives": "เพื่อให้บัญชีกองทุนโปร่งใส",
    "#id_success_factors": "คณะกรรมการร่วมมือ",
    "#id_obstacles": "สมาชิกไม่มาประชุม แก้โดยติดประกาศ",
    "#id_lessons_gained": "ความโปร่งใสสร้างความไว้วางใจ",
    "#id_advice": "เริ่มจากบัญชีที่เข้าใจง่าย",
}


def sign_in(open_page, live_server, username, width=360):
    page = open_page(width, 780)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")
    page.wait_for_load_state("networkidle")
    return page


def test_the_winning_district_writes_and_the_secretariat_publishes(
    open_page, live_server, artifacts, tmp_path, final_results
):
    programme, _nominations, _results = final_results
    photo = tmp_path / "board.jpg"
    photo.write_bytes(photo_bytes(size=(1200, 900)))
    shot = lambda page, name: page.screenshot(  # noqa: E731
        path=str(artifacts / f"lessons-{name}.png"), full_page=True
    )

    staff = sign_in(open_page, live_server, "staff.bangkhla")
    staff.goto(f"{live_server.url}/district/")
    staff.get_by_role("link", name="เขียนถอดบทเรียน").click()
    staff.get_by_role("button", name="เริ่มถอดบทเรียน").click()
    staff.wait_for_load_state("networkidle")
    assert staff.input_value("#id_title") == "กองทุนแม่ของแผ่นดินโปร่งใส ตรวจสอบได้"
    for selector, text in SECTIONS.items():
        staff.fill(selector, text)
    staff.locator("#save-status").get_by_text("บันทึกแล้วเมื่อ").wait_for()
    staff.set_input_files("#id_file", str(photo))
    staff.fill("#id_caption", "ติดประกาศบัญชีที่ศาลาหมู่บ้าน")
    staff.locator("#photos").get_by_role("button", name="อัปโหลด").click()
    staff.wait_for_load_state("networkidle")
    assert "เพิ่มภาพถ่ายแล้ว" in staff.content()
    assert staff.locator("#photos img").count() == 2
    # Nothing overflows sideways on the phone.
    assert staff.evaluate("document.documentElement.scrollWidth") <= 360
    shot(staff, "1-editor-phone")
    write_up = LessonsLearned.objects.get()
    assert write_up.advice == "เริ่มจากบัญชีที่เข้าใจง่าย"

    sec = sign_in(open_page, live_server, "secretariat", width=1280)
    sec.goto(f"{live_server.url}/programmes/{programme.pk}/lessons/")
    sec.get_by_role("button", name="เผยแพร่").click()
    sec.wait_for_load_state("networkidle")
    assert "เผยแพร่การถอดบทเรียนแล้ว" in sec.content()
    shot(sec, "2-published")
    write_up.refresh_from_db()
    assert write_up.status == LessonStatus.PUBLISHED
