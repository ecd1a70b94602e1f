"""The whole district journey on a 360-px phone, with a screenshot at each step."""

import datetime as dt

import pytest

from rangwan.accounts.models import User
from rangwan.nominations.enums import DeadlineKind, NominationStatus
from rangwan.nominations.models import Nomination
from rangwan.nominations.services import grant_extension
from rangwan.programmes.models import Programme
from rangwan.seed.demo import DEMO_PASSWORD, load_demo
from tests.fixtures_nominations import photo_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(open_page, live_server, username):
    page = open_page(360, 780)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")
    page.wait_for_load_state("networkidle")
    return page


def test_district_journey_from_registration_to_acceptance(
    open_page, live_server, artifacts, tmp_path
):
    load_demo()
    programme = Programme.objects.get()
    district = programme.districts.get(code="2402")
    secretariat = User.objects.get(username="secretariat")
    # The seed's deadlines are in 2568 (2025): reopen them for this district, as the
    # secretariat would, so the journey runs today.
    today = dt.date.today()
    for kind in DeadlineKind.values:
        grant_extension(
            programme=programme,
            district=district,
            kind=kind,
            until=today + dt.timedelta(days=30),
            reason="ทดสอบระบบ",
            actor=secretariat,
        )
    photo = tmp_path / "meeting.jpg"
    photo.write_bytes(photo_bytes(size=(1200, 900)))
    shot = lambda page, name: page.screenshot(  # noqa: E731
        path=str(artifacts / f"journey-{name}.png"), full_page=True
    )
    base = live_server.url

    # 1. Staff registers the pair.
    staff = sign_in(open_page, live_server, "staff.bangkhla")
    staff.goto(f"{base}/programmes/{programme.pk}/my-nomination/pair/")
    staff.select_option("#id_officer_title", "นาย")
    staff.fill("#id_officer_first_name", "สมมติ")
    staff.fill("#id_officer_last_name", "ใจซื่อ")
    staff.fill("#id_officer_position", "นักวิชาการพัฒนาชุมชนชำนาญการ")
    staff.get_by_label("พัฒนากร", exact=True).check()
    staff.select_option("#id_member_title", "นาง")
    staff.fill("#id_member_first_name", "สมศรี")
    staff.fill("#id_member_last_name", "รักถิ่น")
    staff.get_by_label("คณะกรรมการกองทุนแม่ของแผ่นดิน").check()
    staff.fill("#id_network_name", "กองทุนแม่ของแผ่นดินบ้านหนองไม้แดง")
    staff.fill("#id_member_role", "ประธาน")
    shot(staff, "1-register")
    staff.get_by_role("button", name="บันทึก").click()
    staff.wait_for_load_state("networkidle")
    assert "บันทึกรายชื่อแล้ว" in staff.content()
    nomination = Nomination.objects.get()

    # 2. Staff fills the dossier; it saves itself as they type.
    staff.get_by_role("link", name="กรอกแบบเสนอผลงาน").click()
    staff.wait_for_load_state("networkidle")
    staff.fill("#id_years_in_position", "6")
    staff.get_by_label("ไม่เคยถูกลงโทษ").check()
    for n in range(1, 6):
        staff.fill(f"#id_conduct_{n}", f"พฤติกรรมข้อ {n}: ปฏิบัติงานด้วยความซื่อสัตย์")
    staff.fill("#id_work_title", "กองทุนแม่ของแผ่นดินโปร่งใส ตรวจสอบได้")
    staff.fill("#id_work_steps", "ประชุม วางแผน จัดทำบัญชี เผยแพร่")
    staff.fill("#id_work_start", "10/01/2568")
    staff.fill("#id_work_end", "10/04/2568")
    staff.fill("#id_work_results", "บัญชีกองทุนเปิดเผยต่อสมาชิกทุกเดือน")
    staff.fill("#id_work_use", "ขยายผลไปยัง ๓ หมู่บ้าน")
    staff.locator("#save-status").get_by_text("บันทึกแล้วเมื่อ").wait_for()
    staff.reload()  # nothing typed is lost
    assert staff.input_value("#id_work_use") == "ขยายผลไปยัง ๓ หมู่บ้าน"
    staff.set_input_files("#id_work_file", str(photo))
    staff.fill("#id_work_caption", "ประชุมคณะกรรมการกองทุน")
    staff.locator("#evidence-joint_work").get_by_role("button", name="อัปโหลด").click()
    staff.wait_for_load_state("networkidle")
    assert "เพิ่มไฟล์แล้ว" in staff.content()
    assert staff.locator("#evidence-joint_work img").count() == 1
    shot(staff, "2-dossier")

    # 3. The district head reviews and certifies.
    head = sign_in(open_page, live_server, "head.bangkhla")
    head.goto(f"{base}/nominations/{nomination.pk}/")
    head.get_by_role("button", name="รับรอง").click()
    head.wait_for_load_state("networkidle")
    assert "รับรองแบบเสนอผลงานแล้ว" in head.content()
    shot(head, "3-certified")

    # 4. Staff confirms for the pair and submits; the receipt shows the fingerprint.
    staff.goto(f"{base}/nominations/{nomination.pk}/")
    staff.locator("#id_officer_confirmed").check()
    staff.locator("#id_member_confirmed").check()
    staff.get_by_role("button", name="ส่งแบบเสนอผลงาน").click()
    staff.wait_for_load_state("networkidle")
    digest = staff.locator("code.digest").inner_text()
    assert len(digest) == 64
    assert digest == nomination.versions.get(number=1).sha256
    shot(staff, "4-receipt")

    # 5. The secretariat returns it with reasons.
    sec = sign_in(open_page, live_server, "secretariat")
    sec.goto(f"{base}/programmes/{programme.pk}/screening/?state=submitted")
    sec.get_by_role("link", name="เปิด").click()
    sec.get_by_label("ส่งกลับให้แก้ไข").check()
    sec.fill("#id_reasons", "ขอภาพถ่ายกิจกรรมเพิ่มเติม")
    sec.fill(
        "#id_resubmit_by", (today + dt.timedelta(days=7)).strftime("%d/%m/") + str(today.year + 543)
    )
    sec.get_by_role("button", name="บันทึกผลการตรวจสอบ").click()
    sec.wait_for_load_state("networkidle")
    shot(sec, "5-returned")

    # 6. Staff sees the reasons, adds a photo; the head certifies again; staff resubmits.
    staff.goto(f"{base}/nominations/{nomination.pk}/")
    assert "ขอภาพถ่ายกิจกรรมเพิ่มเติม" in staff.content()
    staff.get_by_role("link", name="แก้ไขแบบเสนอผลงาน").click()
    staff.set_input_files("#id_work_file", str(photo))
    staff.fill("#id_work_caption", "ลงพื้นที่ติดตามผล")
    staff.locator("#evidence-joint_work").get_by_role("button", name="อัปโหลด").click()
    staff.wait_for_load_state("networkidle")
    head.goto(f"{base}/nominations/{nomination.pk}/")
    head.get_by_role("button", name="รับรอง").click()
    head.wait_for_load_state("networkidle")
    staff.goto(f"{base}/nominations/{nomination.pk}/")
    staff.locator("#id_officer_confirmed").check()
    staff.locator("#id_member_confirmed").check()
    staff.get_by_role("button", name="ส่งแบบเสนอผลงาน").click()
    staff.wait_for_load_state("networkidle")
    assert "ใบรับแบบเสนอผลงาน" in staff.content()

    # 7. The secretariat accepts; both versions stay viewable.
    sec.goto(f"{base}/nominations/{nomination.pk}/")
    sec.get_by_label("ผ่านการตรวจสอบ", exact=True).check()
    sec.get_by_role("button", name="บันทึกผลการตรวจสอบ").click()
    sec.wait_for_load_state("networkidle")
    shot(sec, "6-screening-list")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ACCEPTED
    assert list(nomination.versions.values_list("number", "outcome")) == [
        (2, "accepted"),
        (1, "returned"),
    ]
    staff.goto(f"{base}/nominations/{nomination.pk}/versions/1/")
    assert staff.locator("#evidence-joint_work img, .dossier-read img").count() == 1
    assert staff.evaluate("document.documentElement.scrollWidth") <= 360
    shot(staff, "7-version-1")


def test_typing_survives_a_dropped_connection_and_a_reload(open_page, live_server, artifacts):
    from rangwan.directory.models import NetworkKind, OfficerKind
    from rangwan.nominations.services import register_pair

    load_demo()
    programme = Programme.objects.get()
    district = programme.districts.get(code="2402")
    secretariat = User.objects.get(username="secretariat")
    staff_user = User.objects.get(username="staff.bangkhla")
    for kind in DeadlineKind.values:
        grant_extension(
            programme=programme,
            district=district,
            kind=kind,
            until=dt.date.today() + dt.timedelta(days=30),
            reason="ทดสอบระบบ",
            actor=secretariat,
        )
    nomination = register_pair(
        programme=programme,
        district=district,
        actor=staff_user,
        officer={"title": "นาย", "first_name": "ก", "last_name": "ข", "position": "ค"},
        officer_kind=OfficerKind.objects.first(),
        member={"title": "นาง", "first_name": "ง", "last_name": "จ", "position": "ฉ"},
        network_kind=NetworkKind.objects.first(),
        network_name="ช",
        member_role="ซ",
    )
    page = sign_in(open_page, live_server, "staff.bangkhla")
    page.goto(f"{live_server.url}/nominations/{nomination.pk}/dossier/")

    # The connection drops while the officer types: the page says so and keeps the text.
    page.context.set_offline(True)
    page.fill("#id_conduct_1", "พิมพ์ขณะสัญญาณหาย")
    page.locator("#save-status.offline").wait_for()
    assert "ขาดการเชื่อมต่อ" in page.locator("#save-status").inner_text()
    page.screenshot(path=str(artifacts / "dossier-offline.png"))
    nomination.dossier.refresh_from_db()
    assert nomination.dossier.conduct_1 == ""

    # It comes back: the kept text is saved without the officer doing anything.
    page.context.set_offline(False)
    page.locator("#save-status").get_by_text("บันทึกแล้วเมื่อ").wait_for()
    nomination.dossier.refresh_from_db()
    assert nomination.dossier.conduct_1 == "พิมพ์ขณะสัญญาณหาย"

    # Typing not yet sent when the page is reloaded is put back and saved.
    page.fill("#id_conduct_2", "พิมพ์แล้วรีโหลดทันที")
    page.reload()
    page.locator("#save-status").get_by_text("บันทึกแล้วเมื่อ").wait_for()
    assert page.input_value("#id_conduct_2") == "พิมพ์แล้วรีโหลดทันที"
    nomination.dossier.refresh_from_db()
    assert nomination.dossier.conduct_2 == "พิมพ์แล้วรีโหลดทันที"
