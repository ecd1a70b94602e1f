"""Reads for the lessons-learned write-up: whose work it is, and what it still lacks."""

from __future__ import annotations

from rangwan.learning.models import SECTIONS, LessonsLearned
from rangwan.nominations.models import Nomination
from rangwan.results.queries import published_for

_UNSET = object()


def final_winner(programme) -> Nomination | None:
    """The nomination ranked first in the programme's final results; None while the
    results are not final."""
    shown = published_for(programme, final_only=True)
    if shown is None or not shown.winners:
        return None
    return (
        Nomination.objects.select_related(
            "district", "district__office", "officer", "member", "officer_kind", "network_kind"
        )
        .filter(pk=shown.winners[0])
        .first()
    )


def winning_district_id(programme) -> int | None:
    """The winner's district, kept on the programme object for the rest of the request:
    a page asks the permission checks several times."""
    cached = getattr(programme, "_winning_district_id", _UNSET)
    if cached is _UNSET:
        winner = final_winner(programme)
        cached = programme._winning_district_id = winner.district_id if winner else None
    return cached


def write_up_of(programme) -> LessonsLearned | None:
    return (
        LessonsLearned.objects.select_related(
            "programme__province__office",
            "nomination__district__office",
            "nomination__officer",
            "nomination__member",
            "nomination__officer_kind",
            "nomination__network_kind",
            "nomination__dossier",
        )
        .prefetch_related("photos")
        .filter(programme=programme)
        .first()
    )


def missing_sections(write_up: LessonsLearned) -> list[str]:
    """What the write-up still lacks before it can be published, as Thai headings."""
    missing = [] if write_up.title.strip() else ["ชื่อผลงาน"]
    missing += [heading for field, heading in SECTIONS if not getattr(write_up, field)]
    if not write_up.photos.all():
        missing.append("ภาพกิจกรรม")
    return missing
