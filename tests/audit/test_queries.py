import pytest
from django.utils import translation

from rangwan.audit.models import GENESIS, AuditEntry
from rangwan.audit.queries import (
    Checkpoint,
    chain_head,
    checkpoint_of,
    first_entry,
    last_entry,
    parse_checkpoint,
)
from rangwan.audit.services import record


def test_the_head_of_an_empty_record_is_the_genesis_checkpoint(db):
    assert chain_head() == Checkpoint(0, GENESIS)
    assert str(chain_head()) == f"0:{GENESIS}"


def test_the_head_is_the_checkpoint_of_the_last_entry(submitted):
    last = AuditEntry.objects.order_by("id").last()
    assert chain_head() == checkpoint_of(last) == Checkpoint(last.number, last.hash)
    assert str(chain_head()) == f"{last.number}:{last.hash}"


def test_a_checkpoint_is_read_back_from_its_text(submitted):
    head = chain_head()
    assert parse_checkpoint(str(head)) == head
    assert parse_checkpoint(f"  {str(head).upper()}\n") == head


def test_malformed_checkpoint_text_is_refused_saying_what_is_expected():
    for text in ["", "1234", "x:" + "a" * 64, "-1:" + "a" * 64, "5:" + "a" * 65, "5 : " + "a" * 64]:
        with pytest.raises(ValueError, match="ไม่ใช่จุดตรวจบันทึก"):
            parse_checkpoint(text)
    with translation.override("en"), pytest.raises(ValueError, match="is not an audit checkpoint"):
        parse_checkpoint("1234")


def test_first_and_last_entry_of_an_action_on_an_object(submitted, users):
    later = record(actor=users["secretariat"], action="dossier.submit", obj=submitted)
    first = first_entry(submitted, "dossier.submit")
    assert first.after["version"] == 1
    assert last_entry(submitted, "dossier.submit") == later
    assert first_entry(submitted, "nothing.like.this") is None
    assert last_entry(submitted.programme, "dossier.submit") is None
