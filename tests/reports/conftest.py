from decimal import Decimal

import pytest

from tests.fixtures_nominations import BEFORE_DOSSIER, COMPLETE_DOSSIER, MEMBER, OFFICER, upload

# Districts whose names stack marks (บ้านโพธิ์, คลองเขื่อน, บางน้ำเปรี้ยว): the charts must
# shape them right.
DISTRICTS = ["bangkhla", "banpho", "khlongkhuean", "bangnampriao"]


def _points(member: int, district: int, code: str, maximum: Decimal) -> Decimal:
    if code == "3":
        return maximum - (member * 3 + district * 5) % 13
    return maximum - (member + 2 * district + int(code.replace(".", ""))) % (2 + len(code))


@pytest.fixture
def scored_programme(demo, users, register, time_at):
    """Four accepted dossiers with varied scores from members 1–6; member 7 declared a
    conflict with บ้านโพธิ์, which the chair upheld. Returns (programme, nominations)."""
    from rangwan.accounts.models import User
    from rangwan.judging import services as scoring
    from rangwan.nominations import services
    from rangwan.nominations.enums import ScreeningOutcome

    nominations = []
    for slug in DISTRICTS:
        staff = User.objects.get(username=f"staff.{slug}")
        head = User.objects.get(username=f"head.{slug}")
        nomination = register(district=staff.district, actor=staff, officer=OFFICER, member=MEMBER)
        time_at(BEFORE_DOSSIER)
        dossier = COMPLETE_DOSSIER | {"work_title": f"ผลงานของอำเภอ{staff.district.name_th}"}
        services.save_dossier(nomination=nomination, actor=staff, revision=0, **dossier)
        services.add_evidence(
            nomination=nomination, actor=staff, upload=upload(), section="joint_work"
        )
        services.certify_dossier(
            nomination=nomination, actor=head, certifier_name="ก", certifier_position="ข"
        )
        services.submit_dossier(
            nomination=nomination, actor=staff, officer_confirmed=True, member_confirmed=True
        )
        services.screen_dossier(
            nomination=nomination, actor=users["secretariat"], outcome=ScreeningOutcome.ACCEPTED
        )
        nomination.refresh_from_db()
        nominations.append(nomination)
    for number in range(1, 7):
        seat = demo.seats.get(number=number)
        for index, nomination in enumerate(nominations):
            scoring.declare(seat=seat, nomination=nomination, actor=seat.user, has_conflict=False)
            sheet = scoring.open_sheet(seat=seat, nomination=nomination, actor=seat.user)
            marks = {
                s.criterion_id: (
                    _points(number, index, s.criterion.code, s.criterion.max_points),
                    "ตามเอกสารและการนำเสนอ",
                )
                for s in sheet.scores.select_related("criterion")
            }
            sheet = scoring.save_sheet(sheet=sheet, actor=seat.user, version=0, scores=marks)
            scoring.submit_sheet(sheet=sheet, actor=seat.user, version=sheet.version)
    seat = demo.seats.get(number=7)
    declaration = scoring.declare(
        seat=seat,
        nomination=nominations[1],
        actor=seat.user,
        has_conflict=True,
        kind="relative",
        reason="เป็นญาติของเครือข่าย",
    )
    chair = demo.seats.get(role="chair").user
    scoring.rule_on_conflict(declaration=declaration, actor=chair, ruling="upheld")
    return demo, nominations


@pytest.fixture
def scored_final(scored_programme):
    from rangwan.results import services as results_services

    programme, nominations = scored_programme
    chair = programme.seats.get(role="chair").user
    results = results_services.finalise_results(programme=programme, actor=chair)
    return programme, nominations, results
