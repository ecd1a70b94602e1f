"""Publishing and finalising results: each freezes the results bundle (public, anonymous,
canonical; its SHA-256 is the published digest) and the private snapshot beside it, and
records both digests in the audit record. Verification rebuilds both from the database
and names the first thing that differs."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.audit.services import record
from rangwan.judging.rules import holds_chair
from rangwan.results.bundle import Frozen, freeze, new_key
from rangwan.results.enums import ResultStatus
from rangwan.results.live import readiness_problems
from rangwan.results.models import Results, TieVote


def _require_chair(actor, programme) -> None:
    if not holds_chair(actor, programme):
        raise ValidationError(_("Only the chair can do this."))


def _require_not_final(programme) -> None:
    if Results.objects.filter(programme=programme, status=ResultStatus.FINAL).exists():
        raise ValidationError(_("The results are final and frozen."))


@transaction.atomic
def record_tie_vote(*, programme, actor, votes: dict[int, int]) -> list[TieVote]:
    _require_chair(actor, programme)
    _require_not_final(programme)
    saved = []
    for nomination_id, count in votes.items():
        vote, _created = TieVote.objects.update_or_create(
            programme=programme,
            nomination_id=nomination_id,
            defaults={"votes": count, "recorded_by": actor},
        )
        saved.append(vote)
    record(
        actor=actor,
        action="results.tie_vote",
        obj=programme,
        after={str(k): v for k, v in votes.items()},
    )
    return saved


def _frozen_now(results: Results) -> Frozen:
    return freeze(
        results.programme,
        key=results.snapshot["key"],
        status=results.status,
        published_at=results.published_at,
        finalised_at=results.finalised_at,
        objections_close_at=results.objections_close_at,
    )


def _store(results: Results) -> Results:
    """Freeze the bundle and snapshot of `results` as the data stands, and save."""
    frozen = _frozen_now(results)
    results.bundle = frozen.bundle_text
    results.digest = frozen.digest
    results.snapshot = frozen.snapshot
    results.snapshot_digest = frozen.snapshot_digest
    results.full_clean()
    results.save()
    return results


def _existing(programme) -> Results | None:
    return Results.objects.select_for_update().filter(programme=programme).first()


@transaction.atomic
def publish_provisional(*, programme, actor, objection_days: int = 0) -> Results:
    """Publish the ranking as it stands, marked provisional; objections may be raised
    until the window closes (none when objection_days is 0). Refused for what would
    refuse finalising, but for the objection window."""
    _require_not_final(programme)
    problems = readiness_problems(programme)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    results = _existing(programme) or Results(programme=programme, snapshot={"key": new_key()})
    results.status = ResultStatus.PROVISIONAL
    results.published_at = now
    results.published_by = actor
    results.objections_close_at = (
        now + dt.timedelta(days=objection_days) if objection_days else None
    )
    _store(results)
    record(
        actor=actor,
        action="results.publish_provisional",
        obj=results,
        after={
            "digest": results.digest,
            "snapshot_digest": results.snapshot_digest,
            "objection_days": objection_days,
        },
    )
    return results


@transaction.atomic
def finalise_results(*, programme, actor) -> Results:
    """The chair freezes the results. Refused while the quorum is not met, a conflict
    awaits a ruling, a sheet is a draft, a tie stands or the objection window is open."""
    _require_chair(actor, programme)
    _require_not_final(programme)
    existing = _existing(programme)
    now = timezone.now()
    if existing and existing.objections_close_at and now < existing.objections_close_at:
        raise ValidationError(
            _("Objections may be raised until %(when)s; finalise after that.")
            % {"when": timezone.localtime(existing.objections_close_at).strftime("%d/%m/%Y %H:%M")}
        )
    problems = readiness_problems(programme)
    if problems:
        raise ValidationError(problems)
    results = existing or Results(
        programme=programme, published_at=now, published_by=actor, snapshot={"key": new_key()}
    )
    results.status = ResultStatus.FINAL
    results.finalised_at = now
    results.finalised_by = actor
    _store(results)
    record(
        actor=actor,
        action="results.finalise",
        obj=results,
        after={"digest": results.digest, "snapshot_digest": results.snapshot_digest},
    )
    return results


@transaction.atomic
def reissue_bundle(*, results: Results, reason: str, actor=None) -> Results:
    """Freeze existing results again in the current bundle format, as they stand in the
    database, and record old and new digests (for an upgrade of the format; never for a
    change of scores: final results are rebuilt from the same frozen data)."""
    before = {"digest": results.digest}
    if not isinstance(results.snapshot, dict) or "key" not in results.snapshot:
        results.snapshot = {"key": new_key()}
    _store(results)
    record(
        actor=actor,
        action="results.reissue",
        obj=results,
        before=before,
        after={
            "digest": results.digest,
            "snapshot_digest": results.snapshot_digest,
            "reason": reason,
        },
    )
    return results


@transaction.atomic
def reveal_results_key(*, results: Results, actor) -> str:
    """The commitment key, for an appointed auditor; the reveal itself is recorded."""
    record(actor=actor, action="results.reveal_key", obj=results, after={"digest": results.digest})
    return results.snapshot["key"]
