"""Files in the private storages that no row refers to.

A file is written to storage before the row that names it is committed; a server killed
between the two leaves the file behind (the row is rolled back with the transaction).
Only files older than a grace period count, so an upload in progress is never touched.
"""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.core.files.storage import storages
from django.db import models

from rangwan.core.backup import STORAGES_BACKED_UP, stored_files

GRACE = dt.timedelta(hours=1)


@dataclass(frozen=True)
class OrphanFile:
    storage: str
    name: str
    size: int
    modified: dt.datetime


def _alias_of(storage) -> str | None:
    # The fields hold lazy proxies of the storages: compare where they keep files.
    for alias in STORAGES_BACKED_UP:
        if _location(storage) == _location(storages[alias]):
            return alias
    return None


def _location(storage) -> tuple[str, str]:
    # A folder, or a bucket and a prefix in it.
    return str(getattr(storage, "bucket_name", "")), str(getattr(storage, "location", ""))


def referenced_names() -> dict[str, set[str]]:
    """Every file name a row holds, by storage alias."""
    names: dict[str, set[str]] = {alias: set() for alias in STORAGES_BACKED_UP}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, models.FileField):
                continue
            alias = _alias_of(field.storage)
            if alias is None:
                continue
            held = model._default_manager.exclude(**{field.name: ""}).values_list(
                field.name, flat=True
            )
            names[alias].update(name for name in held if name)
    return names


def storage_clock() -> dt.datetime:
    # The files' times are the machine's (or the object store's) clock, not Django's.
    return dt.datetime.now(dt.UTC)


def find_orphan_files(*, grace: dt.timedelta = GRACE) -> list[OrphanFile]:
    cutoff = storage_clock() - grace
    held = referenced_names()
    orphans = []
    for alias in STORAGES_BACKED_UP:
        storage = storages[alias]
        for name in stored_files(alias):
            if name in held[alias]:
                continue
            modified = storage.get_modified_time(name)
            if modified > cutoff:
                continue
            orphans.append(OrphanFile(alias, name, storage.size(name), modified))
    return orphans


def delete_orphan_files(orphans: list[OrphanFile]) -> None:
    for orphan in orphans:
        storages[orphan.storage].delete(orphan.name)
