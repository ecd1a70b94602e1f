from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rangwan.accounts.models import User
from rangwan.audit.models import AuditEntry
from rangwan.judging import queries, services
from rangwan.judging.enums import ConflictKind, Ruling, SheetStatus
from rangwan.judging.queries import programme_tally, quorum


def seat_of(demo, number):
    seat = demo.seats.get(number=number)
    return seat, seat.user


def full_marks(sheet, remark="ดีเยี่ยม"):
    return {
        s.criterion_id: (s.criterion.max_points, remark)
        for s in sheet.scores.select_related("criterion")
    }


def test_a_sheet_cannot_be_opened_before_declaring(accepted, demo):
    seat, member = seat_of(demo, 2)
    with pytest.raises(ValidationError) as error:
        services.open_sheet(seat=seat, nomination=accepted, actor=member)
    assert error.value.code == "undeclared"


def test_no_conflict_opens_the_sheet_with_discipline_prefilled(accepted, demo):
    seat, member = seat_of(demo, 2)
    services.declare(seat=seat, nomination=accepted, actor=member, has_conflict=False)
    sheet = services.open_sheet(seat=seat, nomination=accepted, actor=member)
    scores = {s.criterion.code: s.points for s in sheet.scores.select_related("criterion")}
    assert list(scores) == ["1", "2.1", "2.2", "2.3", "2.4", "2.5", "3"]
    assert scores["1"] == Decimal(10)  # the dossier says: never punished
    assert scores["3"] is None


def test_a_conflict_waits_for_the_chair_who_can_recuse(accepted, demo):
    seat, member = seat_of(demo, 3)
    declaration = services.declare(
        seat=seat,
        nomination=accepted,
        actor=member,
        has_conflict=True,
        kind=ConflictKind.RELATIVE,
        reason="เป็นญาติกับพัฒนากร",
    )
    with pytest.raises(ValidationError) as error:
        services.open_sheet(seat=seat, nomination=accepted, actor=member)
    assert error.value.code == "pending"
    with pytest.raises(ValidationError, match="เฉพาะประธานกรรมการ"):
        services.rule_on_conflict(declaration=declaration, actor=member, ruling=Ruling.UPHELD)
    chair = demo.seats.get(number=1).user
    services.rule_on_conflict(declaration=declaration, actor=chair, ruling=Ruling.UPHELD)
    with pytest.raises(ValidationError) as error:
        services.open_sheet(seat=seat, nomination=accepted, actor=member)
    assert error.value.code == "recused"


def test_a_conflict_needs_its_kind_and_reason(accepted, demo):
    seat, member = seat_of(demo, 4)
    with pytest.raises(ValidationError) as error:
        services.declare(seat=seat, nomination=accepted, actor=member, has_conflict=True)
    assert set(error.value.message_dict) == {"kind", "reason"}


def test_only_the_seat_holder_declares_and_scores(accepted, demo):
    seat, _member = seat_of(demo, 2)
    other = User.objects.get(username="committee5")
    with pytest.raises(ValidationError):
        services.declare(seat=seat, nomination=accepted, actor=other, has_conflict=False)


def test_scores_outside_the_range_or_off_the_step_are_refused(accepted, demo):
    seat, member = seat_of(demo, 2)
    services.declare(seat=seat, nomination=accepted, actor=member, has_conflict=False)
    sheet = services.open_sheet(seat=seat, nomination=accepted, actor=member)
    joint = sheet.scores.get(criterion__code="3")
    for bad, message in (("41", "ตั้งแต่ 0 ถึง 40"), ("-1", "ตั้งแต่ 0 ถึง 40"), ("7.5", "ทีละ 1")):
        with pytest.raises(ValidationError, match=message):
            services.save_sheet(
                sheet=sheet,
                actor=member,
                version=sheet.version,
                scores={joint.criterion_id: (bad, "")},
            )
    rules = queries.rules_for(demo)
    rules.score_step = Decimal("0.5")
    rules.save()
    services.save_sheet(
        sheet=sheet, actor=member, version=0, scores={joint.criterion_id: ("7.5", "")}
    )
    joint.refresh_from_db()
    assert joint.points == Decimal("7.5")


def test_a_stale_save_never_overwrites(accepted, demo):
    seat, member = seat_of(demo, 2)
    services.declare(seat=seat, nomination=accepted, actor=member, has_conflict=False)
    sheet = services.open_sheet(seat=seat, nomination=accepted, actor=member)
    joint = sheet.scores.get(criterion__code="3").criterion_id
    services.save_sheet(sheet=sheet, actor=member, version=0, scores={joint: ("30", "")})
    with pytest.raises(services.StaleSheet):  # the tablet still holds version 0
        services.save_sheet(sheet=sheet, actor=member, version=0, scores={joint: ("12", "")})
    assert sheet.scores.get(criterion_id=joint).points == 30


def test_submit_needs_every_score_and_remarks_at_the_extremes(accepted, demo):
    seat, member = seat_of(demo, 2)
    services.declare(seat=seat, nomination=accepted, actor=member, has_conflict=False)
    sheet = services.open_sheet(seat=seat, nomination=accepted, actor=member)
    with pytest.raises(ValidationError) as error:
        services.submit_sheet(sheet=sheet, actor=member, version=sheet.version)
    assert "2.1 ยังไม่มีคะแนน" in error.value.messages
    marks = full_marks(sheet, remark="")
    sheet = services.save_sheet(sheet=sheet, actor=member, version=0, scores=marks)
    with pytest.raises(ValidationError) as error:
        services.submit_sheet(sheet=sheet, actor=member, version=sheet.version)
    assert "3: คะแนน 40 ต้องมีหมายเหตุ" in error.value.messages
    assert not any(m.startswith("1:") for m in error.value.messages)  # the prefill needs none
    sheet = services.save_sheet(
        sheet=sheet, actor=member, version=sheet.version, scores=full_marks(sheet)
    )
    sheet = services.submit_sheet(sheet=sheet, actor=member, version=sheet.version)
    assert sheet.status == SheetStatus.SUBMITTED
    with pytest.raises(ValidationError):
        services.save_sheet(sheet=sheet, actor=member, version=sheet.version, scores={})
    assert AuditEntry.objects.filter(action="sheet.submit", object_id=str(sheet.pk)).exists()


def test_changing_the_prefilled_discipline_score_needs_a_remark(accepted, demo):
    seat, member = seat_of(demo, 2)
    services.declare(seat=seat, nomination=accepted, actor=member, has_conflict=False)
    sheet = services.open_sheet(seat=seat, nomination=accepted, actor=member)
    marks = full_marks(sheet)
    discipline = sheet.scores.get(criterion__code="1").criterion_id
    marks[discipline] = ("8", "")
    sheet = services.save_sheet(sheet=sheet, actor=member, version=0, scores=marks)
    with pytest.raises(ValidationError) as error:
        services.submit_sheet(sheet=sheet, actor=member, version=sheet.version)
    assert error.value.messages == ["1: คะแนนต่างจากที่ได้จากประวัติทางวินัย กรุณาระบุเหตุผล"]


def test_chair_reopens_a_sheet_with_a_reason(accepted, demo):
    seat, member = seat_of(demo, 2)
    chair = demo.seats.get(number=1).user
    services.declare(seat=seat, nomination=accepted, actor=member, has_conflict=False)
    sheet = services.open_sheet(seat=seat, nomination=accepted, actor=member)
    sheet = services.save_sheet(sheet=sheet, actor=member, version=0, scores=full_marks(sheet))
    sheet = services.submit_sheet(sheet=sheet, actor=member, version=sheet.version)
    with pytest.raises(ValidationError):
        services.reopen_sheet(sheet=sheet, actor=member, reason="ขอแก้")
    with pytest.raises(ValidationError):
        services.reopen_sheet(sheet=sheet, actor=chair, reason=" ")
    sheet = services.reopen_sheet(sheet=sheet, actor=chair, reason="กรอกคะแนนข้อ 3 ผิด")
    assert sheet.status == SheetStatus.DRAFT
    assert sheet.reopen_reason == "กรอกคะแนนข้อ 3 ผิด"


def test_tally_from_stored_sheets_leaves_out_the_recused(accepted, demo):
    chair = demo.seats.get(number=1).user
    for number, points in ((2, "30"), (3, "20"), (4, "40")):
        seat, member = seat_of(demo, number)
        conflict = number == 4
        declaration = services.declare(
            seat=seat,
            nomination=accepted,
            actor=member,
            has_conflict=conflict,
            kind=ConflictKind.SAME_DISTRICT if conflict else "",
            reason="อยู่อำเภอเดียวกัน" if conflict else "",
        )
        if conflict:  # dismissed first so the member can score, then upheld after
            services.rule_on_conflict(declaration=declaration, actor=chair, ruling=Ruling.DISMISSED)
        sheet = services.open_sheet(seat=seat, nomination=accepted, actor=member)
        marks = full_marks(sheet)
        marks[sheet.scores.get(criterion__code="3").criterion_id] = (points, "ตามเอกสาร")
        sheet = services.save_sheet(sheet=sheet, actor=member, version=0, scores=marks)
        services.submit_sheet(sheet=sheet, actor=member, version=sheet.version)
        if conflict:
            services.rule_on_conflict(declaration=declaration, actor=chair, ruling=Ruling.UPHELD)
    result = programme_tally(demo, votes={}).result_for(accepted.pk)
    assert result.counted == 2
    assert result.means["3"] == 25  # (30 + 20) / 2; member 4's 40 is not counted
    assert result.total == 85
    (row,) = quorum(demo, programme_tally(demo, votes={}))
    assert (row.counted, row.needed, row.met) == (2, 6, False)  # 2/3 of 9 seats = 6


def test_opening_a_sheet_page_writes_nothing_until_the_member_starts(accepted, demo, client):
    from django.urls import reverse

    from rangwan.judging.models import ScoreSheet

    seat, member = seat_of(demo, 5)
    declaration = services.declare(
        seat=seat,
        nomination=accepted,
        actor=member,
        has_conflict=True,
        kind=ConflictKind.OTHER,
        reason="เคยเป็นที่ปรึกษากองทุน",
    )
    services.rule_on_conflict(
        declaration=declaration, actor=demo.seats.get(number=1).user, ruling=Ruling.DISMISSED
    )
    client.force_login(member)
    url = reverse("judging:sheet", args=[demo.pk, accepted.pk])
    assert "เริ่มให้คะแนน" in client.get(url).content.decode()
    assert not ScoreSheet.objects.filter(seat=seat).exists()
    assert client.post(url).status_code == 302
    assert ScoreSheet.objects.filter(seat=seat, nomination=accepted).exists()
    assert "แบบให้คะแนน: อำเภอบางคล้า" in client.get(url).content.decode()


def test_reading_the_committee_pages_saves_no_judging_rules(accepted, demo, users, client):
    """Rules nobody has set are the defaults, read without being saved: a page that is
    only read must not write (the admin or a copied programme saves them)."""
    from django.urls import reverse

    from rangwan.judging.models import JudgingRules

    seat, member = seat_of(demo, 2)
    services.declare(seat=seat, nomination=accepted, actor=member, has_conflict=False)
    services.open_sheet(seat=seat, nomination=accepted, actor=member)
    chair = demo.seats.get(number=1).user
    pages = [
        (member, reverse("judging:sheet", args=[demo.pk, accepted.pk])),
        (member, reverse("judging:judge_home", args=[demo.pk])),
        (chair, reverse("judging:progress", args=[demo.pk])),
        (users["secretariat"], reverse("results:tally", args=[demo.pk])),
    ]
    for user, url in pages:
        client.force_login(user)
        assert client.get(url).status_code == 200, url
    assert not JudgingRules.objects.exists()
    rules = queries.rules_for(demo)
    assert rules.pk is None
    assert (rules.score_step, rules.discipline_code, rules.quorum(9)) == (1, "1", 6)
