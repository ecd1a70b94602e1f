import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from rangwan.audit.models import AuditEntry
from rangwan.directory.models import NetworkKind, OfficerKind
from rangwan.nominations import services
from rangwan.nominations.enums import DeadlineKind, NominationStatus, ScreeningOutcome
from rangwan.nominations.models import Nomination
from tests.fixtures_nominations import BEFORE_DOSSIER, COMPLETE_DOSSIER, upload

S = NominationStatus


def test_registering_the_pair_records_officer_and_member(nomination, staff):
    assert nomination.status == S.REGISTERED
    assert nomination.officer.full_name == "นายสมมติ ใจซื่อ"
    assert nomination.officer.office == staff.district.office
    assert nomination.member.full_name == "นางสมมุติ รักถิ่น"
    assert nomination.network_name == "กองทุนแม่ของแผ่นดินบ้านหนองไม้แดง"
    assert AuditEntry.objects.filter(action="nomination.register").count() == 1


def test_a_second_pair_for_the_same_district_is_refused(register, nomination):
    with pytest.raises(ValidationError, match="อำเภอนี้แจ้งรายชื่อคู่แล้ว"):
        register()
    assert Nomination.objects.count() == 1


def test_other_network_kind_needs_its_name(register):
    other = NetworkKind.objects.get(code="other")
    with pytest.raises(ValidationError) as error:
        register(network_kind=other, network_kind_other="  ")
    assert "network_kind_other" in error.value.message_dict
    nomination = register(network_kind=other, network_kind_other="กลุ่มอาชีพทอผ้า")
    assert nomination.network_kind_label == "กลุ่มอาชีพทอผ้า"


def test_officer_kind_not_allowed_by_the_programme_is_refused(register, demo):
    volunteer = OfficerKind.objects.get(code="aor-sor-por")
    demo.allowed_officer_kinds.remove(volunteer)
    with pytest.raises(ValidationError) as error:
        register(officer_kind=volunteer)
    assert "officer_kind" in error.value.message_dict
    assert Nomination.objects.count() == 0


def test_name_notification_closes_at_midnight_bangkok(register, demo, staff, time_at):
    from rangwan.nominations import deadlines

    time_at(dt.datetime(2025, 2, 14, 23, 59, 59))
    assert deadlines.is_open(demo, staff.district, DeadlineKind.NAME_NOTIFICATION)
    time_at(dt.datetime(2025, 2, 15, 0, 0, 0))
    assert not deadlines.is_open(demo, staff.district, DeadlineKind.NAME_NOTIFICATION)
    nomination = register()  # registers at 1 Feb
    time_at(dt.datetime(2025, 2, 15, 0, 0, 0))
    with pytest.raises(ValidationError) as error:
        services.update_pair(
            nomination=nomination,
            actor=staff,
            officer={"title": "นาย", "first_name": "ใหม่", "last_name": "ช้าไป", "position": ""},
            officer_kind=nomination.officer_kind,
            member={"title": "นาง", "first_name": "ข", "last_name": "ค", "position": ""},
            network_kind=nomination.network_kind,
        )
    assert error.value.messages == [
        "เลยกำหนดแจ้งรายชื่อ วันศุกร์ที่ ๑๔ กุมภาพันธ์ ๒๕๖๘ แล้ว กรุณาติดต่อฝ่ายเลขานุการเพื่อขอขยายเวลา"
    ]
    nomination.officer.refresh_from_db()
    assert nomination.officer.first_name == "สมมติ"


def test_dossier_deadline_boundary_second(nomination, staff, time_at):
    time_at(dt.datetime(2025, 4, 30, 23, 59, 59))
    services.save_dossier(nomination=nomination, actor=staff, revision=0, work_title="ก")
    time_at(dt.datetime(2025, 5, 1, 0, 0, 0))
    with pytest.raises(ValidationError) as error:
        services.save_dossier(nomination=nomination, actor=staff, revision=1, work_title="ข")
    assert "วันพุธที่ ๓๐ เมษายน ๒๕๖๘" in error.value.messages[0]
    nomination.dossier.refresh_from_db()
    assert nomination.dossier.work_title == "ก"


def test_an_extension_reopens_one_district_only(nomination, staff, demo, users, time_at):
    time_at(dt.datetime(2025, 5, 2, 9, 0))
    services.grant_extension(
        programme=demo,
        district=staff.district,
        kind=DeadlineKind.DOSSIER,
        until=dt.date(2025, 5, 7),
        reason="น้ำท่วมสำนักงาน",
        actor=users["secretariat"],
    )
    services.save_dossier(nomination=nomination, actor=staff, revision=0, work_title="ก")
    from rangwan.nominations import deadlines

    other = demo.districts.exclude(pk=staff.district_id).first()
    assert not deadlines.is_open(demo, other, DeadlineKind.DOSSIER)
    time_at(dt.datetime(2025, 5, 8, 0, 0))
    with pytest.raises(ValidationError, match="๗ พฤษภาคม ๒๕๖๘"):
        services.save_dossier(nomination=nomination, actor=staff, revision=1, work_title="ข")


def test_joint_work_outside_the_window_is_refused(nomination, staff, time_at):
    time_at(BEFORE_DOSSIER)
    with pytest.raises(ValidationError) as error:
        services.save_dossier(
            nomination=nomination, actor=staff, revision=0, work_start=dt.date(2024, 12, 20)
        )
    assert error.value.message_dict["work_start"] == [
        "ผลงานที่ทำร่วมกันต้องดำเนินการระหว่าง ๑ มกราคม ๒๕๖๘ ถึง ๓๐ เมษายน ๒๕๖๘"
    ]


def test_a_stale_save_is_refused_not_merged(nomination, staff, time_at):
    time_at(BEFORE_DOSSIER)
    services.save_dossier(nomination=nomination, actor=staff, revision=0, conduct_1="หน้าต่าง ๑")
    with pytest.raises(services.StaleRevision):
        services.save_dossier(nomination=nomination, actor=staff, revision=0, conduct_1="หน้าต่าง ๒")
    nomination.dossier.refresh_from_db()
    assert nomination.dossier.conduct_1 == "หน้าต่าง ๑"


def test_first_save_makes_a_draft_and_is_audited_with_the_change(nomination, staff, time_at):
    time_at(BEFORE_DOSSIER)
    services.save_dossier(nomination=nomination, actor=staff, revision=0, work_title="ชื่อผลงาน")
    nomination.refresh_from_db()
    assert nomination.status == S.DRAFT
    entry = AuditEntry.objects.filter(action="dossier.save").get()
    assert entry.before == {"work_title": ""}
    assert entry.after == {"revision": 1, "work_title": "ชื่อผลงาน"}


def test_certifying_an_incomplete_dossier_names_what_is_missing(nomination, head, time_at):
    time_at(BEFORE_DOSSIER)
    with pytest.raises(ValidationError) as error:
        services.certify_dossier(
            nomination=nomination, actor=head, certifier_name="x", certifier_position="y"
        )
    message = error.value.messages[0]
    assert message.startswith("แบบเสนอผลงานยังไม่ครบถ้วน ยังขาด: ระยะเวลาดำรงตำแหน่ง (ปี)")
    assert "๑) ชื่อผลงาน" in message
    assert "ภาพถ่ายหรือเอกสารของผลงานดีเด่นอย่างน้อย ๑ รายการ (๓.๖)" in message


def test_whole_journey_submit_return_resubmit_accept(submitted, staff, head, users, time_at):
    nomination = submitted
    version = nomination.versions.get()
    assert nomination.status == S.SUBMITTED
    assert len(version.sha256) == 64
    assert version.content["dossier"]["work_title"] == COMPLETE_DOSSIER["work_title"]
    assert version.evidence.count() == 1

    time_at(dt.datetime(2025, 5, 3, 10, 0))  # after the deadline: screening happens now
    services.screen_dossier(
        nomination=nomination,
        actor=users["secretariat"],
        outcome=ScreeningOutcome.RETURNED,
        reasons="ขอภาพถ่ายเพิ่มเติม",
        resubmit_by=dt.date(2025, 5, 9),
    )
    nomination.refresh_from_db()
    assert nomination.status == S.RETURNED

    # The return reopens the dossier for this district until 9 May.
    services.add_evidence(
        nomination=nomination, actor=staff, upload=upload(), section="joint_work", caption="เพิ่ม"
    )
    nomination.refresh_from_db()
    assert nomination.status == S.DRAFT
    assert nomination.dossier.certified_at is None
    services.certify_dossier(
        nomination=nomination, actor=head, certifier_name="ก", certifier_position="พัฒนาการอำเภอ"
    )
    second = services.submit_dossier(
        nomination=nomination, actor=staff, officer_confirmed=True, member_confirmed=True
    )
    assert second.number == 2
    assert second.sha256 != version.sha256
    assert second.evidence.count() == 2
    services.screen_dossier(
        nomination=nomination, actor=users["secretariat"], outcome=ScreeningOutcome.ACCEPTED
    )
    nomination.refresh_from_db()
    assert nomination.status == S.ACCEPTED
    version.refresh_from_db()
    assert version.outcome == ScreeningOutcome.RETURNED  # the first version keeps its outcome


def test_digest_covers_content_and_files(complete):
    content = services.dossier_content(complete)
    digest = services.content_digest(content)
    changed = {**content, "evidence": [{**content["evidence"][0], "sha256": "0" * 64}]}
    assert services.content_digest(changed) != digest
    assert services.content_digest(dict(reversed(list(content.items())))) == digest


def test_submission_needs_certification_and_confirmations(complete, staff, head):
    with pytest.raises(ValidationError, match="ส่งได้เฉพาะแบบเสนอผลงานที่พัฒนาการอำเภอรับรองแล้ว"):
        services.submit_dossier(
            nomination=complete, actor=staff, officer_confirmed=True, member_confirmed=True
        )
    services.certify_dossier(
        nomination=complete, actor=head, certifier_name="ก", certifier_position="ข"
    )
    with pytest.raises(ValidationError):
        services.submit_dossier(
            nomination=complete, actor=staff, officer_confirmed=True, member_confirmed=False
        )
    complete.refresh_from_db()
    assert complete.status == S.CERTIFIED


def test_changing_a_certified_dossier_voids_the_certification(complete, staff, head):
    services.certify_dossier(
        nomination=complete, actor=head, certifier_name="ก", certifier_position="ข"
    )
    services.save_dossier(
        nomination=complete, actor=staff, revision=complete.dossier.revision, work_use="ใหม่"
    )
    complete.refresh_from_db()
    assert complete.status == S.DRAFT
    assert complete.dossier.certified_at is None


def test_a_submitted_dossier_cannot_be_edited(submitted, staff):
    with pytest.raises(ValidationError, match="ส่งผลงานแล้ว"):
        services.save_dossier(
            nomination=submitted, actor=staff, revision=submitted.dossier.revision, work_use="x"
        )


@pytest.mark.parametrize("outcome", [ScreeningOutcome.RETURNED, ScreeningOutcome.REJECTED])
def test_returning_or_rejecting_needs_reasons(submitted, users, outcome):
    with pytest.raises(ValidationError) as error:
        services.screen_dossier(
            nomination=submitted,
            actor=users["secretariat"],
            outcome=outcome,
            reasons=" ",
            resubmit_by=dt.date(2025, 5, 9),
        )
    assert "reasons" in error.value.message_dict


def test_rejected_is_final(submitted, users):
    services.screen_dossier(
        nomination=submitted,
        actor=users["secretariat"],
        outcome=ScreeningOutcome.REJECTED,
        reasons="คุณสมบัติไม่ครบ",
    )
    with pytest.raises(ValidationError):
        services.screen_dossier(
            nomination=submitted, actor=users["secretariat"], outcome=ScreeningOutcome.ACCEPTED
        )


def test_removing_evidence_of_a_submitted_version_keeps_its_file(submitted, staff, users, time_at):
    time_at(dt.datetime(2025, 5, 3, 10, 0))
    services.screen_dossier(
        nomination=submitted,
        actor=users["secretariat"],
        outcome=ScreeningOutcome.RETURNED,
        reasons="แก้ไขคำบรรยายภาพ",
        resubmit_by=dt.date(2025, 5, 9),
    )
    evidence = submitted.evidence.get()
    services.remove_evidence(evidence=evidence, actor=staff)
    evidence.refresh_from_db()
    assert evidence.removed_at is not None
    assert evidence.file.storage.exists(evidence.file.name)
    assert submitted.evidence.current().count() == 0
