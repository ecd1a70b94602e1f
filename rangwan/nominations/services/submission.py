"""Certification and submission: the district head certifies the complete dossier, and
the district staff submit it, which freezes it as a version with its SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.nominations import deadlines, notifications
from rangwan.nominations.enums import DeadlineKind
from rangwan.nominations.enums import NominationStatus as S
from rangwan.nominations.models import DOSSIER_FIELDS, Dossier, DossierVersion, Nomination
from rangwan.nominations.rules import is_certifiable, is_certified
from rangwan.nominations.services.dossier import missing_items
from rangwan.nominations.services.evidence import evidence_snapshot
from rangwan.nominations.services.pair import pair_snapshot
from rangwan.nominations.services.transitions import refusal, require_editable, transition


@transaction.atomic
def certify_dossier(
    *, nomination: Nomination, actor, certifier_name: str, certifier_position: str
) -> Dossier:
    """ผู้รับรอง: the district head certifies the complete dossier."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    require_editable(nomination)
    missing = missing_items(nomination)
    if missing:
        raise ValidationError(
            _("The dossier is not complete. Still missing: %(items)s")
            % {"items": ", ".join(missing)},
            code="incomplete",
        )
    if not is_certifiable(actor, nomination):
        raise refusal(nomination, S.CERTIFIED)
    if nomination.status == S.REGISTERED:
        transition(nomination=nomination, to=S.DRAFT, actor=actor, action="dossier.draft")
    dossier = nomination.dossier
    dossier.certified_by = actor
    dossier.certifier_name = certifier_name
    dossier.certifier_position = certifier_position
    dossier.certified_at = timezone.now()
    dossier.full_clean()
    dossier.save()
    transition(
        nomination=nomination,
        to=S.CERTIFIED,
        actor=actor,
        action="dossier.certify",
        certifier_name=certifier_name,
        certifier_position=certifier_position,
    )
    return dossier


def dossier_content(nomination: Nomination) -> dict[str, Any]:
    """The whole dossier as plain data: what a version freezes and its hash covers."""
    dossier = nomination.dossier
    return {
        "programme": nomination.programme_id,
        "district": nomination.district.code,
        "pair": pair_snapshot(nomination),
        "dossier": {
            name: (value.isoformat() if isinstance(value, dt.date) else value)
            for name in DOSSIER_FIELDS
            for value in [getattr(dossier, name)]
        },
        "certification": {
            "name": dossier.certifier_name,
            "position": dossier.certifier_position,
            "at": dossier.certified_at.isoformat() if dossier.certified_at else None,
        },
        "confirmations": {
            "officer": dossier.officer_confirmed_at.isoformat()
            if dossier.officer_confirmed_at
            else None,
            "member": dossier.member_confirmed_at.isoformat()
            if dossier.member_confirmed_at
            else None,
        },
        "evidence": [evidence_snapshot(e) for e in nomination.evidence.current().order_by("id")],
    }


def content_digest(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@transaction.atomic
def submit_dossier(
    *, nomination: Nomination, actor, officer_confirmed: bool, member_confirmed: bool
) -> DossierVersion:
    """Freeze the certified dossier as a new version with its SHA-256."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    deadlines.require_open(nomination.programme, nomination.district, DeadlineKind.DOSSIER)
    if not is_certified(actor, nomination):
        raise ValidationError(
            _("Only a dossier certified by the district head can be submitted."), code="uncertified"
        )
    if not (officer_confirmed and member_confirmed):
        raise ValidationError(
            _("Both the officer and the network member must confirm the dossier."),
            code="unconfirmed",
        )
    missing = missing_items(nomination)
    if missing:
        raise ValidationError(
            _("The dossier is not complete. Still missing: %(items)s")
            % {"items": ", ".join(missing)},
            code="incomplete",
        )
    now = timezone.now()
    dossier = nomination.dossier
    dossier.officer_confirmed_at = dossier.member_confirmed_at = now
    dossier.confirmations_recorded_by = actor
    dossier.save()
    content = dossier_content(nomination)
    last = nomination.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = DossierVersion.objects.create(
        nomination=nomination,
        number=last + 1,
        content=content,
        sha256=content_digest(content),
        submitted_by=actor,
        submitted_at=now,
    )
    version.evidence.set(nomination.evidence.current())
    transition(
        nomination=nomination,
        to=S.SUBMITTED,
        actor=actor,
        action="dossier.submit",
        version=version.number,
        sha256=version.sha256,
    )
    notifications.on_submission(version)
    return version
