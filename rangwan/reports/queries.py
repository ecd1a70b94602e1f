"""Reads for dashboards and reports. Indicators are always computed from the data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from rangwan.learning.enums import LessonStatus
from rangwan.nominations.enums import NominationStatus
from rangwan.programmes.models import Programme


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    actual: int
    target: int

    @property
    def met(self) -> bool:
        return self.actual >= self.target

    @property
    def percent(self) -> int:
        return round(100 * min(self.actual, self.target) / self.target) if self.target else 0


def programme_indicators(programme: Programme) -> list[Indicator]:
    """ตัวชี้วัด 10.1–10.3 of the seed: pairs, outstanding works, lessons learned."""
    district_ids = programme.districts.values("pk")
    counts = programme.nominations.filter(district__in=district_ids).aggregate(
        pairs=Count("pk"),
        works=Count("pk", filter=Q(status__in=NominationStatus.dossier_in())),
    )
    districts = programme.districts.count()
    lessons = programme.lessons.filter(status=LessonStatus.PUBLISHED).count()
    return [
        Indicator(
            "10.1",
            str(_("Every district has one pair (officer and network)")),
            counts["pairs"],
            districts,
        ),
        Indicator(
            "10.2",
            str(_("Every district has one outstanding joint work")),
            counts["works"],
            districts,
        ),
        Indicator(
            "10.3",
            str(_("Lessons learned from the winning pair's work")),
            lessons,
            1,
        ),
    ]


@dataclass(frozen=True)
class DistrictStatus:
    district: object
    status: str | None
    status_label: str


def district_statuses(programme: Programme) -> list[DistrictStatus]:
    """Every participating district with its nomination state, "not registered" included."""
    nominations = {n.district_id: n for n in programme.nominations.all()}
    rows = []
    for district in programme.districts.all():
        nomination = nominations.get(district.pk)
        rows.append(
            DistrictStatus(
                district=district,
                status=nomination.status if nomination else None,
                status_label=(
                    nomination.get_status_display() if nomination else str(_("Not registered"))
                ),
            )
        )
    return rows


def days_until(day: dt.date, today: dt.date) -> int:
    return (day - today).days
