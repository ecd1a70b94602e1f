"""Reads of the audit record for other apps: checkpoints and an object's entries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from rangwan.audit.models import GENESIS, AuditEntry, ChainHead

_CHECKPOINT = re.compile(r"(\d+):([0-9a-f]{64})")


@dataclass(frozen=True)
class Checkpoint:
    """A witness of the record kept outside the database: the chain had `count` entries
    and the last of them had `hash`. The hash covers every entry before it, so the record
    can later be shown to still hold those entries unchanged (`verify_audit
    --checkpoint COUNT:HASH`)."""

    count: int
    hash: str

    def __str__(self) -> str:
        return f"{self.count}:{self.hash}"


def chain_head() -> Checkpoint:
    """The checkpoint of the record as it stands now."""
    head = ChainHead.objects.filter(pk=1).values_list("count", "last_hash").first()
    return Checkpoint(*head) if head else Checkpoint(0, GENESIS)


def checkpoint_of(entry: AuditEntry) -> Checkpoint:
    """The checkpoint of the record as it stood when `entry` was written."""
    return Checkpoint(entry.number, entry.hash)


def parse_checkpoint(text: str) -> Checkpoint:
    """`COUNT:HASH` as `audit_checkpoint` writes it (spaces around it are ignored)."""
    match = _CHECKPOINT.fullmatch(text.strip().lower())
    if not match:
        raise ValueError(
            _(
                "“%(text)s” is not an audit checkpoint: write the number of entries, a colon "
                "and the 64-character hash, e.g. 1234:%(example)s."
            )
            % {"text": text.strip(), "example": "0" * 8 + "…"}
        )
    return Checkpoint(int(match[1]), match[2])


def entries_of(obj: models.Model, action: str) -> models.QuerySet[AuditEntry]:
    """The entries of one action on one object, oldest first."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action
    ).order_by("number")


def first_entry(obj: models.Model, action: str) -> AuditEntry | None:
    return entries_of(obj, action).first()


def last_entry(obj: models.Model, action: str) -> AuditEntry | None:
    return entries_of(obj, action).last()
