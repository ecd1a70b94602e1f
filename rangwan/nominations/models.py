"""A district's nomination: the pair (form 3), the dossier (form 4), its evidence,
the versions it was submitted in, and deadline extensions."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from rangwan.core.models import TimeStampedModel
from rangwan.nominations.enums import (
    DeadlineKind,
    DisciplineRecord,
    EvidenceKind,
    EvidenceSection,
    NominationStatus,
    ScreeningOutcome,
)


class NominationQuerySet(models.QuerySet):
    def for_district(self, district):
        return self.filter(district=district)


class Nomination(TimeStampedModel):
    """แบบแจ้งรายชื่อ: one pair per district per programme."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("programme"),
    )
    district = models.ForeignKey(
        "directory.District",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("district"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.REGISTERED,
    )
    officer = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("officer"),
    )
    officer_kind = models.ForeignKey(
        "directory.OfficerKind",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("officer kind"),
    )
    member = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("network member"),
    )
    network_kind = models.ForeignKey(
        "directory.NetworkKind",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("network kind"),
    )
    network_kind_other = models.CharField(_("other network kind"), max_length=200, blank=True)
    network_name = models.CharField(_("network name"), max_length=300, blank=True)
    member_role = models.CharField(_("role in the network"), max_length=200, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "district__code"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "district"],
                name="nomination_one_per_district",
                violation_error_message=_("This district has already registered a pair."),
            ),
            models.CheckConstraint(
                name="nomination_status_valid", condition=Q(status__in=NominationStatus.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} ({self.programme.fiscal_year})"

    @property
    def network_kind_label(self) -> str:
        if self.network_kind and self.network_kind.requires_name:
            return self.network_kind_other
        return str(self.network_kind) if self.network_kind else ""

    @property
    def network_kind_label_th(self) -> str:
        if self.network_kind and self.network_kind.requires_name:
            return self.network_kind_other
        return self.network_kind.name_th if self.network_kind else ""


# The fields of form 4 that the district fills in, in order: what the form edits, a
# version freezes, and completeness is checked over (all but the note).
DOSSIER_FIELDS = (
    "years_in_position",
    "discipline",
    "discipline_note",
    "conduct_1",
    "conduct_2",
    "conduct_3",
    "conduct_4",
    "conduct_5",
    "work_title",
    "work_steps",
    "work_start",
    "work_end",
    "work_results",
    "work_use",
)


class Dossier(TimeStampedModel):
    """แบบเสนอผลงาน: the district's working copy. Submitting freezes it as a version."""

    nomination = models.OneToOneField(
        Nomination, on_delete=models.CASCADE, related_name="dossier", verbose_name=_("nomination")
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    years_in_position = models.PositiveSmallIntegerField(
        _("years in the position"), null=True, blank=True
    )
    discipline = models.CharField(
        _("disciplinary record"), max_length=20, choices=DisciplineRecord.choices, blank=True
    )
    discipline_note = models.TextField(_("details of the disciplinary record"), blank=True)
    conduct_1 = models.TextField(_("2.2.1 steadfast honesty"), blank=True)
    conduct_2 = models.TextField(_("2.2.2 standing up against wrongdoing"), blank=True)
    conduct_3 = models.TextField(_("2.2.3 perseverance for integrity"), blank=True)
    conduct_4 = models.TextField(_("2.2.4 dedication to public service"), blank=True)
    conduct_5 = models.TextField(_("2.2.5 other supporting conduct"), blank=True)
    work_title = models.CharField(_("1) title of the work"), max_length=300, blank=True)
    work_steps = models.TextField(_("2) summary of the steps"), blank=True)
    work_start = models.DateField(_("3) period: from"), null=True, blank=True)
    work_end = models.DateField(_("3) period: to"), null=True, blank=True)
    work_results = models.TextField(_("4) summary of the results"), blank=True)
    work_use = models.TextField(_("5) how it is put to use"), blank=True)
    officer_confirmed_at = models.DateTimeField(_("officer confirmed"), null=True, blank=True)
    member_confirmed_at = models.DateTimeField(_("member confirmed"), null=True, blank=True)
    confirmations_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmations recorded by"),
    )
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certified by"),
    )
    certifier_name = models.CharField(_("certifier"), max_length=200, blank=True)
    certifier_position = models.CharField(_("certifier's position"), max_length=200, blank=True)
    certified_at = models.DateTimeField(_("certified"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.CheckConstraint(
                name="dossier_work_period_ordered",
                condition=Q(work_start__isnull=True)
                | Q(work_end__isnull=True)
                | Q(work_start__lte=models.F("work_end")),
                violation_error_message=_("The work cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.nomination)


class EvidenceStorage(LazyObject):
    """The "evidence" storage from settings.STORAGES, looked up when first used (and
    again after a test changes the setting)."""

    def _setup(self):
        self._wrapped = storages["evidence"]


evidence_storage_proxy = EvidenceStorage()


@receiver(setting_changed)
def _reset_evidence_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        evidence_storage_proxy._wrapped = empty


def evidence_storage():
    return evidence_storage_proxy


def evidence_path(instance: "Evidence", filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()
    nomination = instance.nomination
    return f"{nomination.programme_id}/{nomination.district_id}/{uuid.uuid4().hex}{suffix}"


class EvidenceQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)


class Evidence(models.Model):
    """A photo or PDF attached to the dossier (2.2.6 or 3.6). Stored re-encoded, served
    only through a view that checks who is asking. Never deleted once part of a
    submitted version: removing it from the draft only marks it removed."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("nomination")
    )
    section = models.CharField(_("section"), max_length=20, choices=EvidenceSection.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    file = models.FileField(_("file"), storage=evidence_storage, upload_to=evidence_path)
    thumbnail = models.FileField(
        _("thumbnail"), storage=evidence_storage, upload_to=evidence_path, blank=True
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["nomination", "section", "created_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.caption or self.original_name


class DossierVersion(models.Model):
    """A submitted dossier, frozen: its content as JSON, the evidence it held and a
    SHA-256 over both. Each version gets one screening outcome."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="versions", verbose_name=_("nomination")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    content = models.JSONField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    evidence = models.ManyToManyField(Evidence, related_name="versions", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"))
    outcome = models.CharField(
        _("screening outcome"),
        max_length=20,
        choices=ScreeningOutcome.choices,
        default=ScreeningOutcome.PENDING,
    )
    reasons = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["nomination", "-number"]
        verbose_name = _("dossier version")
        verbose_name_plural = _("dossier versions")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "number"], name="version_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.nomination} v{self.number}"


class DeadlineExtension(TimeStampedModel):
    """The secretariat's extension of one district's deadline, with its reason."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="extensions"
    )
    district = models.ForeignKey(
        "directory.District", on_delete=models.PROTECT, related_name="extensions"
    )
    kind = models.CharField(_("deadline"), max_length=30, choices=DeadlineKind.choices)
    until = models.DateField(_("extended until"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "district", "kind"], name="extension_one_per_deadline"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district}: {self.get_kind_display()} → {self.until}"


class Reminder(models.Model):
    """A deadline reminder that was sent, so a second run of the command (cron, twice a
    day) never sends it again. A new deadline (an extension) gets its own reminders."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="reminders"
    )
    district = models.ForeignKey("directory.District", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("deadline"), max_length=30, choices=DeadlineKind.choices)
    deadline = models.DateField(_("deadline day"))
    days_before = models.PositiveSmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "district", "kind", "deadline", "days_before"],
                name="reminder_sent_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.kind} {self.deadline} -{self.days_before}"
