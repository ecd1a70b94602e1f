import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from rangwan.audit.models import AuditEntry
from rangwan.audit.verify import verify_chain


def tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back, as someone with database access
    could. On PostgreSQL the trigger has to be sidestepped first (a superuser can)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def test_every_write_of_the_journey_is_chained_and_verifies(submitted, capsys):
    entries = list(AuditEntry.objects.order_by("id"))
    assert len(entries) > 5
    assert entries[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    call_command("verify_audit")
    assert f"Audit chain intact: {len(entries)} entries." in capsys.readouterr().out


def test_an_altered_entry_is_named(submitted):
    entry = AuditEntry.objects.get(action="dossier.submit")
    tamper("UPDATE audit_auditentry SET object_repr = %s WHERE id = %s", ["แก้ไขภายหลัง", entry.pk])
    _checked, broken = verify_chain()
    assert broken.entry_id == entry.pk
    with pytest.raises(CommandError, match=f"รายการที่ {entry.pk} ถูกแก้ไขหลังบันทึก"):
        call_command("verify_audit")


def test_a_deleted_entry_breaks_the_next_link(submitted):
    entries = list(AuditEntry.objects.order_by("id"))
    victim, following = entries[2], entries[3]
    tamper("DELETE FROM audit_auditentry WHERE id = %s", [victim.pk])
    _checked, broken = verify_chain()
    assert broken.entry_id == following.pk
    assert "ถูกลบหรือแทรก" in broken.message


def test_a_removed_tail_is_noticed(submitted):
    last = AuditEntry.objects.order_by("-id").first()
    tamper("DELETE FROM audit_auditentry WHERE id = %s", [last.pk])
    _checked, broken = verify_chain()
    assert broken is not None and broken.entry_id is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_to_change_or_delete_an_entry(submitted):
    entry = AuditEntry.objects.order_by("id").first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
