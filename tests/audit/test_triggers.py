"""On PostgreSQL the database itself refuses to cut the record or move its head other
than forward by one entry, whatever the application (or someone at a SQL prompt as the
application's user) asks."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from rangwan.audit.models import GENESIS, AuditEntry, ChainHead
from rangwan.audit.services import record
from rangwan.audit.verify import verify_chain
from tests.audit.test_chain import tamper

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers are PostgreSQL's"
)


def checked_now() -> None:
    """The fixtures' rows are not committed: their deferred foreign-key checks are still
    pending, and PostgreSQL will not TRUNCATE a table with pending checks. Run them."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def refused(sql: str, params=()) -> None:
    checked_now()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def test_postgresql_refuses_to_truncate_the_entries(submitted):
    refused("TRUNCATE audit_auditentry")


def test_postgresql_refuses_to_truncate_the_head(submitted):
    refused("TRUNCATE audit_chainhead")


def test_postgresql_refuses_to_truncate_the_whole_record_while_programmes_remain(submitted):
    refused("TRUNCATE audit_auditentry, audit_chainhead")
    assert verify_chain()[1] is None


def test_postgresql_lets_the_whole_database_be_emptied_at_once(submitted):
    """Django's flush (the test suite runs it after each transactional test) empties every
    table in one TRUNCATE: nothing is left that the record should cover."""
    checked_now()
    with transaction.atomic():
        call_command("flush", interactive=False, verbosity=0)
        assert not AuditEntry.objects.exists()
        transaction.set_rollback(True)
    assert AuditEntry.objects.exists()


def test_postgresql_refuses_to_delete_the_head(submitted):
    refused("DELETE FROM audit_chainhead")


def test_postgresql_refuses_to_move_the_head_backwards(submitted):
    previous = AuditEntry.objects.order_by("-number")[1]
    refused(
        "UPDATE audit_chainhead SET count = %s, last_hash = %s",
        [previous.number, previous.hash],
    )


def test_postgresql_refuses_to_set_the_head_to_another_hash(submitted):
    head = ChainHead.objects.get()
    refused("UPDATE audit_chainhead SET last_hash = %s", ["f" * 64])
    refused("UPDATE audit_chainhead SET count = %s, last_hash = %s", [head.count + 1, "f" * 64])


def test_postgresql_refuses_a_head_that_jumps_entries(submitted):
    head = ChainHead.objects.get()
    refused("UPDATE audit_chainhead SET count = %s", [head.count + 2])


def test_postgresql_refuses_a_second_head(submitted):
    refused("INSERT INTO audit_chainhead (id, count, last_hash) VALUES (2, 0, %s)", [GENESIS])


def test_postgresql_accepts_a_lost_head_only_as_it_was(submitted):
    """A restore loads the entries, then the head: a head that matches them is accepted,
    any other is not."""
    head = ChainHead.objects.get()
    tamper("DELETE FROM audit_chainhead", [])
    insert = "INSERT INTO audit_chainhead (id, count, last_hash) VALUES (1, %s, %s)"
    refused(insert, [0, GENESIS])
    refused(insert, [head.count - 1, AuditEntry.objects.get(number=head.count - 1).hash])
    refused(insert, [head.count, "f" * 64])
    with connection.cursor() as cursor:
        cursor.execute(insert, [head.count, head.last_hash])
    assert verify_chain()[1] is None


def test_recording_still_moves_the_head_forward(submitted, users):
    entry = record(actor=users["secretariat"], action="test.later", obj=submitted)
    head = ChainHead.objects.get()
    assert (head.count, head.last_hash) == (entry.number, entry.hash)
    assert verify_chain()[1] is None


def test_recording_into_an_empty_database_starts_the_head(db):
    from tests.factories import ProvinceFactory

    entry = record(actor=None, action="test.first", obj=ProvinceFactory())
    assert entry.number == 1
    assert ChainHead.objects.get().count == 1
