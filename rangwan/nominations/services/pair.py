"""Form 3 (แบบแจ้งรายชื่อ): the district registers its pair, an officer and a network
member, and may change it until the name-notification deadline."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from rangwan.audit.services import record, snapshot
from rangwan.directory.models import District, NetworkKind, OfficerKind, Person
from rangwan.nominations import deadlines
from rangwan.nominations.enums import DeadlineKind
from rangwan.nominations.models import Dossier, Nomination
from rangwan.nominations.rules import is_editable
from rangwan.nominations.services.transitions import void_certification
from rangwan.programmes.models import Programme

OFFICER_FIELDS = ("title", "first_name", "last_name", "position")


def _check_eligibility(
    programme: Programme,
    district: District,
    officer_kind: OfficerKind,
    network_kind: NetworkKind,
    network_kind_other: str,
) -> None:
    errors: dict[str, str] = {}
    if not programme.districts.filter(pk=district.pk).exists():
        raise ValidationError(_("Your district does not take part in this programme."))
    if not programme.allowed_officer_kinds.filter(pk=officer_kind.pk).exists():
        errors["officer_kind"] = _("This programme does not accept a %(kind)s as the officer.") % {
            "kind": officer_kind
        }
    if not programme.allowed_network_kinds.filter(pk=network_kind.pk).exists():
        errors["network_kind"] = _("This programme does not accept this kind of network.")
    elif network_kind.requires_name and not network_kind_other.strip():
        errors["network_kind_other"] = _("Name the kind of network.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def register_pair(
    *,
    programme,
    district,
    actor,
    officer: dict[str, str],
    officer_kind,
    member: dict[str, str],
    network_kind,
    network_kind_other: str = "",
    network_name: str = "",
    member_role: str = "",
) -> Nomination:
    """แบบแจ้งรายชื่อ: the district's one pair for the programme."""
    deadlines.require_open(programme, district, DeadlineKind.NAME_NOTIFICATION)
    _check_eligibility(programme, district, officer_kind, network_kind, network_kind_other)
    officer_person = Person(office=getattr(district, "office", None), **officer)
    member_person = Person(**member)
    for person in (officer_person, member_person):
        person.full_clean()
        person.save()
    nomination = Nomination(
        programme=programme,
        district=district,
        officer=officer_person,
        officer_kind=officer_kind,
        member=member_person,
        network_kind=network_kind,
        network_kind_other=network_kind_other if network_kind.requires_name else "",
        network_name=network_name,
        member_role=member_role,
        registered_by=actor,
    )
    nomination.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError:
        raise ValidationError(_("This district has already registered a pair.")) from None
    Dossier.objects.create(nomination=nomination)
    record(
        actor=actor, action="nomination.register", obj=nomination, after=pair_snapshot(nomination)
    )
    return nomination


@transaction.atomic
def update_pair(
    *,
    nomination: Nomination,
    actor,
    officer: dict[str, str],
    officer_kind: OfficerKind,
    member: dict[str, str],
    network_kind: NetworkKind,
    network_kind_other: str = "",
    network_name: str = "",
    member_role: str = "",
) -> Nomination:
    """Change the registered pair, until the name-notification deadline."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    deadlines.require_open(
        nomination.programme, nomination.district, DeadlineKind.NAME_NOTIFICATION
    )
    if not is_editable(actor, nomination):
        raise ValidationError(_("The dossier has been submitted; the pair can no longer change."))
    _check_eligibility(
        nomination.programme, nomination.district, officer_kind, network_kind, network_kind_other
    )
    before = pair_snapshot(nomination)
    for person, values in ((nomination.officer, officer), (nomination.member, member)):
        for field, value in values.items():
            setattr(person, field, value)
        person.full_clean()
        person.save()
    nomination.officer_kind = officer_kind
    nomination.network_kind = network_kind
    nomination.network_kind_other = network_kind_other if network_kind.requires_name else ""
    nomination.network_name = network_name
    nomination.member_role = member_role
    nomination.save()
    void_certification(nomination, actor)
    record(
        actor=actor,
        action="nomination.update_pair",
        obj=nomination,
        before=before,
        after=pair_snapshot(nomination),
    )
    return nomination


def pair_snapshot(nomination: Nomination) -> dict[str, Any]:
    """The pair as plain data: for the audit record, and in the frozen dossier."""
    return {
        "officer": snapshot(nomination.officer, fields=[*OFFICER_FIELDS]),
        "officer_kind": nomination.officer_kind_id,
        "officer_kind_name": nomination.officer_kind.name_th,
        "office": nomination.district.office.name_th
        if hasattr(nomination.district, "office")
        else "",
        "member": snapshot(nomination.member, fields=[*OFFICER_FIELDS]),
        "network_kind": nomination.network_kind_id,
        "network_kind_name": nomination.network_kind_label_th,
        "network_kind_other": nomination.network_kind_other,
        "network_name": nomination.network_name,
        "member_role": nomination.member_role,
    }
