"""Back up, restore into an empty database in another process, compare everything."""

import io
import json
import os
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from rangwan.core.backup import read_manifest, write_backup
from tests.subprocesses import manage


def _rows(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        rows = json.load(tar.extractfile("database.json"))
    # Content types and permissions are referred to by natural key, so ids may differ.
    return {(row["model"], json.dumps(row.get("pk"))): row["fields"] for row in rows}


def _files(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        return {
            member.name: tar.extractfile(member).read()
            for member in tar.getmembers()
            if member.name.startswith("files/")
        }


@pytest.fixture
def empty_database_url(tmp_path):
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    name = f"rangwan_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    yield (
        f"postgres://{settings['USER']}{password}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{name}"
    )
    admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.django_db(transaction=False)
def test_backup_restores_every_row_and_file_into_an_empty_database(
    final_results, tmp_path, empty_database_url, settings
):
    storages["evidence"].save("2568/2402/extra.pdf", ContentFile(b"%PDF-1.4 evidence"))
    storages["generated"].save("batches/all.zip", ContentFile(b"PK zip"))
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    manifest = read_manifest(archive)
    assert manifest["tables"]["audit.auditentry"] > 0
    assert {f["storage"] for f in manifest["files"]} == {"evidence", "generated"}

    restored_var = tmp_path / "restored-var"
    env = {
        **os.environ,
        "DATABASE_URL": empty_database_url,
        "RANGWAN_VAR_DIR": str(restored_var),
    }
    s3 = storages["evidence"].connection.meta.client if settings.S3_BUCKET else None
    if s3:  # the new machine has a bucket of its own
        env["S3_BUCKET"] = f"restored-{uuid.uuid4().hex[:12]}"
        s3.create_bucket(Bucket=env["S3_BUCKET"])
    for args in (
        ("migrate", "--noinput", "-v0"),
        ("restore", str(archive)),
        ("verify_audit",),
        ("backup", str(tmp_path / "again.tar.gz")),
    ):
        done = manage(*args, env=env)
        assert done.returncode == 0, (args, done.stdout, done.stderr)

    again = tmp_path / "again.tar.gz"
    assert _rows(again) == _rows(archive)
    assert _files(again) == _files(archive)
    assert read_manifest(again)["tables"] == manifest["tables"]
    if s3:
        stored = s3.get_object(Bucket=env["S3_BUCKET"], Key="evidence/2568/2402/extra.pdf")
        assert stored["Body"].read() == b"%PDF-1.4 evidence"
    else:
        assert (restored_var / "evidence" / "2568/2402/extra.pdf").read_bytes() == (
            b"%PDF-1.4 evidence"
        )


def test_restore_refuses_a_database_that_is_not_empty(demo, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    write_backup(archive)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))


def test_restore_refuses_a_file_whose_sha256_does_not_match(demo, tmp_path):
    storages["evidence"].save("a.pdf", ContentFile(b"%PDF original"))
    archive = tmp_path / "backup.tar.gz"
    write_backup(archive)
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "files/evidence/a.pdf":
                data = b"%PDF changed!"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("restore", str(tampered), "--allow-nonempty")


def test_the_archive_is_readable_by_its_owner_alone(demo, tmp_path):
    # It holds every person's name and contacts: not for the other users of the server.
    archive = tmp_path / "backup.tar.gz"
    archive.write_bytes(b"an older archive, once readable by all")
    archive.chmod(0o644)
    call_command("backup", str(archive), verbosity=0)
    assert archive.stat().st_mode & 0o777 == 0o600
    assert read_manifest(archive)["tables"]["accounts.user"] > 0
