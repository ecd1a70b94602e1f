import datetime as dt
import hashlib
import json

import pytest
import rfc8785
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from rangwan.judging import services as judging
from rangwan.judging.models import Score
from rangwan.results import services
from rangwan.results.enums import ResultStatus
from rangwan.results.integrity import verify_results
from rangwan.results.queries import published


def chair_of(programme):
    return programme.seats.get(number=1).user


def test_finalising_freezes_the_ranking_with_a_digest(judged_programme, capsys):
    programme, _nominations = judged_programme
    results = services.finalise_results(programme=programme, actor=chair_of(programme))
    assert results.status == ResultStatus.FINAL
    assert len(results.digest) == 64
    # The digest is the SHA-256 of the bundle's bytes, exactly as they are published.
    assert results.digest == hashlib.sha256(results.bundle.encode("utf-8")).hexdigest()
    assert results.bundle.encode("utf-8") == rfc8785.dumps(json.loads(results.bundle))
    rows = published(results).rows()
    assert [(r.district, r.rank, str(r.total)) for r in rows] == [
        ("บางคล้า", 1, "95.00"),
        ("เมืองฉะเชิงเทรา", 2, "90.00"),
    ]
    assert sum(len(r.sheets) for r in rows) == 12
    assert verify_results(results) == []
    call_command("verify_audit")
    assert "Audit chain intact" in capsys.readouterr().out


def test_only_the_chair_finalises(judged_programme):
    programme, _ = judged_programme
    member = programme.seats.get(number=2).user
    with pytest.raises(ValidationError):
        services.finalise_results(programme=programme, actor=member)


def test_finalising_is_refused_below_quorum_naming_the_dossier(judged_programme):
    programme, (bangkhla, _mueang) = judged_programme
    chair = chair_of(programme)
    sheet = bangkhla.sheets.get(seat__number=6)
    judging.reopen_sheet(sheet=sheet, actor=chair, reason="ตรวจทาน")
    with pytest.raises(ValidationError) as error:
        services.finalise_results(programme=programme, actor=chair)
    assert "บางคล้า มีแบบให้คะแนนที่นับได้ 5 ฉบับ ต้องมีอย่างน้อย 6 ฉบับ" in error.value.messages
    assert "ยังมีแบบให้คะแนนที่เป็นฉบับร่าง 1 ฉบับ" in error.value.messages


def test_a_tie_needs_the_committees_vote(judged_programme):
    programme, (bangkhla, mueang) = judged_programme
    chair = chair_of(programme)
    # Make เมือง level with บางคล้า on everything.
    for sheet in mueang.sheets.all():
        judging.reopen_sheet(sheet=sheet, actor=chair, reason="แก้คะแนน")
        seat = sheet.seat
        marks = {s.criterion_id: (s.points, s.remark) for s in sheet.scores.all()}
        marks[sheet.scores.get(criterion__code="3").criterion_id] = ("35", "แก้แล้ว")
        saved = judging.save_sheet(
            sheet=sheet, actor=seat.user, version=sheet.version + 1, scores=marks
        )
        judging.submit_sheet(sheet=saved, actor=seat.user, version=saved.version)
    with pytest.raises(ValidationError, match="ลงมติ"):
        services.finalise_results(programme=programme, actor=chair)
    services.record_tie_vote(programme=programme, actor=chair, votes={mueang.pk: 5, bangkhla.pk: 4})
    results = services.finalise_results(programme=programme, actor=chair)
    first = published(results).rows()[0]
    assert (first.district, first.decided_by) == ("เมืองฉะเชิงเทรา", "chair's vote")


def test_provisional_results_with_an_objection_window(judged_programme, time_at):
    programme, _ = judged_programme
    chair = chair_of(programme)
    time_at(dt.datetime(2025, 5, 20, 9, 0))
    provisional = services.publish_provisional(programme=programme, actor=chair, objection_days=3)
    assert provisional.status == ResultStatus.PROVISIONAL
    with pytest.raises(ValidationError, match="คัดค้าน"):
        services.finalise_results(programme=programme, actor=chair)
    time_at(dt.datetime(2025, 5, 23, 9, 1))
    assert services.finalise_results(programme=programme, actor=chair).is_final


def test_nothing_changes_after_finalising(judged_programme):
    programme, (bangkhla, _) = judged_programme
    chair = chair_of(programme)
    services.finalise_results(programme=programme, actor=chair)
    sheet = bangkhla.sheets.get(seat__number=2)
    with pytest.raises(ValidationError, match="ผลการคัดเลือกเป็นที่สิ้นสุด"):
        judging.reopen_sheet(sheet=sheet, actor=chair, reason="ขอแก้")
    with pytest.raises(ValidationError):
        services.finalise_results(programme=programme, actor=chair)


def test_a_score_changed_in_sql_after_finalising_is_reported(judged_programme):
    programme, (bangkhla, _) = judged_programme
    services.finalise_results(programme=programme, actor=chair_of(programme))
    score = Score.objects.get(
        sheet__nomination=bangkhla, sheet__seat__number=4, criterion__code="3"
    )
    with connection.cursor() as cursor:
        cursor.execute("UPDATE judging_score SET points = %s WHERE id = %s", ["40", score.pk])
    with pytest.raises(CommandError, match="คะแนนของอำเภอบางคล้าในฐานข้อมูลไม่ตรงกับผล"):
        call_command("verify_audit")


def test_a_bundle_altered_in_place_is_reported(judged_programme):
    programme, _ = judged_programme
    results = services.finalise_results(programme=programme, actor=chair_of(programme))
    altered = results.bundle.replace('"rank":2', '"rank":1')
    assert altered != results.bundle
    type(results).objects.filter(pk=results.pk).update(bundle=altered)
    with pytest.raises(CommandError, match="ไม่ตรงกับ SHA-256"):
        call_command("verify_audit")
