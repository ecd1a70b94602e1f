"""The record of who changed what and when: append-only and hash-chained.

Each entry holds the SHA-256 of the entry before it and its own, computed over all of
its content, so a change, an insertion or a deletion anywhere breaks the chain from
that point on (`manage.py verify_audit` finds the first broken link). Each entry also has
its place in the chain (`number`) and the chain head the count of entries, so a record
cut at the end no longer matches its head.

A chain can still be cut and its head fixed, or rewritten from some entry on with every
later hash recomputed, by someone with write access to the database: only a witness
kept outside it shows that. A checkpoint `COUNT:HASH` (`manage.py audit_checkpoint`,
printed on every dossier receipt) is that witness: `manage.py verify_audit --checkpoint`
proves the record still holds that entry with that hash.

On PostgreSQL triggers refuse any UPDATE or DELETE of an entry, a TRUNCATE of the
record, and any change of the head but a step forward by one entry, so the application
cannot alter the record even by mistake.
"""

import datetime as dt
import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64


class AuditEntry(models.Model):
    created_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=100)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), null=True, blank=True, encoder=DjangoJSONEncoder)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    # The entry's place in the chain, from 1: a checkpoint names an entry by it.
    number = models.PositiveBigIntegerField(_("number"), unique=True)
    # A public checkpoint shows an entry's hash. Without a secret in the hashed content,
    # someone holding two consecutive checkpoints could try every possible content of
    # the entry between them (a score sheet: the seat and a handful of scores) until
    # the hash matches, and so learn how a judge scored. Entries written before the
    # nonce existed have none, and their hashes stay as they were.
    nonce = models.CharField(_("nonce"), max_length=32, blank=True, default="")

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def compute_hash(self) -> str:
        payload = {
            # In UTC: the database gives the time back in UTC whatever zone it was made in.
            "time": self.created_at.astimezone(dt.UTC).isoformat(),
            "actor": self.actor_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object": self.object_repr,
            "before": self.before,
            "after": self.after,
            "prev": self.prev_hash,
        }
        if self.nonce:
            payload["nonce"] = self.nonce
        canonical = json.dumps(
            payload,
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
            cls=DjangoJSONEncoder,
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ChainHead(models.Model):
    """One row, locked while an entry is appended, so concurrent writers chain in turn.
    It says how many entries the chain has and the hash of the last one."""

    last_hash = models.CharField(max_length=64, default=GENESIS)
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return self.last_hash
