"""Deadline reminders to districts that have not yet done what is due."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from rangwan.nominations import deadlines, notifications
from rangwan.nominations.enums import DeadlineKind, NominationStatus
from rangwan.nominations.models import Reminder
from rangwan.programmes.models import Programme

DONE = {
    DeadlineKind.NAME_NOTIFICATION: set(NominationStatus.values),
    DeadlineKind.DOSSIER: {
        NominationStatus.SUBMITTED,
        NominationStatus.ACCEPTED,
        NominationStatus.REJECTED,
    },
}


def _threshold(days_left: int) -> int | None:
    """The reminder a deadline this many days away calls for: the nearest of the
    configured days not below it (so a missed cron run still sends it late)."""
    fitting = [days for days in settings.REMINDER_DAYS if days_left <= days]
    return min(fitting) if fitting and days_left >= 0 else None


def send_due_reminders(today: dt.date) -> list[Reminder]:
    sent: list[Reminder] = []
    horizon = today - dt.timedelta(days=1)
    programmes = Programme.objects.filter(closing_deadline__gte=horizon).prefetch_related(
        "districts", "nominations"
    )
    for programme in programmes:
        status = {n.district_id: n.status for n in programme.nominations.all()}
        for district in programme.districts.all():
            for kind, label in DeadlineKind.choices:
                if status.get(district.pk) in DONE[kind]:
                    continue
                deadline = deadlines.effective_deadline(programme, district, kind)
                days_left = (deadline - today).days
                days_before = _threshold(days_left)
                if days_before is None:
                    continue
                with transaction.atomic():
                    reminder, created = Reminder.objects.get_or_create(
                        programme=programme,
                        district=district,
                        kind=kind,
                        deadline=deadline,
                        days_before=days_before,
                    )
                    if not created:
                        continue
                    # A failed send rolls the row back, so the next run tries again.
                    reminder.recipients = notifications.send_reminder(
                        programme=programme,
                        district=district,
                        kind_label=str(label),
                        deadline=deadline,
                        days_left=days_left,
                    )
                    reminder.save(update_fields=["recipients"])
                sent.append(reminder)
    return sent
