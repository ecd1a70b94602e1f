"""One archive holding the whole database and the private files, and the way back.

The archive is a tar.gz: `manifest.json` (version, created_at, row counts per table,
every file with its SHA-256), `database.json` (Django's serialised rows, primary keys
kept: the audit chain's hashes name them) and `files/<storage>/<name>`. Rows are written
with natural keys only for content types and permissions, which `migrate` creates with
ids of its own in the target database. Loading inserts only (the audit trigger on
PostgreSQL refuses UPDATE and DELETE, never INSERT) and `loaddata` resets the
PostgreSQL sequences after it.
"""

import datetime as dt
import hashlib
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, transaction

VERSION = 1
STORAGES_BACKED_UP = ("evidence", "generated")
# Filled by `migrate` in the target database; their ids are not referred to by ours.
CREATED_BY_MIGRATE = ("contenttypes.contenttype", "auth.permission")


FORMAT = "backupjson"
serializers.register_serializer(FORMAT, "rangwan.core.backup_format")


class BackupError(Exception):
    pass


def _models():
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in CREATED_BY_MIGRATE and model._meta.managed
    ]


def row_counts() -> dict[str, int]:
    return {model._meta.label_lower: model._default_manager.count() for model in _models()}


def _walk(storage, folder: str = ""):
    directories, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from _walk(storage, f"{folder}/{directory}" if folder else directory)


def stored_files(alias: str) -> list[str]:
    storage = storages[alias]
    try:
        return list(_walk(storage))
    except FileNotFoundError:  # the folder is made on the first save
        return []


def _sha256(stream) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def _private_file(path: Path):
    """The archive holds personal data: readable by its owner alone (0600), whatever the
    umask, also when it replaces an older archive of the same name."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def write_backup(path: Path) -> dict:
    """Write the archive to `path`; return its manifest."""
    with tempfile.TemporaryDirectory() as scratch:
        rows = Path(scratch) / f"database.{FORMAT}"
        # One transaction, so the rows and their counts are one consistent picture.
        with transaction.atomic():
            call_command(
                "dumpdata",
                *_labels(),
                natural_foreign=True,
                format=FORMAT,
                output=str(rows),
                verbosity=0,
            )
            counts = row_counts()
        manifest = {
            "version": VERSION,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "tables": counts,
            "files": [],
        }
        with _private_file(path) as target, tarfile.open(fileobj=target, mode="w:gz") as archive:
            archive.add(rows, arcname="database.json")
            for alias in STORAGES_BACKED_UP:
                storage = storages[alias]
                for name in stored_files(alias):
                    with storage.open(name, "rb") as stream:
                        sha = _sha256(stream)
                        size = stream.tell()
                        stream.seek(0)
                        info = tarfile.TarInfo(f"files/{alias}/{name}")
                        info.size = size
                        archive.addfile(info, stream)
                    manifest["files"].append(
                        {"storage": alias, "name": name, "size": size, "sha256": sha}
                    )
            _add_bytes(
                archive,
                "manifest.json",
                json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"),
            )
    return manifest


def _labels() -> list[str]:
    return [model._meta.label for model in _models()]


def database_is_empty() -> bool:
    return not any(row_counts().values())


def read_manifest(path: Path) -> dict:
    with tarfile.open(path, "r:gz") as archive:
        return json.load(archive.extractfile("manifest.json"))


def restore_backup(path: Path, *, allow_nonempty: bool = False) -> dict:
    """Load the archive at `path` into this (migrated) database and its storages."""
    if not allow_nonempty and database_is_empty() is False:
        raise BackupError("The database is not empty: restore into an empty database.")
    manifest = read_manifest(path)
    if manifest.get("version") != VERSION:
        raise BackupError(f"Unknown archive version {manifest.get('version')!r}.")
    wanted = {f"files/{e['storage']}/{e['name']}": e for e in manifest["files"]}
    # One pass through the archive: a gzip stream cannot seek, so reading members by
    # name re-reads it from the start each time (quadratic with 1,760 files).
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(path, "r|gz") as archive:
        rows = Path(scratch) / f"database.{FORMAT}"
        unpacked: dict[str, Path] = {}
        for member in archive:
            if member.name != "database.json" and member.name not in wanted:
                continue
            target = rows if member.name == "database.json" else Path(scratch) / str(len(unpacked))
            digest = hashlib.sha256()
            with archive.extractfile(member) as source, target.open("wb") as out:
                for chunk in iter(lambda source=source: source.read(1024 * 1024), b""):
                    digest.update(chunk)
                    out.write(chunk)
            if member.name in wanted:
                if digest.hexdigest() != wanted[member.name]["sha256"]:
                    raise BackupError(f"{member.name[6:]}: SHA-256 does not match.")
                unpacked[member.name] = target
        # Every file is checked before anything is written.
        missing = sorted(wanted.keys() - unpacked.keys())
        if missing:
            raise BackupError(f"{missing[0][6:]}: missing from the archive.")
        with transaction.atomic():
            call_command("loaddata", str(rows), verbosity=0)
            counts = row_counts()
            wrong = {
                table: (count, counts.get(table))
                for table, count in manifest["tables"].items()
                if counts.get(table) != count and not allow_nonempty
            }
            if wrong:
                raise BackupError(f"Row counts differ after loading: {wrong}")
        if connection.vendor == "postgresql":
            # Fresh tables have no planner statistics until autovacuum comes by; without
            # them the first queries on a national-scale restore plan badly.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for name, entry in wanted.items():
            storage = storages[entry["storage"]]
            if storage.exists(entry["name"]):
                continue
            with unpacked[name].open("rb") as data:
                saved = storage.save(entry["name"], File(data))
            if saved != entry["name"]:
                raise BackupError(f"{entry['name']} was stored as {saved}.")
    return manifest
