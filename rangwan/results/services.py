"""Publishing and finalising results. Finalising freezes a snapshot of every counted
score and the ranking, with a SHA-256 that anyone can recompute."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.audit.services import record
from rangwan.judging.models import Declaration, ScoreSheet
from rangwan.judging.queries import counted_sheets, programme_tally
from rangwan.judging.scoring import is_chair, rules_for, scored_criteria
from rangwan.judging.tally import Tally, rounded
from rangwan.nominations.enums import NominationStatus
from rangwan.results.enums import ResultStatus
from rangwan.results.models import Results, TieVote


def _fraction(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def build_snapshot(programme) -> dict[str, Any]:
    """Everything the ranking rests on, as plain data: rubric, committee, every counted
    score (members by seat number), the means as exact fractions and the ranking."""
    criteria = scored_criteria(programme)
    sheets = sorted(counted_sheets(programme), key=lambda s: (s.nomination, int(s.member)))
    result = programme_tally(programme)
    nominations = {
        n.pk: n
        for n in programme.nominations.filter(status=NominationStatus.ACCEPTED).select_related(
            "district", "officer", "member", "dossier"
        )
    }
    declarations = Declaration.objects.filter(seat__programme=programme, has_conflict=True)
    return {
        "programme": {
            "id": programme.pk,
            "name": programme.name_th,
            "fiscal_year": programme.fiscal_year,
        },
        "rubric": [
            {"code": c.code, "title": c.title_th, "max": str(c.max_points)} for c in criteria
        ],
        "declared_total": str(programme.rubric.declared_total),
        "committee": [
            {"number": s.number, "post": s.post_th, "role": s.role, "holder": s.holder_name}
            for s in programme.seats.all()
        ],
        "quorum": rules_for(programme).quorum(programme.seats.count()),
        "conflicts": {
            "declared": declarations.count(),
            "upheld": declarations.filter(ruling="upheld").count(),
        },
        "votes": {
            str(nomination): votes
            for nomination, votes in programme.tie_votes.values_list("nomination_id", "votes")
        },
        "sheets": [
            {
                "member": int(sheet.member),
                "nomination": sheet.nomination,
                "scores": {code: str(points) for code, points in sorted(sheet.scores.items())},
            }
            for sheet in sheets
        ],
        "ranking": [
            {
                "nomination": r.nomination,
                "district": nominations[r.nomination].district.code,
                "district_name": nominations[r.nomination].district.name_th,
                "officer": nominations[r.nomination].officer.full_name,
                "member": nominations[r.nomination].member.full_name,
                "work_title": nominations[r.nomination].dossier.work_title,
                "rank": r.rank,
                "total": _fraction(r.total),
                "total_rounded": str(rounded(r.total)),
                "means": {code: _fraction(value) for code, value in r.means.items()},
                "counted": r.counted,
                "decided_by": r.decided_by,
                "tied": r.tied,
            }
            for r in result.results
        ],
    }


def digest_of(snapshot: dict[str, Any]) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _require_chair(actor, programme) -> None:
    if not is_chair(actor, programme):
        raise ValidationError(_("Only the chair can do this."))


def _require_not_final(programme) -> None:
    if Results.objects.filter(programme=programme, status=ResultStatus.FINAL).exists():
        raise ValidationError(_("The results are final and frozen."))


def readiness_problems(programme, result: Tally | None = None) -> list[str]:
    """What keeps the results from being finalised (`result`: the live tally, if the
    caller has it already)."""
    problems = []
    snapshot_ranking = (result or programme_tally(programme)).results
    needed = rules_for(programme).quorum(programme.seats.count())
    names = dict(programme.nominations.values_list("pk", "district__name_th"))
    if not snapshot_ranking:
        problems.append(_("No dossier has been accepted for judging."))
    for result in snapshot_ranking:
        if result.counted < needed:
            problems.append(
                _("%(district)s has %(counted)s counted sheets; the quorum is %(needed)s.")
                % {
                    "district": names[result.nomination],
                    "counted": result.counted,
                    "needed": needed,
                }
            )
        if result.tied:
            problems.append(
                _(
                    "%(district)s is level with another dossier after every tie-break: "
                    "record the committee's vote."
                )
                % {"district": names[result.nomination]}
            )
    pending = Declaration.objects.filter(
        seat__programme=programme, has_conflict=True, ruling="pending"
    ).count()
    if pending:
        problems.append(
            _("%(count)s declared conflicts await the chair's ruling.") % {"count": pending}
        )
    drafts = ScoreSheet.objects.filter(seat__programme=programme, status="draft").count()
    if drafts:
        problems.append(_("%(count)s score sheets are still drafts.") % {"count": drafts})
    return problems


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


@transaction.atomic
def _member_labels(results: Results, snapshot: dict[str, Any]) -> dict[str, int]:
    """Keep the labels once drawn; draw them (secrets, not the digest) the first time or
    when the committee's seats changed."""
    seats = sorted(str(seat["number"]) for seat in snapshot["committee"])
    if sorted(results.member_labels) == seats:
        return results.member_labels
    labels = secrets.SystemRandom().sample(range(1, len(seats) + 1), len(seats))
    return dict(zip(seats, labels, strict=True))


def publish_provisional(*, programme, actor, objection_days: int = 0) -> Results:
    """Publish the ranking as it stands, marked provisional; objections may be raised
    until the window closes (none when objection_days is 0)."""
    _require_not_final(programme)
    now = timezone.now()
    snapshot = build_snapshot(programme)
    results, _created = Results.objects.update_or_create(
        programme=programme,
        defaults={
            "status": ResultStatus.PROVISIONAL,
            "published_at": now,
            "published_by": actor,
            "objections_close_at": now + dt.timedelta(days=objection_days)
            if objection_days
            else None,
            "snapshot": snapshot,
            "digest": digest_of(snapshot),
        },
    )
    results.member_labels = _member_labels(results, snapshot)
    results.save(update_fields=["member_labels"])
    record(
        actor=actor,
        action="results.publish_provisional",
        obj=results,
        after={"digest": results.digest, "objection_days": objection_days},
    )
    return results


@transaction.atomic
def finalise_results(*, programme, actor) -> Results:
    """The chair freezes the results. Refused while the quorum is not met, a conflict
    awaits a ruling, a sheet is a draft, a tie stands or the objection window is open."""
    _require_chair(actor, programme)
    _require_not_final(programme)
    existing = Results.objects.filter(programme=programme).first()
    now = timezone.now()
    if existing and existing.objections_close_at and now < existing.objections_close_at:
        raise ValidationError(
            _("Objections may be raised until %(when)s; finalise after that.")
            % {"when": timezone.localtime(existing.objections_close_at).strftime("%d/%m/%Y %H:%M")}
        )
    problems = readiness_problems(programme)
    if problems:
        raise ValidationError(problems)
    snapshot = build_snapshot(programme)
    results = existing or Results(programme=programme, published_at=now, published_by=actor)
    results.status = ResultStatus.FINAL
    results.snapshot = snapshot
    results.digest = digest_of(snapshot)
    results.member_labels = _member_labels(results, snapshot)
    results.finalised_at = now
    results.finalised_by = actor
    results.full_clean()
    results.save()
    record(actor=actor, action="results.finalise", obj=results, after={"digest": results.digest})
    return results


def verify_results(results: Results) -> list[str]:
    """Does the frozen snapshot still match its digest, and do the scores in the
    database still match the snapshot?"""
    problems = []
    if digest_of(results.snapshot) != results.digest:
        problems.append(
            _(
                "The frozen results of %(programme)s were altered: "
                "the snapshot no longer matches its SHA-256."
            )
            % {"programme": results.programme.short_name_th}
        )
    current = {
        (s["member"], s["nomination"]): s["scores"]
        for s in build_snapshot(results.programme)["sheets"]
    }
    frozen = {(s["member"], s["nomination"]): s["scores"] for s in results.snapshot["sheets"]}
    for key in sorted(set(current) | set(frozen)):
        if current.get(key) != frozen.get(key):
            member, nomination = key
            problems.append(
                _(
                    "The scores of member %(member)s for dossier %(nomination)s "
                    "differ from the frozen results."
                )
                % {"member": member, "nomination": nomination}
            )
            break
    return problems
