"""Walking the audit chain to find the first broken link."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from rangwan.audit.models import GENESIS, AuditEntry, ChainHead


@dataclass(frozen=True)
class Break:
    entry_id: int | None
    message: str


def verify_chain() -> tuple[int, Break | None]:
    """(entries checked, first break or None). Catches an altered entry (its hash no longer
    matches its content), a deleted or inserted one (the next entry's link no longer
    matches), and a removed tail (the chain head no longer matches the last entry)."""
    expected_prev = GENESIS
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != expected_prev:
            return checked, Break(
                entry.pk,
                _(
                    "Entry %(id)s does not follow the entry before it: "
                    "an entry was removed or inserted."
                )
                % {"id": entry.pk},
            )
        if entry.compute_hash() != entry.hash:
            return checked, Break(
                entry.pk,
                _("Entry %(id)s was changed after it was written (%(action)s, %(time)s).")
                % {"id": entry.pk, "action": entry.action, "time": entry.created_at.isoformat()},
            )
        expected_prev = entry.hash
        checked += 1
    head = ChainHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    if head is not None and head != expected_prev:
        return checked, Break(
            None, _("The last entries of the record were removed: the chain ends too early.")
        )
    return checked, None


# Checks that higher apps add (the frozen results, say), so that verify_audit runs them
# without the audit app importing those apps. Each returns its problems, in the active
# language; an empty list means all is well. Registered from the app's ready().
_checks: list[Callable[[], list[str]]] = []


def register_check(check: Callable[[], list[str]]) -> None:
    if check not in _checks:  # ready() may run twice (tests, autoreload)
        _checks.append(check)


def run_registered_checks() -> list[str]:
    return [problem for check in _checks for problem in check()]
