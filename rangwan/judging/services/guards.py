"""The checks the committee's writes make before they change anything, each raising the
refusal the member is shown. They ask the predicates of judging/rules.py, as the views do."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rangwan.judging.models import CommitteeSeat, Declaration
from rangwan.judging.rules import is_seat_holder, judging_is_open
from rangwan.nominations.models import Nomination
from rangwan.nominations.rules import is_accepted
from rangwan.programmes.models import Programme


def require_judging_open(programme: Programme) -> None:
    if not judging_is_open(None, programme):
        raise ValidationError(_("The results are final and frozen."), code="final")


def require_accepted(nomination: Nomination) -> None:
    if not is_accepted(None, nomination):
        raise ValidationError(_("Only dossiers accepted at screening are judged."))


def require_holder(seat: CommitteeSeat, actor) -> None:
    if not is_seat_holder(actor, seat):
        raise ValidationError(_("Only the holder of this seat can do this."))


def require_may_score(seat: CommitteeSeat, nomination: Nomination) -> None:
    declaration = Declaration.objects.filter(seat=seat, nomination=nomination).first()
    if declaration is None:
        raise ValidationError(
            _("Declare first whether you have a conflict of interest with this dossier."),
            code="undeclared",
        )
    if declaration.recused:
        raise ValidationError(_("You are recused from this dossier."), code="recused")
    if not declaration.may_score:
        raise ValidationError(
            _("The chair has not yet ruled on the conflict you declared."), code="pending"
        )


def scoring_refusal(*, seat: CommitteeSeat, nomination: Nomination) -> ValidationError | None:
    """Why the seat's holder may not score this accepted dossier now, or None: the same
    checks the sheet's writes make, for the sheet page to say instead of offering a
    sheet that would be refused. Recusal first: it is the reason that lasts."""
    try:
        require_may_score(seat, nomination)
        require_judging_open(seat.programme)
    except ValidationError as error:
        return error
    return None
