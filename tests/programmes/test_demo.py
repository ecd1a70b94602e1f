import datetime as dt

import pytest
from django.core.management import call_command

from rangwan.accounts.enums import Role
from rangwan.accounts.models import User
from rangwan.directory.models import District, NetworkKind
from rangwan.judging.enums import SeatRole
from rangwan.programmes.models import Programme


def test_demo_is_the_seed_programme(demo):
    assert demo.fiscal_year == 2568
    assert demo.province.name_th == "ฉะเชิงเทรา"
    assert demo.districts.count() == 11
    assert set(demo.districts.values_list("name_th", flat=True)) == {
        "เมืองฉะเชิงเทรา",
        "บางคล้า",
        "บางน้ำเปรี้ยว",
        "บางปะกง",
        "บ้านโพธิ์",
        "พนมสารคาม",
        "ราชสาส์น",
        "สนามชัยเขต",
        "แปลงยาว",
        "ท่าตะเกียบ",
        "คลองเขื่อน",
    }
    assert demo.name_notification_deadline == dt.date(2025, 2, 14)
    assert demo.dossier_deadline == dt.date(2025, 4, 30)
    assert [s.due_date for s in demo.steps.all()] == [dt.date(2025, 1, 15)] * 3 + [
        dt.date(2025, 4, 30),
        dt.date(2025, 5, 30),
    ] + [dt.date(2025, 6, 13)] * 3


def test_demo_committee_has_nine_seats_one_chair_one_secretary(demo):
    seats = list(demo.seats.select_related("user"))
    assert len(seats) == 9
    assert [s.role for s in seats].count(SeatRole.CHAIR) == 1
    assert [s.role for s in seats].count(SeatRole.SECRETARY) == 1
    assert seats[0].post_th == "พัฒนาการจังหวัดฉะเชิงเทรา"
    assert seats[0].user.role == Role.COMMITTEE_CHAIR
    assert all(s.user and s.holder_name for s in seats)


def test_demo_has_one_staff_and_one_head_per_district(demo):
    for district in District.objects.all():
        roles = sorted(User.objects.filter(district=district).values_list("role", flat=True))
        assert roles == [Role.DISTRICT_HEAD, Role.DISTRICT_STAFF]


def test_demo_network_kinds_include_other_with_a_name(demo):
    assert NetworkKind.objects.filter(requires_name=True).count() == 1
    assert NetworkKind.objects.filter(abbreviation="กข.คจ.").exists()


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing_and_prints_the_sign_ins(capsys):
    call_command("load_demo")
    first = capsys.readouterr().out
    counts = (Programme.objects.count(), User.objects.count(), District.objects.count())
    step = Programme.objects.get().steps.get(number=4)
    step.remark = "แก้ไขโดยเลขานุการ"
    step.save()
    call_command("load_demo")
    assert (Programme.objects.count(), User.objects.count(), District.objects.count()) == counts
    step.refresh_from_db()
    assert step.remark == "แก้ไขโดยเลขานุการ"
    assert "secretariat" in first and "staff.bangkhla" in first and "rangwan-demo-2568" in first
    assert "ฝ่ายเลขานุการ" in first
