"""The presentation schedule: the meeting, and the order of the presentations, either
drawn at random (the seed is kept, so anyone can repeat the draw) or set by hand."""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.audit.services import record, snapshot
from rangwan.judging.models import Meeting, Slot
from rangwan.judging.queries import accepted_in_order
from rangwan.programmes.models import Programme


@transaction.atomic
def save_meeting(
    *,
    programme: Programme,
    actor,
    date: dt.date,
    start_time: dt.time,
    slot_minutes: int,
    place: str = "",
) -> Meeting:
    meeting = Meeting.objects.filter(programme=programme).first()
    before = (
        snapshot(meeting, fields=["date", "start_time", "slot_minutes", "place"])
        if meeting
        else None
    )
    meeting = meeting or Meeting(programme=programme)
    meeting.date, meeting.start_time = date, start_time
    meeting.slot_minutes, meeting.place = slot_minutes, place
    meeting.full_clean()
    meeting.save()
    record(
        actor=actor,
        action="meeting.save",
        obj=meeting,
        before=before,
        after=snapshot(meeting, fields=["date", "start_time", "slot_minutes", "place"]),
    )
    return meeting


def draw(seed: str, nomination_ids: list[int]) -> list[int]:
    """The order a seed gives: shuffle the dossiers, taken in district-code order, with
    Python's random.Random(seed). Public and repeatable."""
    order = list(nomination_ids)
    random.Random(seed).shuffle(order)  # noqa: S311 - a public, repeatable draw, not a secret
    return order


@transaction.atomic
def draw_order(*, meeting: Meeting, actor) -> list[Slot]:
    """Draw the order at random and record the seed with it."""
    nominations = accepted_in_order(meeting.programme)
    if not nominations:
        raise ValidationError(_("No dossier has been accepted for judging."))
    seed = secrets.token_hex(16)
    order = draw(seed, [n.pk for n in nominations])
    slots = _replace_slots(meeting, order)
    meeting.draw_seed, meeting.drawn_at = seed, timezone.now()
    meeting.save(update_fields=["draw_seed", "drawn_at", "updated_at"])
    record(
        actor=actor,
        action="meeting.draw",
        obj=meeting,
        after={"seed": seed, "order": [s.nomination.district.code for s in slots]},
    )
    return slots


@transaction.atomic
def set_order(*, meeting: Meeting, actor, positions: dict[int, int]) -> list[Slot]:
    """Set the order by hand: nomination id -> position 1..n, each used once."""
    accepted = {n.pk for n in accepted_in_order(meeting.programme)}
    if set(positions) != accepted or sorted(positions.values()) != list(
        range(1, len(accepted) + 1)
    ):
        raise ValidationError(
            _("Give every accepted dossier one position, from 1 to %(n)s, each used once.")
            % {"n": len(accepted)}
        )
    order = [pk for pk, _position in sorted(positions.items(), key=lambda item: item[1])]
    slots = _replace_slots(meeting, order)
    meeting.draw_seed, meeting.drawn_at = "", None
    meeting.save(update_fields=["draw_seed", "drawn_at", "updated_at"])
    record(
        actor=actor,
        action="meeting.set_order",
        obj=meeting,
        after={"order": [s.nomination.district.code for s in slots]},
    )
    return slots


def _replace_slots(meeting: Meeting, order: list[int]) -> list[Slot]:
    meeting.slots.all().delete()
    Slot.objects.bulk_create(
        Slot(meeting=meeting, nomination_id=pk, position=index)
        for index, pk in enumerate(order, start=1)
    )
    return list(meeting.slots.select_related("nomination__district"))
