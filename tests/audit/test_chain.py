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


def test_a_wiped_record_is_noticed(submitted):
    tamper("DELETE FROM audit_auditentry", [])
    tamper("DELETE FROM audit_chainhead", [])
    _checked, broken = verify_chain()
    assert broken is not None and "บันทึกถูกลบทิ้ง" in broken.message
    with pytest.raises(CommandError, match="บันทึกการตรวจสอบว่างเปล่า"):
        call_command("verify_audit")


def test_an_empty_record_with_its_head_left_is_noticed(submitted):
    tamper("DELETE FROM audit_auditentry", [])
    tamper("UPDATE audit_chainhead SET count = 0, last_hash = %s", ["0" * 64])
    _checked, broken = verify_chain()
    assert broken is not None and "บันทึกถูกลบทิ้ง" in broken.message


def test_a_new_installation_with_nothing_recorded_verifies(db, capsys):
    call_command("verify_audit")
    assert "Audit chain intact: 0 entries." in capsys.readouterr().out


def test_a_cut_tail_with_its_head_deleted_is_noticed(submitted):
    entries = list(AuditEntry.objects.order_by("id"))
    tamper("DELETE FROM audit_auditentry WHERE id >= %s", [entries[-3].pk])
    tamper("DELETE FROM audit_chainhead", [])
    _checked, broken = verify_chain()
    assert broken is not None and "ไม่พบปลายสายบันทึก" in broken.message
    with pytest.raises(CommandError, match="ปลายสายถูกลบ"):
        call_command("verify_audit")


def test_a_head_that_counts_more_entries_than_the_record_holds_is_noticed(submitted):
    count = AuditEntry.objects.count()
    tamper("UPDATE audit_chainhead SET count = %s", [count + 1])
    _checked, broken = verify_chain()
    assert broken is not None and broken.entry_id is None
    assert f"นับได้ {count + 1} รายการ" in broken.message


def test_a_head_with_another_hash_is_noticed(submitted):
    tamper("UPDATE audit_chainhead SET last_hash = %s", ["f" * 64])
    _checked, broken = verify_chain()
    assert broken is not None and "ปลายสายถูกแก้ไข" in broken.message


def test_an_entry_numbered_out_of_its_place_is_named(submitted):
    entry = AuditEntry.objects.order_by("id")[3]
    tamper("UPDATE audit_auditentry SET number = %s WHERE id = %s", [1000, entry.pk])
    _checked, broken = verify_chain()
    assert broken.entry_id == entry.pk
    assert "เลขลำดับ 1000 แต่อยู่ในลำดับที่ 4" in broken.message


def test_every_entry_is_numbered_by_its_place_and_the_head_counts_them(submitted):
    from rangwan.audit.models import ChainHead

    entries = list(AuditEntry.objects.order_by("id"))
    assert [e.number for e in entries] == list(range(1, len(entries) + 1))
    head = ChainHead.objects.get()
    assert (head.count, head.last_hash) == (len(entries), entries[-1].hash)


def test_a_new_entry_carries_a_nonce_its_hash_covers(submitted):
    entry = AuditEntry.objects.order_by("id").last()
    assert len(entry.nonce) == 32 and int(entry.nonce, 16) >= 0
    assert entry.compute_hash() == entry.hash
    entry.nonce = "0" * 32
    assert entry.compute_hash() != entry.hash


def test_an_entry_without_a_nonce_hashes_as_before_nonces_existed(submitted):
    """Entries written before the nonce keep their hashes: the payload is unchanged."""
    import datetime as dt
    import hashlib
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    entry = AuditEntry.objects.order_by("id").last()
    entry.nonce = ""
    old_payload = {
        "time": entry.created_at.astimezone(dt.UTC).isoformat(),
        "actor": entry.actor_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
        "prev": entry.prev_hash,
    }
    canonical = json.dumps(
        old_payload,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        cls=DjangoJSONEncoder,
    )
    assert entry.compute_hash() == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
