"""Walking the audit chain to find what is wrong with the record."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rangwan.audit.models import GENESIS, AuditEntry, ChainHead
from rangwan.audit.queries import Checkpoint


@dataclass(frozen=True)
class Break:
    entry_id: int | None
    message: str


def verify_chain(checkpoints: Iterable[Checkpoint] = ()) -> tuple[int, Break | None]:
    """(entries checked, first break or None). See `chain_breaks`."""
    checked, breaks = chain_breaks(checkpoints)
    return checked, breaks[0] if breaks else None


def chain_breaks(checkpoints: Iterable[Checkpoint] = ()) -> tuple[int, list[Break]]:
    """(entries checked, every problem found). The walk stops at the first broken link,
    since nothing after it can be trusted; each checkpoint is reported on its own.

    The chain alone catches an altered entry (its hash no longer matches its content), a
    deleted or inserted one (the next entry's link no longer matches), a renumbered one,
    and a removed tail (the head no longer matches the last entry), or a removed head.
    It cannot catch a tail removed together with a head fixed to match, nor a rewrite
    with every later hash recomputed: a checkpoint kept outside the database can. The
    entry at position COUNT must still exist and have HASH; a shorter chain was cut after
    the checkpoint was taken, another hash means it was rewritten up to that point."""
    waiting: dict[int, list[Checkpoint]] = {}
    for checkpoint in checkpoints:
        waiting.setdefault(checkpoint.count, []).append(checkpoint)
    breaks = [_against_checkpoint(c, GENESIS) for c in waiting.pop(0, [])]
    expected_prev = GENESIS
    checked = 0
    broken = None
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        broken = _link_break(entry, expected_prev, position=checked + 1)
        if broken:
            break
        expected_prev = entry.hash
        checked += 1
        breaks += [_against_checkpoint(c, entry.hash) for c in waiting.pop(checked, [])]
    if broken is None:
        broken = _head_break(checked, expected_prev)
    # A checkpoint the walk did not reach: past the end of an intact chain the record
    # was cut; past a broken link it cannot be confirmed either way.
    unreached = [c for count in sorted(waiting) for c in waiting[count]]
    for checkpoint in unreached:
        if broken is None or broken.entry_id is None:
            message = _(
                "Checkpoint %(checkpoint)s: the record holds only %(count)s entries: it was "
                "cut after this checkpoint was taken."
            ) % {"checkpoint": checkpoint, "count": checked}
        else:
            message = _(
                "Checkpoint %(checkpoint)s could not be confirmed: the chain is broken before it."
            ) % {"checkpoint": checkpoint}
        breaks.append(Break(None, message))
    problems = [broken] if broken else []
    return checked, problems + [b for b in breaks if b is not None]


def _link_break(entry: AuditEntry, expected_prev: str, *, position: int) -> Break | None:
    if entry.prev_hash != expected_prev:
        return Break(
            entry.pk,
            _("Entry %(id)s does not follow the entry before it: an entry was removed or inserted.")
            % {"id": entry.pk},
        )
    if entry.compute_hash() != entry.hash:
        return Break(
            entry.pk,
            _("Entry %(id)s was changed after it was written (%(action)s, %(time)s).")
            % {"id": entry.pk, "action": entry.action, "time": entry.created_at.isoformat()},
        )
    if entry.number != position:
        return Break(
            entry.pk,
            _(
                "Entry %(id)s carries number %(number)s but is entry %(position)s of the "
                "chain: the numbering was changed."
            )
            % {"id": entry.pk, "number": entry.number, "position": position},
        )
    return None


def _against_checkpoint(checkpoint: Checkpoint, found: str) -> Break | None:
    if checkpoint.hash == found:
        return None
    return Break(
        None,
        _(
            "Checkpoint %(checkpoint)s: entry %(count)s has another hash (%(hash)s): the "
            "record was rewritten up to this point."
        )
        % {"checkpoint": checkpoint, "count": checkpoint.count, "hash": found},
    )


def _head_break(count: int, last_hash: str) -> Break | None:
    head = ChainHead.objects.filter(pk=1).values_list("count", "last_hash").first()
    if head is None and count:
        return Break(
            None,
            _(
                "The chain head is missing although the record holds %(count)s entries: "
                "the head was deleted."
            )
            % {"count": count},
        )
    if head is not None and head[0] > count:
        return Break(
            None,
            _(
                "The last entries of the record were removed: the chain head counts "
                "%(head)s entries, the record holds %(count)s."
            )
            % {"head": head[0], "count": count},
        )
    if head is not None and head != (count, last_hash):
        return Break(
            None,
            _(
                "The chain head (%(head)s) does not match the last entry (%(last)s): the "
                "head was changed."
            )
            % {"head": f"{head[0]}:{head[1]}", "last": f"{count}:{last_hash}"},
        )
    if count == 0:
        return _empty_record_break()
    return None


def _empty_record_break() -> Break | None:
    """An empty record is right only on an installation where nothing was done yet.
    Programmes prove otherwise: every way one is made writes an entry in the same
    transaction (create_programme, copy_programme; load_seed and load_demo save its
    rubric through save_rubric, which records `rubric.save`). Accounts do not prove it:
    load_demo and Django's createsuperuser make them without an entry. Looked up by name,
    not imported: the audit app sits below programmes."""
    programmes = apps.get_model("programmes", "Programme")._default_manager.count()
    if not programmes:
        return None
    return Break(
        None,
        ngettext(
            "The audit record is empty although the database holds %(count)s programme, and "
            "every programme is recorded when it is made: the record was wiped.",
            "The audit record is empty although the database holds %(count)s programmes, "
            "and every programme is recorded when it is made: the record was wiped.",
            programmes,
        )
        % {"count": programmes},
    )


# Checks that higher apps add (the frozen results, say), so that verify_audit runs them
# without the audit app importing those apps. Each returns its problems, in the active
# language; an empty list means all is well. Registered from the app's ready().
_checks: list[Callable[[], list[str]]] = []


def register_check(check: Callable[[], list[str]]) -> None:
    if check not in _checks:  # ready() may run twice (tests, autoreload)
        _checks.append(check)


def run_registered_checks() -> list[str]:
    return [problem for check in _checks for problem in check()]
