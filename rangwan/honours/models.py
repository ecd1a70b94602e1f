"""เกียรติบัตร: certificates as issued (what is printed is a snapshot, so later edits of
a person or the programme never change an issued certificate), and the background
batches that render a programme's certificates into one zip."""

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from rangwan.core.models import TimeStampedModel
from rangwan.honours.codes import grouped
from rangwan.honours.enums import BatchStatus, CertificateKind


class GeneratedStorage(LazyObject):
    """The private "generated" storage, looked up when first used (and again after a
    test changes STORAGES)."""

    def _setup(self):
        self._wrapped = storages["generated"]


generated_storage_proxy = GeneratedStorage()


@receiver(setting_changed)
def _reset_generated_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        generated_storage_proxy._wrapped = empty


def generated_storage():
    return generated_storage_proxy


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(TimeStampedModel):
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("programme"),
    )
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("person"),
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("nomination"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    code = models.CharField(_("code"), max_length=12, unique=True)
    # As printed on the day it was issued.
    name = models.CharField(_("name as printed"), max_length=300)
    affiliation = models.CharField(_("affiliation as printed"), max_length=500, blank=True)
    award_text = models.TextField(_("award"))
    programme_text = models.TextField(_("programme as printed"))
    issuer = models.CharField(_("issuing office"), max_length=300)
    issued_on = models.DateField(_("issued on"))
    signer_name = models.CharField(_("signer"), max_length=200)
    signer_position = models.TextField(_("signer's position"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "kind", "nomination__district__code", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person", "kind"], name="certificate_once_per_person_kind"
            ),
            models.CheckConstraint(
                name="certificate_kind_valid", condition=Q(kind__in=CertificateKind.values)
            ),
            # Revoked means revoked at a time, by someone, for a stated reason.
            models.CheckConstraint(
                name="certificate_revocation_complete",
                condition=(
                    Q(revoked_at__isnull=True, revoked_by__isnull=True, revoke_reason="")
                    | (Q(revoked_at__isnull=False, revoked_by__isnull=False) & ~Q(revoke_reason=""))
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{grouped(self.code)} {self.name}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def display_code(self) -> str:
        return grouped(self.code)


class CertificateBatch(TimeStampedModel):
    """One run of "issue all certificates": the worker issues what is missing, renders
    every valid certificate and zips them, counting as it goes."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="certificate_batches",
        verbose_name=_("programme"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    # The wording chosen on the form, used for certificates not yet issued.
    options = models.JSONField(_("wording"), default=dict)
    total = models.PositiveIntegerField(_("certificates"), default=0)
    done = models.PositiveIntegerField(_("rendered"), default=0)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("zip"), storage=generated_storage, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # Touched with every progress count: a running batch silent for long lost its worker.
    heartbeat_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        constraints = [
            models.CheckConstraint(
                name="batch_status_valid", condition=Q(status__in=BatchStatus.values)
            ),
            models.CheckConstraint(
                name="batch_done_within_total", condition=Q(done__lte=models.F("total"))
            ),
            # One batch at a time per programme.
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(status__in=BatchStatus.active()),
                name="batch_one_active_per_programme",
                violation_error_message=_("A batch is already running for this programme."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} #{self.pk} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in BatchStatus.active()

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0
