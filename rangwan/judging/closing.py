"""When judging closes for a programme: once its results are final, no declaration, ruling,
sheet or judging rule may change. The results app, above judging, says which programmes
those are: it registers a query from its AppConfig.ready(), so judging asks without
importing it (judging sits below results; import-linter keeps it there)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet

from rangwan.programmes.models import Programme

# Each gives the pks of the programmes whose judging it closes, as a queryset: a subquery,
# so one query answers for one programme or filters a list of them.
_closers: list[Callable[[], QuerySet]] = []


def register_closer(closed_programmes: Callable[[], QuerySet]) -> None:
    if closed_programmes not in _closers:  # ready() may run twice (tests, autoreload)
        _closers.append(closed_programmes)


def closed() -> Q:
    """The programmes whose judging is closed, as a filter on Programme."""
    condition = Q(pk__in=[])
    for closed_programmes in _closers:
        condition |= Q(pk__in=closed_programmes())
    return condition


def is_closed(programme: Programme) -> bool:
    return Programme.objects.filter(closed(), pk=programme.pk).exists()
