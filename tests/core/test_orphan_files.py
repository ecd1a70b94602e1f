import os
import time

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command

from rangwan.core.orphan_files import find_orphan_files
from rangwan.nominations.models import Evidence


def _age(storage_alias: str, name: str, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(storages[storage_alias].path(name), (then, then))


def test_cleanup_lists_old_unreferenced_files_and_deletes_only_with_delete(complete, capsys):
    kept = Evidence.objects.get(nomination=complete)
    storages["evidence"].save("2568/orphan.jpg", ContentFile(b"lost upload"))
    storages["generated"].save("batches/orphan.zip", ContentFile(b"PK"))
    for alias, name in (("evidence", "2568/orphan.jpg"), ("generated", "batches/orphan.zip")):
        _age(alias, name, 2)
    _age("evidence", kept.file.name, 2)

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


def test_cleanup_never_touches_a_file_younger_than_an_hour(demo):
    storages["evidence"].save("2568/uploading.jpg", ContentFile(b"in progress"))
    _age("evidence", "2568/uploading.jpg", 0.9)
    assert find_orphan_files() == []
    call_command("cleanup_orphan_files", "--delete")
    assert storages["evidence"].exists("2568/uploading.jpg")
