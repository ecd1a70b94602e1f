"""The live tally: the ranking as the stored sheets and the committee's tie votes give it
now, for the tally page and for the checks before results are published or finalised.
Published results are read from their frozen bundle instead (queries.py)."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from rangwan.audit.models import ChainHead
from rangwan.core.paging import page_of
from rangwan.judging.enums import Ruling, SheetStatus
from rangwan.judging.models import Declaration, ScoreSheet
from rangwan.judging.queries import programme_tally, rules_for, scored_criteria
from rangwan.judging.tally import Tally
from rangwan.programmes.models import Programme
from rangwan.results.models import Results


def tie_votes(programme: Programme) -> dict[int, int]:
    """The committee's recorded vote on dossiers still level: nomination pk -> votes."""
    return dict(programme.tie_votes.values_list("nomination_id", "votes"))


def live_tally(programme: Programme) -> Tally:
    return programme_tally(programme, votes=tie_votes(programme))


def current_tally(programme: Programme) -> Tally:
    """`live_tally` for the pages, kept in the cache until the next audited write.

    Every write the tally rests on (sheets and scores, declarations and rulings,
    screening, tie votes, the judging rules in the admin) appends to the audit chain in
    its own transaction, so the chain head's hash in the key makes the first page after
    any of them compute afresh. The head is read before the tally: a tally can be stored
    under an older head than its data, never a newer one. TALLY_CACHE_SECONDS bounds
    what a write outside the services could leave behind (the key changes with each
    period of that length; 0 turns the cache off). Finalising never reads this: it
    computes the tally itself.
    """
    if settings.TALLY_CACHE_SECONDS <= 0:
        return live_tally(programme)
    head = ChainHead.objects.values_list("last_hash", flat=True).first()
    key = (head, time.monotonic() // settings.TALLY_CACHE_SECONDS)
    cached = _tallies.get(programme.pk)
    if cached and cached[0] == key:
        return cached[1]
    result = live_tally(programme)
    _tallies[programme.pk] = (key, result)
    return result


# programme pk -> (key, tally): one entry a programme, in this process. Not Django's
# cache: unpickling 880 results (Fractions) costs more than the page may take.
_tallies: dict[int, tuple[tuple, Tally]] = {}


def forget_tallies() -> None:
    _tallies.clear()


def readiness_problems(programme: Programme, result: Tally | None = None) -> list[str]:
    """What keeps the results from being finalised (`result`: the live tally, if the
    caller has it already)."""
    problems = []
    snapshot_ranking = (result or live_tally(programme)).results
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
        seat__programme=programme, has_conflict=True, ruling=Ruling.PENDING
    ).count()
    if pending:
        problems.append(
            _("%(count)s declared conflicts await the chair's ruling.") % {"count": pending}
        )
    drafts = ScoreSheet.objects.filter(seat__programme=programme, status=SheetStatus.DRAFT).count()
    if drafts:
        problems.append(_("%(count)s score sheets are still drafts.") % {"count": drafts})
    return problems


def tally_page(programme: Programme, request: HttpRequest | None = None) -> dict:
    """The tally page: the whole ranking is computed, the rows of one page are shown."""
    result = current_tally(programme)
    criteria = scored_criteria(programme)
    page = page_of(request, result.results) if request else None
    shown = list(page) if page else result.results
    tied = [r for r in result.results if r.tied]
    nominations = {
        n.pk: n
        for n in programme.nominations.filter(
            pk__in={r.nomination for r in [*shown, *tied]}
        ).select_related("district")
    }
    needed = rules_for(programme).quorum(programme.seats.count())

    def row(r):
        return {
            "result": r,
            "nomination": nominations[r.nomination],
            "means": [r.means[c.code] for c in criteria],
            "quorum_met": r.counted >= needed,
        }

    rows = [row(r) for r in shown]
    seats = {str(s.number): s for s in programme.seats.all()}
    leniency = [
        (seats.get(member), value)
        for member, value in sorted(result.leniency.items(), key=lambda kv: int(kv[0]))
    ]
    return {
        "programme": programme,
        "criteria": criteria,
        "rows": rows,
        "needed": needed,
        "leniency": leniency,
        # Not the bundle nor the snapshot: at national scale each is megabytes, and the
        # page shows only the status and the digest.
        "published": Results.objects.filter(programme=programme)
        .defer("bundle", "snapshot")
        .first(),
        "problems": readiness_problems(programme, result),
        "tied_rows": [row(r) for r in tied],
        "page": page,
    }
