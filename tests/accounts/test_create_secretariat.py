import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rangwan.accounts.enums import Role
from rangwan.accounts.models import User
from rangwan.audit.models import AuditEntry

ARGS = ("somchai", "--email", "somchai@example.test", "--first-name", "สมชาย")
ARGS += ("--last-name", "ใจดี", "--no-input")


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("RANGWAN_SECRETARIAT_PASSWORD", "ฉะเชิงเทรา-2569-ok")


def test_the_first_account_is_a_secretariat_who_can_sign_in_and_is_no_superuser(
    db, password, capsys
):
    call_command("create_secretariat", *ARGS)
    user = User.objects.get(username="somchai")
    assert user.role == Role.SECRETARIAT
    assert user.check_password("ฉะเชิงเทรา-2569-ok")
    assert not user.is_superuser and not user.is_staff
    assert user.has_perm("accounts.add_user")
    out = capsys.readouterr().out
    assert "สร้างบัญชีฝ่ายเลขานุการ" in out and "Created the secretariat account" in out
    entry = AuditEntry.objects.get(action="user.create")
    assert "password" not in str(entry.after)


def test_an_existing_username_is_refused(db, password):
    call_command("create_secretariat", *ARGS)
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_secretariat", "SOMCHAI", *ARGS[1:])
    assert User.objects.count() == 1


def test_a_weak_password_is_refused_in_thai_and_english(db, monkeypatch):
    monkeypatch.setenv("RANGWAN_SECRETARIAT_PASSWORD", "12345678")
    with pytest.raises(CommandError) as error:
        call_command("create_secretariat", *ARGS)
    assert "too common" in str(error.value)
    assert "รหัสผ่าน" in str(error.value)
    assert not User.objects.exists()


def test_no_input_without_the_password_variable_is_refused(db, monkeypatch):
    monkeypatch.delenv("RANGWAN_SECRETARIAT_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="RANGWAN_SECRETARIAT_PASSWORD"):
        call_command("create_secretariat", *ARGS)
    assert not User.objects.exists()


def test_the_password_is_asked_twice_and_must_match(db, monkeypatch):
    answers = iter(["ฉะเชิงเทรา-2569-ok", "something-else-2569"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match="not the same"):
        call_command("create_secretariat", *ARGS[:-1])
    assert not User.objects.exists()
