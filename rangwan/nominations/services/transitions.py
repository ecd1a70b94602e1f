"""The state machine every nomination write goes through, and the checks they share: may
the district still change it, and the voiding of a certification by any change."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rangwan.audit.services import record
from rangwan.nominations import deadlines
from rangwan.nominations.enums import TRANSITIONS, DeadlineKind
from rangwan.nominations.enums import NominationStatus as S
from rangwan.nominations.models import Nomination
from rangwan.nominations.rules import is_editable


def refusal(nomination: Nomination, to: str) -> ValidationError:
    """The error for a move the state machine does not allow."""
    return ValidationError(
        _("A nomination that is “%(state)s” cannot become “%(to)s”.")
        % {"state": S(nomination.status).label, "to": S(to).label},
        code="transition",
    )


def transition(*, nomination: Nomination, to: str, actor, action: str, **details) -> None:
    """Move a nomination to another state, if the state machine allows it."""
    before = nomination.status
    if to not in TRANSITIONS.get(before, set()):
        raise refusal(nomination, to)
    nomination.status = to
    nomination.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        action=action,
        obj=nomination,
        before={"status": before},
        after={"status": to, **details},
    )


def require_editable(nomination: Nomination) -> None:
    """The district may change the dossier and its files: in an editable state, before
    the dossier deadline (as extended for the district)."""
    if not is_editable(None, nomination):
        raise ValidationError(
            _("The dossier is “%(state)s” and cannot be changed now.")
            % {"state": nomination.get_status_display()},
            code="locked",
        )
    deadlines.require_open(nomination.programme, nomination.district, DeadlineKind.DOSSIER)


def void_certification(nomination: Nomination, actor) -> None:
    """Any change after certification needs the district head to certify again."""
    dossier = nomination.dossier
    if dossier.certified_at:
        dossier.certified_at = None
        dossier.certified_by = None
        dossier.certifier_name = dossier.certifier_position = ""
        dossier.save()
    if nomination.status in (S.REGISTERED, S.CERTIFIED, S.RETURNED):
        transition(nomination=nomination, to=S.DRAFT, actor=actor, action="dossier.draft")
