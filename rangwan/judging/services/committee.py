"""Writes to a programme's committee: its seats, added, changed, or copied to another
programme."""

from __future__ import annotations

from django.db import transaction

from rangwan.audit.services import record, snapshot
from rangwan.judging.models import CommitteeSeat
from rangwan.programmes.models import Programme


def copy_committee(*, source: Programme, target: Programme) -> list[CommitteeSeat]:
    return CommitteeSeat.objects.bulk_create(
        CommitteeSeat(
            programme=target,
            number=seat.number,
            post_th=seat.post_th,
            post_en=seat.post_en,
            role=seat.role,
            holder_name=seat.holder_name,
            user=seat.user,
        )
        for seat in source.seats.all()
    )


@transaction.atomic
def add_seat(*, programme: Programme, actor, **fields) -> CommitteeSeat:
    """A new seat at the end of the committee."""
    last = programme.seats.order_by("-number").values_list("number", flat=True).first() or 0
    seat = CommitteeSeat(programme=programme, number=last + 1, **fields)
    seat.full_clean()
    seat.save()
    record(actor=actor, action="seat.add", obj=seat, after=snapshot(seat))
    return seat


@transaction.atomic
def update_seat(*, seat: CommitteeSeat, actor, **changes) -> CommitteeSeat:
    before = snapshot(seat)
    for field, value in changes.items():
        setattr(seat, field, value)
    seat.full_clean()
    seat.save()
    record(actor=actor, action="seat.update", obj=seat, before=before, after=snapshot(seat))
    return seat
