"""A member scores a dossier on a tablet; the chair follows progress and the tally."""

import datetime as dt

import pytest

from rangwan.accounts.models import User
from rangwan.judging.enums import SheetStatus
from rangwan.judging.models import ScoreSheet
from rangwan.nominations import services
from rangwan.nominations.enums import ScreeningOutcome
from rangwan.programmes.models import Programme
from rangwan.seed.demo import DEMO_PASSWORD, load_demo
from tests.fixtures_nominations import COMPLETE_DOSSIER, MEMBER, OFFICER, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def accepted_nomination(time_at):
    from rangwan.directory.models import NetworkKind, OfficerKind

    load_demo()
    programme = Programme.objects.get()
    district = programme.districts.get(code="2402")
    staff = User.objects.get(username="staff.bangkhla")
    head = User.objects.get(username="head.bangkhla")
    time_at(dt.datetime(2025, 2, 1, 10, 0))
    nomination = services.register_pair(
        programme=programme,
        district=district,
        actor=staff,
        officer=OFFICER,
        officer_kind=OfficerKind.objects.first(),
        member=MEMBER,
        network_kind=NetworkKind.objects.get(code="mae-phaendin"),
        network_name="กองทุนแม่ของแผ่นดินบ้านหนองไม้แดง",
        member_role="ประธาน",
    )
    time_at(dt.datetime(2025, 4, 1, 10, 0))
    services.save_dossier(nomination=nomination, actor=staff, revision=0, **COMPLETE_DOSSIER)
    services.add_evidence(
        nomination=nomination, actor=staff, upload=upload(), section="joint_work", caption="ภาพ"
    )
    services.certify_dossier(
        nomination=nomination, actor=head, certifier_name="ก", certifier_position="พัฒนาการอำเภอ"
    )
    services.submit_dossier(
        nomination=nomination, actor=staff, officer_confirmed=True, member_confirmed=True
    )
    services.screen_dossier(
        nomination=nomination,
        actor=User.objects.get(username="secretariat"),
        outcome=ScreeningOutcome.ACCEPTED,
    )
    return programme, nomination


def sign_in(open_page, live_server, username, width, height):
    page = open_page(width, height)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")
    page.wait_for_load_state("networkidle")
    return page


def test_member_declares_and_scores_on_a_tablet(open_page, live_server, artifacts, time_at):
    programme, nomination = accepted_nomination(time_at)
    page = sign_in(open_page, live_server, "committee2", 768, 1024)
    page.goto(f"{live_server.url}/programmes/{programme.pk}/judging/")
    page.get_by_role("link", name="แจ้งส่วนได้เสีย").click()
    page.get_by_label("ไม่มีส่วนได้เสีย").check()
    page.get_by_role("button", name="แจ้ง").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "แบบให้คะแนน: อำเภอบางคล้า"
    points = page.locator("input.points")
    assert points.nth(0).input_value() == "10"  # prefilled from the disciplinary record
    for index, value in enumerate(["8", "9", "7", "8", "6"], start=1):
        points.nth(index).fill(value)
    points.nth(6).fill("35")
    assert page.locator("#sheet-total").inner_text() == "83"
    page.screenshot(path=str(artifacts / "score-sheet-tablet.png"), full_page=True)
    page.get_by_role("button", name="ส่งและล็อก").click()
    page.wait_for_load_state("networkidle")
    assert "ส่งแบบให้คะแนนแล้ว แบบให้คะแนนถูกล็อก" in page.content()
    sheet = ScoreSheet.objects.get(nomination=nomination, seat__number=2)
    assert sheet.status == SheetStatus.SUBMITTED

    chair = sign_in(open_page, live_server, "committee1", 1280, 900)
    chair.goto(f"{live_server.url}/programmes/{programme.pk}/judging/progress/")
    assert "1 / 6" in chair.locator("table.board").inner_text()
    chair.screenshot(path=str(artifacts / "judging-progress.png"), full_page=True)
    chair.goto(f"{live_server.url}/programmes/{programme.pk}/judging/results/")
    assert "83.00" in chair.locator("table.results").inner_text()
    chair.screenshot(path=str(artifacts / "judging-tally.png"), full_page=True)


def test_public_results_page_for_anyone(open_page, live_server, artifacts, judged_programme):
    from rangwan.results import services as results

    programme, _ = judged_programme
    final = results.finalise_results(programme=programme, actor=programme.seats.get(number=1).user)
    for width, name in ((1280, "results-public.png"), (360, "results-public-phone.png")):
        page = open_page(width, 900)
        page.goto(f"{live_server.url}/results/{programme.pk}/")
        assert final.digest in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / name), full_page=True)
