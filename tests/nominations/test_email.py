import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from rangwan.nominations import services
from rangwan.nominations.enums import ScreeningOutcome
from rangwan.nominations.models import Reminder


def test_submission_sends_a_receipt_to_the_district_and_a_notice_to_the_secretariat(
    complete, staff, head, smtp_server, django_capture_on_commit_callbacks
):
    services.certify_dossier(
        nomination=complete, actor=head, certifier_name="ก", certifier_position="ข"
    )
    with django_capture_on_commit_callbacks(execute=True):
        version = services.submit_dossier(
            nomination=complete, actor=staff, officer_confirmed=True, member_confirmed=True
        )
    receipt, notice = smtp_server.messages
    assert receipt["to"] == [
        "cdd.bangkhla@rangwan.test",  # the district office's own address
        "head.bangkhla@rangwan.test",
        "staff.bangkhla@rangwan.test",
    ]
    assert receipt["subject"] == "ใบรับแบบเสนอผลงาน อำเภอบางคล้า ฉบับที่ 1"
    assert version.sha256 in receipt["body"]
    assert f"/nominations/{complete.pk}/versions/1/receipt/" in receipt["body"]
    assert notice["to"] == ["secretariat@rangwan.test"]
    assert "บางคล้า" in notice["subject"]


def test_return_tells_the_district_the_reasons(
    submitted, users, smtp_server, django_capture_on_commit_callbacks, time_at
):
    time_at(dt.datetime(2025, 5, 3, 9, 0))
    with django_capture_on_commit_callbacks(execute=True):
        services.screen_dossier(
            nomination=submitted,
            actor=users["secretariat"],
            outcome=ScreeningOutcome.RETURNED,
            reasons="ขอภาพถ่ายเพิ่มเติม",
            resubmit_by=dt.date(2025, 5, 9),
        )
    (message,) = smtp_server.messages
    assert message["subject"] == "แบบเสนอผลงาน อำเภอบางคล้า: ส่งกลับให้แก้ไข"
    assert "ขอภาพถ่ายเพิ่มเติม" in message["body"]
    assert "staff.bangkhla@rangwan.test" in message["to"]


def test_acceptance_is_mailed(submitted, users, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.screen_dossier(
            nomination=submitted, actor=users["secretariat"], outcome=ScreeningOutcome.ACCEPTED
        )
    assert smtp_server.messages[0]["subject"] == "แบบเสนอผลงาน อำเภอบางคล้า: ผ่านการตรวจสอบ"


def test_no_mail_when_the_write_fails(
    complete, staff, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.submit_dossier(  # not certified: refused
            nomination=complete, actor=staff, officer_confirmed=True, member_confirmed=True
        )
    assert smtp_server.messages == []


def test_reminders_go_7_and_1_days_before_and_never_twice(demo, smtp_server, time_at, capsys):
    # 7 Feb 2568: the name notification is due on 14 Feb; nobody has registered.
    time_at(dt.datetime(2025, 2, 7, 8, 0))
    call_command("send_reminders")
    assert len(smtp_server.messages) == 11
    first = smtp_server.messages[0]
    assert first["subject"] == "เตือน: แจ้งรายชื่อ (สิ่งที่ส่งมาด้วย ๓) ครบกำหนดในอีก 7 วัน"
    assert "วันศุกร์ที่ ๑๔ กุมภาพันธ์ ๒๕๖๘" in first["body"]
    time_at(dt.datetime(2025, 2, 7, 18, 0))  # cron runs again the same evening
    call_command("send_reminders")
    time_at(dt.datetime(2025, 2, 10, 8, 0))  # and on the following days
    call_command("send_reminders")
    assert len(smtp_server.messages) == 11
    time_at(dt.datetime(2025, 2, 13, 8, 0))
    call_command("send_reminders")
    assert len(smtp_server.messages) == 22
    assert Reminder.objects.filter(days_before=1).count() == 11
    assert "11 reminder(s) sent." in capsys.readouterr().out


def test_no_reminder_for_a_district_that_has_registered(nomination, smtp_server, time_at):
    time_at(dt.datetime(2025, 2, 13, 8, 0))
    call_command("send_reminders")
    recipients = {to for message in smtp_server.messages for to in message["to"]}
    assert "staff.bangkhla@rangwan.test" not in recipients
    assert len(smtp_server.messages) == 10


def test_a_mail_server_that_is_down_does_not_undo_or_break_the_submission(
    complete, staff, head, settings, django_capture_on_commit_callbacks
):
    """The receipt is mailed after the commit: if the mail server refuses, the dossier
    stays submitted and the district is not shown an error for it (Django logs the
    failure: on_commit(..., robust=True))."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    services.certify_dossier(
        nomination=complete, actor=head, certifier_name="ก", certifier_position="ข"
    )
    with django_capture_on_commit_callbacks(execute=True):
        version = services.submit_dossier(
            nomination=complete, actor=staff, officer_confirmed=True, member_confirmed=True
        )
    complete.refresh_from_db()
    assert complete.status == "submitted"
    assert version.number == 1
