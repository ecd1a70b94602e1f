import pytest

from rangwan.judging import scoring
from rangwan.nominations import services
from rangwan.nominations.enums import ScreeningOutcome
from tests.fixtures_nominations import BEFORE_DOSSIER, COMPLETE_DOSSIER, MEMBER, OFFICER, upload


@pytest.fixture
def judged_programme(demo, users, register, time_at):
    """Two accepted dossiers (บางคล้า, เมืองฉะเชิงเทรา), scored by members 1–6 (the quorum
    of 9 is 6). บางคล้า scores 35 on the joint work, เมือง 30; everything else is full."""
    from rangwan.accounts.models import User

    nominations = []
    for code, work in (("2402", "35"), ("2401", "30")):
        staff = User.objects.get(username="staff.bangkhla" if code == "2402" else "staff.mueang")
        head = User.objects.get(username="head.bangkhla" if code == "2402" else "head.mueang")
        nomination = register(district=staff.district, actor=staff, officer=OFFICER, member=MEMBER)
        time_at(BEFORE_DOSSIER)
        services.save_dossier(nomination=nomination, actor=staff, revision=0, **COMPLETE_DOSSIER)
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
        nominations.append((nomination, work))
    for number in range(1, 7):
        seat = demo.seats.get(number=number)
        for nomination, work in nominations:
            scoring.declare(seat=seat, nomination=nomination, actor=seat.user, has_conflict=False)
            sheet = scoring.open_sheet(seat=seat, nomination=nomination, actor=seat.user)
            marks = {
                s.criterion_id: (
                    work if s.criterion.code == "3" else s.criterion.max_points,
                    "ตามเอกสารและการนำเสนอ",
                )
                for s in sheet.scores.select_related("criterion")
            }
            sheet = scoring.save_sheet(sheet=sheet, actor=seat.user, version=0, scores=marks)
            scoring.submit_sheet(sheet=sheet, actor=seat.user, version=sheet.version)
    return demo, [n for n, _work in nominations]
