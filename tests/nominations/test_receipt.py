"""Every dossier receipt, on the page and in the e-mail, carries the audit checkpoint of
the entry that recorded the submission: eleven districts then hold witnesses of the
record that a truncation or a rewrite after their submission cannot get past."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from rangwan.audit.models import AuditEntry
from rangwan.audit.queries import checkpoint_of
from rangwan.audit.services import record
from rangwan.nominations import services
from rangwan.nominations.enums import ScreeningOutcome
from tests.audit.test_checkpoints import cut_tail, rewrite_from
from tests.fixtures_nominations import upload

CHECKPOINT = re.compile(r"\b(\d+):([0-9a-f]{64})\b")


def submit(nomination, staff, head):
    services.certify_dossier(
        nomination=nomination, actor=head, certifier_name="ก", certifier_position="ข"
    )
    return services.submit_dossier(
        nomination=nomination, actor=staff, officer_confirmed=True, member_confirmed=True
    )


def receipt_page(client_as, user, version) -> str:
    response = client_as(user).get(
        reverse("nominations:receipt", args=[version.nomination_id, version.number])
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_receipt_page_and_email_carry_the_checkpoint_of_the_submission(
    complete, staff, head, users, client_as, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = submit(complete, staff, head)
    entry = AuditEntry.objects.get(action="dossier.submit", object_id=str(complete.pk))
    # Later entries do not move the receipt's checkpoint: it is the submission's own.
    record(actor=users["secretariat"], action="test.later", obj=complete)

    page = receipt_page(client_as, staff, version)
    receipt, _notice = smtp_server.messages
    assert CHECKPOINT.findall(page) == [(str(entry.number), entry.hash)]
    assert CHECKPOINT.findall(receipt["body"]) == [(str(entry.number), entry.hash)]
    assert "จุดตรวจบันทึกการดำเนินงาน" in page
    assert "จุดตรวจบันทึกการดำเนินงาน" in receipt["body"]
    # The witness holds while the record is whole.
    call_command("verify_audit", "--checkpoint", f"{entry.number}:{entry.hash}")


def test_a_districts_receipt_catches_a_rewrite_and_a_cut_after_its_submission(
    complete, staff, head, users, client_as
):
    version = submit(complete, staff, head)
    witness = ":".join(CHECKPOINT.findall(receipt_page(client_as, staff, version))[0])
    record(actor=users["secretariat"], action="test.later", obj=complete)

    submission = AuditEntry.objects.get(action="dossier.submit")
    rewrite_from(submission.number, "แก้ไขภายหลัง")
    call_command("verify_audit")  # the chain alone cannot tell
    with pytest.raises(CommandError, match="ถูกเขียนใหม่"):
        call_command("verify_audit", "--checkpoint", witness)

    cut_tail(keep=submission.number - 1)
    with pytest.raises(CommandError, match="ถูกตัดทิ้ง"):
        call_command("verify_audit", "--checkpoint", witness)


def test_a_resubmission_has_its_own_checkpoint(complete, staff, head, users, client_as, time_at):
    first = submit(complete, staff, head)
    time_at(dt.datetime(2025, 5, 3, 9, 0))
    services.screen_dossier(
        nomination=complete,
        actor=users["secretariat"],
        outcome=ScreeningOutcome.RETURNED,
        reasons="ขอภาพถ่ายเพิ่มเติม",
        resubmit_by=dt.date(2025, 5, 9),
    )
    services.add_evidence(
        nomination=complete, actor=staff, upload=upload(), section="joint_work", caption="เพิ่ม"
    )
    complete.refresh_from_db()
    second = submit(complete, staff, head)

    entries = AuditEntry.objects.filter(action="dossier.submit").order_by("number")
    expected = [str(checkpoint_of(entry)) for entry in entries]
    shown = [
        ":".join(CHECKPOINT.findall(receipt_page(client_as, staff, version))[0])
        for version in (first, second)
    ]
    assert shown == expected
    assert shown[0] != shown[1]
