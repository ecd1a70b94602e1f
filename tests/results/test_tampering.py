"""Attack 3 of the outside review: rewriting frozen results in the database.

Each test does what someone with write access to the database could do, and checks that
`verify_audit` names it, and that pages, the API and documents refuse to show numbers
that fail their check. Attack 2 (the audit record itself) is in tests/audit/.
"""

import io
import json
import logging

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from rangwan.directory.models import Person
from rangwan.judging import services as judging
from rangwan.judging.models import Declaration, Score
from rangwan.nominations.models import DossierVersion
from rangwan.programmes.models import Programme
from rangwan.results import services
from rangwan.results.bundle import freeze
from rangwan.results.models import Results


@pytest.fixture
def judged_demo(db, settings):
    settings.LIST_PAGE_SIZE = 100
    call_command("load_demo", "--judged", stdout=io.StringIO())
    return Programme.objects.get(fiscal_year=2568)


def _verify_audit_fails(match: str) -> None:
    with pytest.raises(CommandError, match=match):
        call_command("verify_audit", stdout=io.StringIO())


def _shown_nowhere(client, users, programme) -> None:
    """No numbers on the public page, the API or the announcement; a clear notice."""
    page = client.get(reverse("results:public", args=[programme.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "ผลการคัดเลือกนี้ไม่ผ่านการตรวจสอบความถูกต้อง" in html
    assert "ฉบับที่ 1" not in html and "บ้านโพธิ์" not in html
    api = client.get(f"/api/v1/programmes/{programme.pk}/results")
    assert api.status_code == 409
    assert api.json()["code"] == "results_failed_integrity_check"
    assert client.get(reverse("results:bundle", args=[programme.pk])).status_code == 409
    client.force_login(users["secretariat"])
    announcement = client.get(reverse("documents:announcement_pdf", args=[programme.pk]))
    assert announcement.status_code == 409
    assert "ไม่ผ่านการตรวจสอบความถูกต้อง" in announcement.content.decode()
    client.logout()


def test_the_judged_demo_verifies(judged_demo):
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "Audit chain intact" in out.getvalue()


def test_a_changed_score_with_the_bundle_and_digests_rebuilt_is_caught(
    client, users, judged_demo, caplog
):
    """Change a score, rebuild bundle, snapshot and both digests, store them all: the
    audit entry that froze the results still holds the original digest."""
    programme = judged_demo
    results = programme.results
    score = Score.objects.filter(
        sheet__nomination__programme=programme, criterion__code="3"
    ).first()
    Score.objects.filter(pk=score.pk).update(points=40)
    forged = freeze(
        programme,
        key=results.snapshot["key"],
        status=results.status,
        published_at=results.published_at,
        finalised_at=results.finalised_at,
    )
    Results.objects.filter(pk=results.pk).update(
        bundle=forged.bundle_text,
        digest=forged.digest,
        snapshot=forged.snapshot,
        snapshot_digest=forged.snapshot_digest,
    )
    _verify_audit_fails("ถูกสร้างใหม่นอกบันทึกการดำเนินงาน")
    with caplog.at_level(logging.ERROR, logger="rangwan.results.integrity"):
        _shown_nowhere(client, users, programme)
    assert any("integrity check" in r.message for r in caplog.records)


def test_a_bundle_edited_in_place_is_not_shown(client, users, judged_demo, caplog):
    programme = judged_demo
    results = programme.results
    bundle = json.loads(results.bundle)
    bundle["dossiers"][0]["sheets"][0]["points"]["3"] = "40"
    Results.objects.filter(pk=results.pk).update(bundle=json.dumps(bundle, ensure_ascii=False))
    with caplog.at_level(logging.ERROR, logger="rangwan.results.integrity"):
        _shown_nowhere(client, users, programme)
    assert caplog.records
    _verify_audit_fails("ไม่ตรงกับ SHA-256")


def test_a_conflict_ruling_edited_in_the_database_is_caught(judged_demo):
    Declaration.objects.filter(seat__programme=judged_demo, has_conflict=True).update(
        ruling="dismissed"
    )
    _verify_audit_fails("ส่วนได้เสีย")


def test_a_frozen_dossiers_text_edited_in_the_database_is_caught(judged_demo):
    version = DossierVersion.objects.filter(nomination__programme=judged_demo).first()
    content = version.content
    content["joint_work"] = {**content.get("joint_work", {}), "title": "ผลงานที่ถูกแก้"}
    DossierVersion.objects.filter(pk=version.pk).update(content=content)
    _verify_audit_fails("เนื้อหาไม่ตรงกับ SHA-256")


def test_a_printed_name_edited_in_the_database_is_caught(judged_demo):
    nomination = judged_demo.nominations.first()
    Person.objects.filter(pk=nomination.officer_id).update(last_name="ปลอมแปลง")
    _verify_audit_fails("ชื่อที่พิมพ์ของอำเภอ")


def test_a_seat_moved_to_another_sheet_is_caught(judged_demo):
    """Who gave which sheet, behind the anonymous labels: the private snapshot."""
    sheets = list(
        judged_demo.nominations.first().sheets.filter(status="submitted").order_by("pk")[:2]
    )
    first, second = sheets
    # Swap the two sheets' scores wholesale: the public bundle stays the same.
    marks = [dict(s.scores.values_list("criterion_id", "points")) for s in (first, second)]
    assert marks[0] != marks[1]
    for sheet, other in ((first, marks[1]), (second, marks[0])):
        for criterion, points in other.items():
            Score.objects.filter(sheet=sheet, criterion_id=criterion).update(points=points)
    _verify_audit_fails("ความเชื่อมโยงระหว่างกรรมการกับแบบให้คะแนน")


def test_provisional_publication_needs_the_quorum_and_no_drafts(judged_programme):
    """It used to publish a dossier with no sheets at 0.00."""
    programme, (bangkhla, _mueang) = judged_programme
    chair = programme.seats.get(number=1).user
    for sheet in bangkhla.sheets.filter(seat__number__in=[5, 6]):
        judging.reopen_sheet(sheet=sheet, actor=chair, reason="ตรวจทาน")
    with pytest.raises(Exception) as error:
        services.publish_provisional(programme=programme, actor=chair)
    messages = error.value.messages
    assert "บางคล้า มีแบบให้คะแนนที่นับได้ 4 ฉบับ ต้องมีอย่างน้อย 6 ฉบับ" in messages
    assert "ยังมีแบบให้คะแนนที่เป็นฉบับร่าง 2 ฉบับ" in messages
    assert not Results.objects.filter(programme=programme).exists()


def test_publishing_and_its_audit_entry_are_one_transaction(judged_programme):
    """If the audit entry cannot be written, nothing is published."""
    programme, _ = judged_programme
    chair = programme.seats.get(number=1).user
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION test_refuse_publish() RETURNS trigger AS $$ BEGIN "
                "IF NEW.action = 'results.publish_provisional' THEN "
                "RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END; "
                "$$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER test_refuse_publish BEFORE INSERT ON audit_auditentry "
                "FOR EACH ROW EXECUTE FUNCTION test_refuse_publish()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER test_refuse_publish BEFORE INSERT ON audit_auditentry "
                "WHEN NEW.action = 'results.publish_provisional' "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )
    with pytest.raises(Exception, match="refused by the test"):
        services.publish_provisional(programme=programme, actor=chair)
    assert not Results.objects.filter(programme=programme).exists()
