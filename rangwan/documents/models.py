"""The programme's official letter (หนังสือภายนอก) and the record of its sending."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rangwan.core.models import TimeStampedModel


class OfficialLetter(TimeStampedModel):
    """หนังสือภายนอก announcing a programme to the districts, laid out as the
    ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ asks. One a programme; until the
    secretariat saves it, `letters.letter_for` offers defaults drawn from the programme."""

    programme = models.OneToOneField(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="letter",
        verbose_name=_("programme"),
    )
    reference_number = models.CharField(
        _("reference number (ที่)"), max_length=100, help_text=_("e.g. ฉช ๐๐๑๙/ว ๗๓๑")
    )
    sender = models.TextField(
        _("issuing office and address"),
        help_text=_("Printed at the top right, one line a line."),
    )
    letter_date = models.DateField(_("date of the letter"))
    subject = models.TextField(_("subject (เรื่อง)"))
    addressee = models.CharField(_("addressed to (เรียน)"), max_length=300)
    enclosures = models.TextField(
        _("enclosures (สิ่งที่ส่งมาด้วย)"),
        blank=True,
        help_text=_("One a line; the quantity after “จำนวน” goes to the right-hand column."),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Paragraphs separated by a blank line; a line starting with “- ” is a list item."
        ),
    )
    signer_name = models.CharField(_("signer's name"), max_length=200)
    signer_position = models.CharField(_("signer's position"), max_length=300)
    acting_for = models.CharField(
        _("acting for (ปฏิบัติราชการแทน)"),
        max_length=300,
        blank=True,
        help_text=_(
            "e.g. ผู้ว่าราชการจังหวัดฉะเชิงเทรา; leave empty when the signer signs in their own name."
        ),
    )
    responsible_unit = models.TextField(
        _("responsible unit (ส่วนราชการเจ้าของเรื่อง)"),
        help_text=_("Printed at the bottom left, one line a line."),
    )
    phone = models.CharField(_("phone / fax"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    slogan = models.TextField(_("footer line"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )

    class Meta:
        verbose_name = _("official letter")
        verbose_name_plural = _("official letters")

    def __str__(self) -> str:
        return f"ที่ {self.reference_number}"

    @property
    def acting(self) -> bool:
        return bool(self.acting_for.strip())


class LetterDispatch(TimeStampedModel):
    """One sending of the letter and its enclosures to the district offices."""

    letter = models.ForeignKey(
        OfficialLetter,
        on_delete=models.PROTECT,
        related_name="dispatches",
        verbose_name=_("letter"),
    )
    sent_at = models.DateTimeField(_("sent"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
    )
    recipients = models.JSONField(
        _("recipients"), help_text=_("[{district, office, email}] as sent.")
    )
    attachments = models.JSONField(_("attachments"), default=list)
    is_resend = models.BooleanField(_("sent again"), default=False)
    reason = models.TextField(_("reason for sending again"), blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("sending of the letter")
        verbose_name_plural = _("sendings of the letter")

    def __str__(self) -> str:
        return f"{self.letter} → {len(self.recipients)}"
