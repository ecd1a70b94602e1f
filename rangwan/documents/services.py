"""Writes to the official letter: saving it, and sending it with its enclosures to the
district offices. Each is atomic and leaves an audit entry."""

from __future__ import annotations

import smtplib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rangwan.audit.services import record, snapshot
from rangwan.core.thai import datetime_short
from rangwan.documents.letters import attachments, default_letter
from rangwan.documents.models import LetterDispatch, OfficialLetter

LETTER_FIELDS = (
    "reference_number",
    "sender",
    "letter_date",
    "subject",
    "addressee",
    "enclosures",
    "body",
    "signer_name",
    "signer_position",
    "acting_for",
    "responsible_unit",
    "phone",
    "email",
    "slogan",
)


@transaction.atomic
def save_letter(*, programme, actor, **fields: Any) -> OfficialLetter:
    """Save the programme's letter; the first save turns the defaults into a record."""
    unknown = set(fields) - set(LETTER_FIELDS)
    if unknown:
        raise TypeError(f"Not letter fields: {sorted(unknown)}")
    # From the database, not a cached instance a form may already have changed.
    letter = OfficialLetter.objects.filter(programme=programme).first() or default_letter(programme)
    before = snapshot(letter, fields=list(LETTER_FIELDS)) if letter.pk else None
    for field, value in fields.items():
        setattr(letter, field, value)
    letter.updated_by = actor
    letter.full_clean()
    letter.save()
    record(
        actor=actor,
        action="letter.save",
        obj=letter,
        before=before,
        after=snapshot(letter, fields=list(LETTER_FIELDS)),
    )
    return letter


def offices_without_email(programme) -> list:
    """The participating districts whose office has no e-mail address to send to."""
    return [
        district
        for district in programme.districts.select_related("office").order_by("code")
        if not getattr(getattr(district, "office", None), "email", "")
    ]


def _messages(letter: OfficialLetter, files: list[tuple[str, bytes]]):
    programme = letter.programme
    context = {"letter": letter, "programme": programme, "files": files}
    with translation.override("th"):
        subject = " ".join(render_to_string("documents/email/letter_subject.txt", context).split())
        body = render_to_string("documents/email/letter.txt", context)
    for district in programme.districts.select_related("office").order_by("code"):
        # One message an office: no district sees another's address.
        message = EmailMessage(subject, body, None, [district.office.email])
        for name, pdf in files:
            message.attach(name, pdf, "application/pdf")
        yield district, message


@transaction.atomic
def send_letter(*, programme, actor, resend: bool = False, reason: str = "") -> LetterDispatch:
    """E-mail the letter and its enclosures (as PDF) to every participating district
    office. Refused when an office has no address, and when the letter was sent before
    unless `resend` is asked for with a reason. Offices the mail server refused are
    recorded as not delivered; if none was delivered, nothing is recorded."""
    letter = OfficialLetter.objects.filter(programme=programme).first()
    if letter is None:
        raise ValidationError(_("Save the letter before sending it."))
    if not programme.districts.exists():
        raise ValidationError(_("The programme has no participating districts to send to."))
    missing = offices_without_email(programme)
    if missing:
        raise ValidationError(
            _(
                "Nothing was sent: these district offices have no e-mail address: "
                "%(offices)s. Add their addresses under Reference data, then send again."
            )
            % {"offices": ", ".join(d.name for d in missing)}
        )
    last = letter.dispatches.select_related("sent_by").first()
    reason = reason.strip()
    if last and not resend:
        raise ValidationError(
            _(
                "The letter was already sent on %(when)s by %(who)s. To send it again, "
                "tick “Send again” and give the reason."
            )
            % {"when": datetime_short(last.sent_at), "who": last.sent_by.display_name}
        )
    if resend and not reason:
        raise ValidationError(_("Give the reason for sending the letter again."))

    files = attachments(letter)
    recipients = []
    connection = get_connection()
    for district, message in _messages(letter, files):
        entry = {"district": district.name_th, "office": district.office.name_th}
        entry["email"] = district.office.email
        try:
            connection.send_messages([message])
        except (smtplib.SMTPException, OSError) as error:
            entry.update(delivered=False, error=str(error)[:200])
        else:
            entry["delivered"] = True
        recipients.append(entry)
    connection.close()
    if not any(r["delivered"] for r in recipients):
        raise ValidationError(
            _("The mail server refused every message; nothing was sent. Try again later.")
        )
    dispatch = LetterDispatch.objects.create(
        letter=letter,
        sent_at=timezone.now(),
        sent_by=actor,
        recipients=recipients,
        attachments=[name for name, _pdf in files],
        is_resend=bool(last),
        reason=reason if last else "",
    )
    record(
        actor=actor,
        action="letter.send",
        obj=dispatch,
        after={
            "letter": letter.pk,
            "recipients": recipients,
            "attachments": dispatch.attachments,
            "is_resend": dispatch.is_resend,
            "reason": dispatch.reason,
        },
    )
    return dispatch
