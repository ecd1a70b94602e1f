import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command

from rangwan.core import orphan_files
from rangwan.core.orphan_files import find_orphan_files
from rangwan.nominations.models import Evidence


@pytest.fixture
def hours_later(monkeypatch):
    """Every stored file is now `hours` old: the storage's clock moves on (a file's
    time cannot be set back on object storage)."""

    def move(hours: float) -> None:
        later = orphan_files.storage_clock() + dt.timedelta(hours=hours)
        monkeypatch.setattr(orphan_files, "storage_clock", lambda: later)

    return move


def test_cleanup_lists_old_unreferenced_files_and_deletes_only_with_delete(
    complete, capsys, hours_later
):
    kept = Evidence.objects.get(nomination=complete)
    storages["evidence"].save("2568/orphan.jpg", ContentFile(b"lost upload"))
    storages["generated"].save("batches/orphan.zip", ContentFile(b"PK"))
    hours_later(2)

    call_command("cleanup_orphan_files")
    out = capsys.readouterr().out
    assert "evidence/2568/orphan.jpg" in out
    assert "generated/batches/orphan.zip" in out
    assert kept.file.name not in out
    assert storages["evidence"].exists("2568/orphan.jpg")  # dry run by default

    call_command("cleanup_orphan_files", "--delete")
    assert not storages["evidence"].exists("2568/orphan.jpg")
    assert not storages["generated"].exists("batches/orphan.zip")
    assert storages["evidence"].exists(kept.file.name)
    assert storages["evidence"].exists(kept.thumbnail.name)


def test_cleanup_never_touches_a_file_younger_than_an_hour(demo, hours_later):
    storages["evidence"].save("2568/uploading.jpg", ContentFile(b"in progress"))
    hours_later(0.9)
    assert find_orphan_files() == []
    call_command("cleanup_orphan_files", "--delete")
    assert storages["evidence"].exists("2568/uploading.jpg")
