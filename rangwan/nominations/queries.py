from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from rangwan.nominations.enums import NominationStatus as S
from rangwan.programmes.models import Programme


@dataclass(frozen=True)
class DistrictRow:
    programme: Programme
    status: str | None
    status_label: str
    next_action: str
    due: dt.date | None


def _next_action(programme: Programme, status: str | None) -> tuple[str, dt.date | None]:
    if status is None:
        return _("Register your pair (form 3)."), programme.name_notification_deadline
    if status in (S.REGISTERED, S.DRAFT):
        return (
            _("Complete the dossier (form 4) and have the district head certify it."),
            programme.dossier_deadline,
        )
    if status == S.RETURNED:
        return _("Correct the dossier as the secretariat asked and submit it again."), (
            programme.dossier_deadline
        )
    if status == S.CERTIFIED:
        return _("Submit the certified dossier."), programme.dossier_deadline
    if status == S.SUBMITTED:
        return _("Wait for the secretariat to screen the dossier."), None
    if status == S.ACCEPTED:
        return _("Prepare the presentation to the committee."), programme.results_deadline
    return _("The nomination was rejected; see the reasons given."), None


def district_overview(district, today: dt.date) -> list[DistrictRow]:
    """Each programme the district takes part in, newest first, with what to do next."""
    programmes = Programme.objects.filter(districts=district).order_by("-fiscal_year")
    statuses = dict(
        district.nominations.filter(programme__in=programmes).values_list("programme", "status")
    )
    rows = []
    for programme in programmes:
        status = statuses.get(programme.pk)
        action, due = _next_action(programme, status)
        rows.append(
            DistrictRow(
                programme=programme,
                status=status,
                status_label=S(status).label if status else _("Not registered"),
                next_action=action,
                due=due,
            )
        )
    return rows
