"""Emails about nominations. Each is sent after the transaction that caused it commits,
through Django's mail API (SMTP in production), in Thai."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from rangwan.accounts.enums import Role
from rangwan.accounts.models import User
from rangwan.nominations.queries import submission_checkpoint


def _addresses(users) -> list[str]:
    return sorted({user.email for user in users if user.email})


def district_addresses(district, roles=(Role.DISTRICT_STAFF, Role.DISTRICT_HEAD)) -> list[str]:
    office = getattr(district, "office", None)
    addresses = _addresses(User.objects.filter(district=district, role__in=roles, is_active=True))
    if office and office.email:
        addresses.append(office.email)
    return sorted(set(addresses))


def secretariat_addresses(programme) -> list[str]:
    addresses = _addresses(User.objects.filter(role=Role.SECRETARIAT, is_active=True))
    office = getattr(programme.province, "office", None)
    if office and office.email:
        addresses.append(office.email)
    return sorted(set(addresses))


def _send(template: str, context: dict, recipients: list[str]) -> int:
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"nominations/email/{template}_subject.txt", context)
        body = render_to_string(f"nominations/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, recipients)
    return len(recipients)


def link(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def on_submission(version) -> None:
    """The receipt to the district; a notice to the secretariat."""
    nomination = version.nomination
    context = {
        "version": version,
        "nomination": nomination,
        "programme": nomination.programme,
        "receipt_url": link("nominations:receipt", nomination.pk, version.number),
        "detail_url": link("nominations:detail", nomination.pk),
        # The submission's entry is already written, in this transaction.
        "checkpoint": submission_checkpoint(version),
    }

    def send():
        _send("receipt", context, district_addresses(nomination.district))
        _send("submitted", context, secretariat_addresses(nomination.programme))

    transaction.on_commit(send, robust=True)


def on_screening(version) -> None:
    """The outcome (accepted, returned with reasons, rejected) to the district."""
    nomination = version.nomination
    context = {
        "version": version,
        "nomination": nomination,
        "programme": nomination.programme,
        "detail_url": link("nominations:detail", nomination.pk),
    }
    transaction.on_commit(
        lambda: _send("screened", context, district_addresses(nomination.district)),
        robust=True,
    )


def send_reminder(*, programme, district, kind_label: str, deadline, days_left: int) -> int:
    context = {
        "programme": programme,
        "district": district,
        "kind_label": kind_label,
        "deadline": deadline,
        "days_left": days_left,
        "url": link("nominations:mine", programme.pk),
    }
    return _send("reminder", context, district_addresses(district))
