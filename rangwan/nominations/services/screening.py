"""Screening and deadlines: the secretariat accepts, returns for correction or rejects a
submitted dossier, and extends one district's deadline with a reason."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.audit.services import record, snapshot
from rangwan.directory.models import District
from rangwan.nominations import notifications
from rangwan.nominations.enums import DeadlineKind, ScreeningOutcome
from rangwan.nominations.enums import NominationStatus as S
from rangwan.nominations.models import DeadlineExtension, DossierVersion, Nomination
from rangwan.nominations.rules import awaits_screening
from rangwan.nominations.services.transitions import refusal, transition
from rangwan.programmes.models import Programme


@transaction.atomic
def screen_dossier(
    *,
    nomination: Nomination,
    actor,
    outcome: str,
    reasons: str = "",
    resubmit_by: dt.date | None = None,
) -> DossierVersion:
    """Accept, return for correction (with reasons and a date to resubmit by) or reject
    (with reasons) the latest submitted version."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if outcome in (ScreeningOutcome.RETURNED, ScreeningOutcome.REJECTED) and not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons, so the district knows what to do.")})
    if outcome == ScreeningOutcome.RETURNED and resubmit_by is None:
        raise ValidationError({"resubmit_by": _("Give the date the district must resubmit by.")})
    target = {
        ScreeningOutcome.ACCEPTED: S.ACCEPTED,
        ScreeningOutcome.RETURNED: S.RETURNED,
        ScreeningOutcome.REJECTED: S.REJECTED,
    }[outcome]
    if not awaits_screening(actor, nomination):
        raise refusal(nomination, target)
    version = nomination.versions.order_by("-number").first()
    transition(
        nomination=nomination,
        to=target,
        actor=actor,
        action=f"screening.{outcome}",
        version=version.number if version else None,
        reasons=reasons,
    )
    version.outcome = outcome
    version.reasons = reasons
    version.decided_by = actor
    version.decided_at = timezone.now()
    version.save()
    if outcome == ScreeningOutcome.RETURNED:
        grant_extension(
            programme=nomination.programme,
            district=nomination.district,
            kind=DeadlineKind.DOSSIER,
            until=resubmit_by,
            reason=_("Returned for correction: %(reasons)s") % {"reasons": reasons},
            actor=actor,
        )
    notifications.on_screening(version)
    return version


@transaction.atomic
def grant_extension(
    *, programme: Programme, district: District, kind: str, until: dt.date, reason: str, actor
) -> DeadlineExtension:
    """Extend one district's deadline. The reason is kept with it and in the audit."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    existing = DeadlineExtension.objects.filter(
        programme=programme, district=district, kind=kind
    ).first()
    before = snapshot(existing, fields=["until", "reason"]) if existing else None
    extension = existing or DeadlineExtension(programme=programme, district=district, kind=kind)
    extension.until = until
    extension.reason = reason
    extension.granted_by = actor
    extension.full_clean()
    extension.save()
    record(
        actor=actor,
        action="deadline.extend",
        obj=extension,
        before=before,
        after=snapshot(extension, fields=["kind", "until", "reason"]),
    )
    return extension
