"""Results keep a person's data until the retention period after the final results has
passed (registered with the directory's erasure)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _

from rangwan.directory.models import Person
from rangwan.directory.personal_data import Holder
from rangwan.nominations.personal_data import nominations_of
from rangwan.results.enums import ResultStatus


def retention(person: Person, now: dt.datetime) -> str | None:
    keep = dt.timedelta(days=365 * settings.PERSONAL_DATA_RETENTION_YEARS)
    for nomination in nominations_of(person).select_related("programme__results"):
        results = getattr(nomination.programme, "results", None)
        if results is None or results.status != ResultStatus.FINAL or not results.finalised_at:
            return _("This person is in a programme whose results are not final.")
        if results.finalised_at + keep > now:
            return _("This person's records are kept until %(years)s years after the results.") % {
                "years": settings.PERSONAL_DATA_RETENTION_YEARS
            }
    return None


HOLDER = Holder(retention=retention)
