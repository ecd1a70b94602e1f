"""A conflict of interest, once ruled on, binds: found by a security review (2026-11-25)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rangwan.judging import services
from rangwan.judging.enums import ConflictKind, Ruling, SheetStatus
from rangwan.judging.models import Declaration, ScoreSheet
from rangwan.judging.queries import programme_tally


def _declare_conflict(seat, nomination):
    return services.declare(
        seat=seat,
        nomination=nomination,
        actor=seat.user,
        has_conflict=True,
        kind=ConflictKind.RELATIVE,
        reason="ญาติ",
    )


def test_a_member_cannot_undo_a_conflict_the_chair_upheld(accepted, demo, client):
    seat, chair = demo.seats.get(number=3), demo.seats.get(number=1).user
    declaration = _declare_conflict(seat, accepted)
    services.rule_on_conflict(declaration=declaration, actor=chair, ruling=Ruling.UPHELD)
    client.force_login(seat.user)
    response = client.post(
        reverse("judging:declare", args=[demo.pk, accepted.pk]), {"has_conflict": "no"}
    )
    assert response.status_code in (200, 302)
    declaration.refresh_from_db()
    assert declaration.recused and declaration.ruled_by == chair
    assert not ScoreSheet.objects.filter(seat=seat, nomination=accepted).exists()
    assert programme_tally(demo, votes={}).result_for(accepted.pk).counted == 0


def test_a_recused_member_cannot_save_or_submit_a_draft_opened_earlier(accepted, demo, client):
    seat, chair = demo.seats.get(number=4), demo.seats.get(number=1).user
    services.declare(seat=seat, nomination=accepted, actor=seat.user, has_conflict=False)
    sheet = services.open_sheet(seat=seat, nomination=accepted, actor=seat.user)
    declaration = _declare_conflict(seat, accepted)
    services.rule_on_conflict(declaration=declaration, actor=chair, ruling=Ruling.UPHELD)
    marks = {s.criterion_id: (s.criterion.max_points, "ครบ") for s in sheet.scores.all()}
    with pytest.raises(ValidationError, match="งดพิจารณา"):
        services.save_sheet(sheet=sheet, actor=seat.user, version=sheet.version, scores=marks)
    with pytest.raises(ValidationError):
        services.submit_sheet(sheet=sheet, actor=seat.user, version=sheet.version)
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT


def test_no_sheet_is_opened_or_submitted_once_results_are_final(final_results, client):
    programme, nominations, results = final_results
    seat, nomination = programme.seats.get(number=7), nominations[0]
    Declaration.objects.create(seat=seat, nomination=nomination, has_conflict=False)
    client.force_login(seat.user)
    client.post(reverse("judging:sheet", args=[programme.pk, nomination.pk]), {})
    assert not ScoreSheet.objects.filter(seat=seat, nomination=nomination).exists()
    from rangwan.results.integrity import verify_results

    # No score changed; the declaration written behind the services' back after the
    # results were frozen is itself reported (the frozen snapshot covers declarations).
    problems = verify_results(results)
    assert len(problems) == 1
    assert "การแจ้งส่วนได้เสียหรือคำวินิจฉัยถูกเปลี่ยนหลังยืนยันผลแล้ว" in problems[0]


def test_the_chair_cannot_rule_on_their_own_conflict_and_is_recused(accepted, demo, client):
    seat = demo.seats.get(number=1)
    declaration = _declare_conflict(seat, accepted)
    assert declaration.recused  # nobody rules on their own case
    client.force_login(seat.user)
    client.post(reverse("judging:rule", args=[demo.pk, declaration.pk]), {"ruling": "dismissed"})
    declaration.refresh_from_db()
    assert declaration.ruling == Ruling.UPHELD and not declaration.may_score
    with pytest.raises(ValidationError):
        services.rule_on_conflict(declaration=declaration, actor=seat.user, ruling="dismissed")


def test_a_conflict_withdrawn_before_the_ruling_stays_before_the_chair(accepted, demo, client):
    """Withdrawn, the declaration used to become a plain "no conflict": the chair no
    longer saw that the member had once declared one, nor why."""
    from rangwan.audit.models import AuditEntry

    seat, chair = demo.seats.get(number=3), demo.seats.get(number=1).user
    declaration = _declare_conflict(seat, accepted)
    client.force_login(seat.user)
    response = client.post(
        reverse("judging:declare", args=[demo.pk, accepted.pk]), {"has_conflict": "no"}
    )
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.may_score and not declaration.recused
    client.force_login(chair)
    page = client.get(reverse("judging:conflicts", args=[demo.pk])).content.decode()
    assert "แจ้งว่ามีส่วนได้เสีย แล้วถอนการแจ้ง" in page
    assert "ญาติ" in page and "เป็นญาติ" in page  # the reason and the kind declared
    assert f'action="{reverse("judging:rule", args=[demo.pk, declaration.pk])}"' not in page
    entry = AuditEntry.objects.get(action="conflict.withdraw", object_id=str(declaration.pk))
    assert entry.actor == seat.user
    assert (entry.before["has_conflict"], entry.before["ruling"]) == (True, Ruling.PENDING)
    assert (entry.before["kind"], entry.before["reason"]) == (ConflictKind.RELATIVE, "ญาติ")
    assert entry.after["has_conflict"] is False
    assert entry.after["withdrawn_at"] is not None
    assert (entry.after["withdrawn_kind"], entry.after["withdrawn_reason"]) == ("relative", "ญาติ")


def test_a_conflict_declared_again_after_a_withdrawal_shows_both(accepted, demo, client):
    seat, chair = demo.seats.get(number=3), demo.seats.get(number=1).user
    _declare_conflict(seat, accepted)
    services.declare(seat=seat, nomination=accepted, actor=seat.user, has_conflict=False)
    services.declare(
        seat=seat,
        nomination=accepted,
        actor=seat.user,
        has_conflict=True,
        kind=ConflictKind.SAME_NETWORK,
        reason="อยู่เครือข่ายเดียวกัน",
    )
    client.force_login(chair)
    page = client.get(reverse("judging:conflicts", args=[demo.pk])).content.decode()
    assert "อยู่เครือข่ายเดียวกัน" in page  # the conflict to rule on now
    assert "ถอนการแจ้งครั้งก่อน" in page and "ญาติ" in page  # and the one withdrawn


def test_a_recused_member_is_told_why_instead_of_offered_a_sheet(db, client):
    """In the judged demo member 4 is recused from เมืองฉะเชิงเทรา by the chair's ruling;
    their sheet page used to offer "start scoring" all the same."""
    import io

    from django.core.management import call_command

    from rangwan.programmes.models import Programme

    call_command("load_demo", "--judged", stdout=io.StringIO())
    programme = Programme.objects.get(fiscal_year=2568)
    declaration = Declaration.objects.get(seat__programme=programme, has_conflict=True)
    assert declaration.recused
    client.force_login(declaration.seat.user)
    url = reverse("judging:sheet", args=[programme.pk, declaration.nomination_id])
    page = client.get(url).content.decode()
    assert "เริ่มให้คะแนน" not in page
    assert "ประธานกรรมการวินิจฉัยให้ท่านงดพิจารณาผลงานนี้" in page
    assert declaration.ruling_note in page
    assert not ScoreSheet.objects.filter(
        seat=declaration.seat, nomination_id=declaration.nomination_id
    ).exists()


def test_a_draft_opened_before_a_recusal_is_shown_without_save_buttons(accepted, demo, client):
    seat, chair = demo.seats.get(number=4), demo.seats.get(number=1).user
    services.declare(seat=seat, nomination=accepted, actor=seat.user, has_conflict=False)
    services.open_sheet(seat=seat, nomination=accepted, actor=seat.user)
    declaration = _declare_conflict(seat, accepted)
    services.rule_on_conflict(declaration=declaration, actor=chair, ruling=Ruling.UPHELD)
    client.force_login(seat.user)
    page = client.get(reverse("judging:sheet", args=[demo.pk, accepted.pk])).content.decode()
    assert "ประธานกรรมการวินิจฉัยให้ท่านงดพิจารณาผลงานนี้" in page
    assert 'name="submit"' not in page and 'name="save"' not in page


def test_the_sheet_page_asks_for_a_declaration_before_offering_a_sheet(accepted, demo, client):
    seat = demo.seats.get(number=5)
    client.force_login(seat.user)
    page = client.get(reverse("judging:sheet", args=[demo.pk, accepted.pk])).content.decode()
    assert "เริ่มให้คะแนน" not in page
    assert reverse("judging:declare", args=[demo.pk, accepted.pk]) in page
