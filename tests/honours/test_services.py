import pytest
from django.core.exceptions import ValidationError

from rangwan.audit.models import AuditEntry
from rangwan.honours import services
from rangwan.honours.enums import CertificateKind
from rangwan.honours.models import Certificate
from tests.honours.conftest import WORDING


def test_certificates_are_refused_before_the_results_are_final(judged_programme, users):
    programme, _nominations = judged_programme
    with pytest.raises(ValidationError, match="ยังไม่เป็นที่สุด"):
        services.issue_certificates(
            programme=programme, actor=users["secretariat"], wording=WORDING
        )
    assert not Certificate.objects.exists()


def test_the_winning_pair_gets_award_certificates_and_every_participant_one_for_taking_part(
    issued,
):
    _programme, (bangkhla, mueang), certificates = issued
    awards = [c for c in certificates if c.kind == CertificateKind.AWARD]
    assert {c.person_id for c in awards} == {bangkhla.officer_id, bangkhla.member_id}
    participation = {c.person_id for c in certificates if c.kind == CertificateKind.PARTICIPATION}
    assert participation == {
        bangkhla.officer_id,
        bangkhla.member_id,
        mueang.officer_id,
        mueang.member_id,
    }
    award = awards[0]
    assert award.award_text == WORDING["award_text"]
    assert award.signer_name == "นายชโล พงษ์สุข"
    assert award.issuer == "สำนักงานพัฒนาชุมชนจังหวัดฉะเชิงเทรา"
    assert len({c.code for c in certificates}) == 6


def test_issuing_again_changes_nothing_already_issued(issued, users):
    programme, _nominations, _certificates = issued
    before = {c.pk: (c.code, c.award_text) for c in Certificate.objects.all()}
    again = services.issue_certificates(
        programme=programme,
        actor=users["secretariat"],
        wording={**WORDING, "award_text": "ข้อความใหม่"},
    )
    assert again == []
    assert {c.pk: (c.code, c.award_text) for c in Certificate.objects.all()} == before
    assert AuditEntry.objects.filter(action="certificates.issue").count() == 1


def test_a_certificate_keeps_the_name_it_was_issued_with(issued):
    _programme, (bangkhla, _mueang), _certificates = issued
    officer = bangkhla.officer
    officer.first_name = "เปลี่ยนชื่อ"
    officer.save()
    certificate = Certificate.objects.get(person=officer, kind=CertificateKind.AWARD)
    assert certificate.name == "นายสมมติ ใจซื่อ"


def test_empty_wording_is_refused_with_the_field_named(final_results, users):
    programme, _nominations, _results = final_results
    with pytest.raises(ValidationError) as error:
        services.issue_certificates(
            programme=programme, actor=users["secretariat"], wording={**WORDING, "signer_name": " "}
        )
    assert "signer_name" in error.value.message_dict


def test_default_wording_names_the_prize_the_project_and_the_chair(demo):
    wording = services.default_wording(demo)
    assert wording["award_text"] == (
        "ได้รับรางวัลสุดยอด ๑ พัฒนากร ๑ เครือข่ายการพัฒนา สู่การขับเคลื่อนงานพัฒนาชุมชน ระดับจังหวัด"
    )
    assert wording["programme_text"].startswith("ภายใต้โครงการพัฒนาชุมชนฉะเชิงเทราใสสะอาด ๒๕๖๘")
    assert wording["programme_text"].endswith("ประจำปีงบประมาณ พ.ศ. ๒๕๖๘")
    assert wording["signer_position"] == "พัฒนาการจังหวัดฉะเชิงเทรา"
    assert wording["signer_name"]


def test_revoking_needs_a_reason_and_is_recorded(issued, users):
    _programme, _nominations, certificates = issued
    certificate = certificates[0]
    with pytest.raises(ValidationError):
        services.revoke_certificate(certificate=certificate, actor=users["secretariat"], reason=" ")
    services.revoke_certificate(
        certificate=certificate, actor=users["secretariat"], reason="ออกซ้ำโดยผิดพลาด"
    )
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by == users["secretariat"]
    entry = AuditEntry.objects.get(action="certificate.revoke")
    assert entry.after["reason"] == "ออกซ้ำโดยผิดพลาด"
    with pytest.raises(ValidationError, match="ถูกยกเลิกไปแล้ว"):
        services.revoke_certificate(
            certificate=certificate, actor=users["secretariat"], reason="อีกครั้ง"
        )


def test_the_database_refuses_a_second_certificate_of_a_kind_for_a_person(issued):
    from django.db import IntegrityError

    _programme, _nominations, certificates = issued
    first = certificates[0]
    first.pk = None
    first.code = "ZZZZZZZZZZZZ"
    with pytest.raises(IntegrityError):
        first.save()


def test_a_batch_whose_worker_died_gives_way_to_a_new_one(final_results, users):
    import datetime as dt

    from django.utils import timezone

    from rangwan.honours.enums import BatchStatus
    from rangwan.honours.models import CertificateBatch

    programme, _nominations, _results = final_results
    running = CertificateBatch.objects.create(
        programme=programme,
        started_by=users["secretariat"],
        status=BatchStatus.RUNNING,
        heartbeat_at=timezone.now() - dt.timedelta(minutes=2),
    )
    with pytest.raises(ValidationError):
        services.start_certificate_batch(
            programme=programme, actor=users["secretariat"], wording=WORDING
        )
    CertificateBatch.objects.filter(pk=running.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(minutes=11)
    )
    services.start_certificate_batch(
        programme=programme, actor=users["secretariat"], wording=WORDING
    )
    running.refresh_from_db()
    assert running.status == BatchStatus.FAILED
    assert "RuntimeError" in running.error
    assert CertificateBatch.objects.filter(status=BatchStatus.QUEUED).count() == 1
