"""District deadlines: the end of the day in Asia/Bangkok, unless extended."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.core.thai import date_weekday
from rangwan.nominations.enums import DeadlineKind
from rangwan.nominations.models import DeadlineExtension


def closes_at(day: dt.date) -> dt.datetime:
    """A deadline day ends at midnight, Bangkok time: the first instant it is refused."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=tz)


def effective_deadline(programme, district, kind: str) -> dt.date:
    base = (
        programme.name_notification_deadline
        if kind == DeadlineKind.NAME_NOTIFICATION
        else programme.dossier_deadline
    )
    extension = (
        DeadlineExtension.objects.filter(programme=programme, district=district, kind=kind)
        .values_list("until", flat=True)
        .first()
    )
    return max(base, extension) if extension else base


def is_open(programme, district, kind: str, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return now < closes_at(effective_deadline(programme, district, kind))


def require_open(programme, district, kind: str) -> None:
    """Refuse, naming the deadline in Thai (or English), once it has passed."""
    day = effective_deadline(programme, district, kind)
    if timezone.now() >= closes_at(day):
        if kind == DeadlineKind.NAME_NOTIFICATION:
            message = _(
                "The deadline for the name notification, %(day)s, has passed. "
                "Ask the secretariat for an extension."
            )
        else:
            message = _(
                "The deadline for the dossier, %(day)s, has passed. "
                "Ask the secretariat for an extension."
            )
        raise ValidationError(message % {"day": date_weekday(day)}, code="deadline")
