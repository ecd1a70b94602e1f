import re
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rangwan.audit import verify
from rangwan.audit.queries import chain_head
from rangwan.audit.services import record

LINE = re.compile(r"\d+:[0-9a-f]{64}")


def test_audit_checkpoint_prints_the_head_and_the_time_in_bangkok(submitted, capsys):
    call_command("audit_checkpoint")
    checkpoint, comment = capsys.readouterr().out.splitlines()
    assert checkpoint == str(chain_head())
    assert re.fullmatch(r"# \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", comment)


def test_audit_checkpoint_writes_a_file_verify_audit_accepts(submitted, users, tmp_path, capsys):
    path = tmp_path / "audit-checkpoints.txt"
    call_command("audit_checkpoint", "--output", str(path))
    first = chain_head()
    assert path.read_text().splitlines()[0] == str(first)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644

    with pytest.raises(CommandError, match="อยู่แล้ว: หากต้องการเขียนต่อท้าย ให้ใส่ --append"):
        call_command("audit_checkpoint", "--output", str(path))
    record(actor=users["secretariat"], action="test.later", obj=submitted)
    call_command("audit_checkpoint", "--output", str(path), "--append")
    lines = path.read_text().splitlines()
    assert [line for line in lines if LINE.fullmatch(line)] == [str(first), str(chain_head())]
    assert len(lines) == 4

    capsys.readouterr()
    call_command("verify_audit", "--checkpoints-file", str(path))
    out = capsys.readouterr().out
    assert f"Checkpoint {first} confirmed." in out
    assert f"Checkpoint {chain_head()} confirmed." in out


def test_verify_audit_runs_the_checks_other_apps_register(submitted, monkeypatch):
    monkeypatch.setattr(verify, "_checks", list(verify._checks))
    verify.register_check(lambda: ["ผลการคัดเลือกถูกแก้ไข"])
    with pytest.raises(CommandError, match="ผลการคัดเลือกถูกแก้ไข"):
        call_command("verify_audit")


def test_a_broken_chain_and_a_failed_check_are_both_reported(submitted, monkeypatch):
    from tests.audit.test_chain import tamper

    monkeypatch.setattr(verify, "_checks", list(verify._checks))
    verify.register_check(lambda: ["ผลการคัดเลือกถูกแก้ไข"])
    tamper("DELETE FROM audit_chainhead", [])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert "ไม่พบปลายสายบันทึก" in str(error.value)
    assert "ผลการคัดเลือกถูกแก้ไข" in str(error.value)
