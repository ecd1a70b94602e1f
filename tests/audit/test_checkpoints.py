"""A checkpoint kept outside the database shows what the chain alone cannot: that the
record was cut and its head fixed, or rewritten with every later hash recomputed."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rangwan.audit.models import AuditEntry
from rangwan.audit.queries import Checkpoint, chain_head, checkpoint_of
from rangwan.audit.services import record
from rangwan.audit.verify import verify_chain
from tests.audit.test_chain import tamper


def cut_tail(keep: int) -> None:
    """Delete every entry after the first `keep` and set the head to match, as someone
    with write access to the database could (on SQLite nothing stops them)."""
    entries = list(AuditEntry.objects.order_by("id"))
    last = entries[keep - 1]
    tamper("DELETE FROM audit_auditentry WHERE id > %s", [last.pk])
    tamper("UPDATE audit_chainhead SET count = %s, last_hash = %s", [keep, last.hash])


def rewrite_from(position: int, object_repr: str) -> None:
    """Edit the entry at `position` and recompute its hash and every later one, then
    set the head to the new last hash: a rewrite the chain alone cannot show."""
    entries = list(AuditEntry.objects.order_by("id"))
    prev = entries[position - 2].hash
    for entry in entries[position - 1 :]:
        if entry.number == position:
            entry.object_repr = object_repr
        entry.prev_hash = prev
        entry.hash = entry.compute_hash()
        tamper(
            "UPDATE audit_auditentry SET object_repr = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [entry.object_repr, entry.prev_hash, entry.hash, entry.pk],
        )
        prev = entry.hash
    tamper("UPDATE audit_chainhead SET last_hash = %s", [prev])


def test_a_cut_tail_with_a_matching_head_passes_alone_but_not_with_an_earlier_checkpoint(
    submitted,
):
    taken = chain_head()
    cut_tail(keep=taken.count - 2)
    assert verify_chain() == (taken.count - 2, None)

    _checked, broken = verify_chain(checkpoints=[taken])
    assert broken is not None
    assert f"จุดตรวจ {taken}: บันทึกเหลือเพียง {taken.count - 2} รายการ" in broken.message
    assert "ถูกตัดทิ้ง" in broken.message
    with pytest.raises(CommandError, match="ถูกตัดทิ้งหลังจากออกจุดตรวจนี้"):
        call_command("verify_audit", "--checkpoint", str(taken))


def test_a_rewrite_with_every_later_hash_recomputed_is_caught_by_a_checkpoint_after_it(
    submitted,
):
    submit = AuditEntry.objects.get(action="dossier.submit")
    before_edit = checkpoint_of(AuditEntry.objects.get(number=submit.number - 1))
    covering = chain_head()
    rewrite_from(submit.number, "แก้ไขภายหลัง")
    assert verify_chain()[1] is None  # the chain alone cannot tell

    _checked, broken = verify_chain(checkpoints=[before_edit, covering])
    assert broken is not None
    assert f"จุดตรวจ {covering}: รายการลำดับที่ {covering.count} มีแฮชอื่น" in broken.message
    assert "ถูกเขียนใหม่" in broken.message
    with pytest.raises(CommandError, match="ถูกเขียนใหม่"):
        call_command("verify_audit", "--checkpoint", str(covering))
    # A checkpoint from before the edited entry still holds: the rewrite began after it.
    assert verify_chain(checkpoints=[before_edit])[1] is None


def test_a_checkpoint_taken_earlier_still_holds_after_more_entries(submitted, users, capsys):
    taken = chain_head()
    record(actor=users["secretariat"], action="test.later", obj=submitted)
    record(actor=users["secretariat"], action="test.later", obj=submitted)
    assert verify_chain(checkpoints=[taken]) == (taken.count + 2, None)
    call_command("verify_audit", "--checkpoint", str(taken))
    out = capsys.readouterr().out
    assert f"Audit chain intact: {taken.count + 2} entries." in out
    assert f"Checkpoint {taken} confirmed." in out
    assert f"ยืนยันจุดตรวจ {taken} แล้ว" in out


def test_every_checkpoint_that_fails_is_reported(submitted):
    first, taken = checkpoint_of(AuditEntry.objects.get(number=1)), chain_head()
    cut_tail(keep=taken.count - 1)
    wrong = Checkpoint(first.count, "a" * 64)
    with pytest.raises(CommandError) as error:
        call_command("verify_audit", "--checkpoint", str(taken), "--checkpoint", str(wrong))
    assert "ถูกตัดทิ้ง" in str(error.value)
    assert f"จุดตรวจ {wrong}: รายการลำดับที่ 1 มีแฮชอื่น" in str(error.value)


def test_the_empty_checkpoint_always_holds(submitted):
    assert verify_chain(checkpoints=[Checkpoint(0, "0" * 64)])[1] is None


def test_a_malformed_checkpoint_is_a_clear_error(submitted):
    for text in ["", "abc", "12", "12:", "-1:" + "a" * 64, "12:" + "a" * 63, "12:" + "g" * 64]:
        with pytest.raises(CommandError, match="ไม่ใช่จุดตรวจบันทึก") as error:
            call_command("verify_audit", f"--checkpoint={text}")
        assert "ไม่ใช่จุดตรวจบันทึก" in str(error.value), text


def test_a_checkpoints_file_ignores_comments_and_blank_lines(submitted, tmp_path, capsys):
    first, taken = checkpoint_of(AuditEntry.objects.get(number=1)), chain_head()
    path = tmp_path / "checkpoints.txt"
    path.write_text(f"# kept by the province\n\n{first}\n  {taken}  \n# 2568-05-01T03:00\n")
    call_command("verify_audit", "--checkpoints-file", str(path))
    out = capsys.readouterr().out
    assert f"Checkpoint {first} confirmed." in out and f"Checkpoint {taken} confirmed." in out
    cut_tail(keep=taken.count - 1)
    with pytest.raises(CommandError, match="ถูกตัดทิ้ง"):
        call_command("verify_audit", "--checkpoints-file", str(path))


def test_a_malformed_line_of_a_checkpoints_file_is_named(submitted, tmp_path):
    path = tmp_path / "checkpoints.txt"
    path.write_text(f"{chain_head()}\nnot a checkpoint\n")
    with pytest.raises(CommandError, match="บรรทัดที่ 2") as error:
        call_command("verify_audit", "--checkpoints-file", str(path))
    assert "ไม่ใช่จุดตรวจบันทึก" in str(error.value)


def test_a_missing_checkpoints_file_is_a_clear_error(submitted, tmp_path):
    with pytest.raises(CommandError, match="อ่านไฟล์"):
        call_command("verify_audit", "--checkpoints-file", str(tmp_path / "none.txt"))
