import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rangwan.audit.models import AuditEntry
from rangwan.judging import queries, services


@pytest.fixture
def meeting(judged_programme, users):
    programme, _ = judged_programme
    return services.save_meeting(
        programme=programme,
        actor=users["secretariat"],
        date=dt.date(2025, 5, 27),
        start_time=dt.time(9, 0),
        slot_minutes=25,
        place="ห้องประชุมศาลากลางจังหวัดฉะเชิงเทรา",
    )


def test_a_random_draw_is_recorded_and_anyone_can_repeat_it(meeting, users):
    slots = services.draw_order(meeting=meeting, actor=users["secretariat"])
    meeting.refresh_from_db()
    assert len(meeting.draw_seed) == 32
    ids = [n.pk for n in queries.accepted_in_order(meeting.programme)]
    assert [s.nomination_id for s in slots] == services.draw(meeting.draw_seed, ids)
    assert [s.starts_at() for s in slots] == [dt.time(9, 0), dt.time(9, 25)]
    entry = AuditEntry.objects.get(action="meeting.draw")
    assert entry.after["seed"] == meeting.draw_seed


def test_order_set_by_hand_must_use_each_position_once(meeting, users, judged_programme):
    _programme, (bangkhla, mueang) = judged_programme
    with pytest.raises(ValidationError):
        services.set_order(
            meeting=meeting, actor=users["secretariat"], positions={bangkhla.pk: 1, mueang.pk: 1}
        )
    slots = services.set_order(
        meeting=meeting, actor=users["secretariat"], positions={bangkhla.pk: 2, mueang.pk: 1}
    )
    assert [s.nomination_id for s in slots] == [mueang.pk, bangkhla.pk]


def test_the_district_sees_its_slot_and_the_agenda_prints(meeting, users, client_as):
    slots = services.draw_order(meeting=meeting, actor=users["secretariat"])
    mine = next(s for s in slots if s.nomination.district_id == users["district_staff"].district_id)
    page = client_as(users["district_staff"]).get(
        reverse("nominations:mine", args=[meeting.programme_id])
    )
    html = page.content.decode()
    assert "การนำเสนอผลงานต่อคณะกรรมการ" in html
    assert f"นำเสนอเป็นลำดับที่ {mine.position}" in html
    agenda = client_as(users["committee_member"]).get(
        reverse("judging:agenda", args=[meeting.programme_id])
    )
    assert agenda.status_code == 200
    assert "วันอังคารที่ ๒๗ พฤษภาคม ๒๕๖๘" in agenda.content.decode()
