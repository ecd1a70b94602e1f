"""Published results: provisional (with an optional objection window), then final and
frozen: the public bundle (every counted sheet, anonymous, and the ranking) whose SHA-256
is the published digest, and the private snapshot that binds it to the database."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rangwan.core.models import TimeStampedModel
from rangwan.results.enums import ResultStatus


class Results(TimeStampedModel):
    programme = models.OneToOneField(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("programme"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ResultStatus.choices)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    objections_close_at = models.DateTimeField(_("objections close"), null=True, blank=True)
    # The bundle's RFC 8785 bytes exactly as published (text, not JSON: re-encoding could
    # change them), and their SHA-256: the digest everyone is shown.
    bundle = models.TextField(_("results bundle"))
    digest = models.CharField(_("SHA-256"), max_length=64)
    # Never published: the commitment key, which seat gave each sheet, the conflict
    # rulings and the dossier versions judged (rangwan.results.bundle), and its SHA-256,
    # which the audit record holds.
    snapshot = models.JSONField(_("private snapshot"))
    snapshot_digest = models.CharField(_("SHA-256 of the private snapshot"), max_length=64)
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("results")
        verbose_name_plural = _("results")
        constraints = [
            models.CheckConstraint(
                name="results_final_has_time",
                condition=(Q(status=ResultStatus.FINAL) & Q(finalised_at__isnull=False))
                | (Q(status=ResultStatus.PROVISIONAL) & Q(finalised_at__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} ({self.get_status_display()})"

    @property
    def is_final(self) -> bool:
        return self.status == ResultStatus.FINAL


class TieVote(TimeStampedModel):
    """The committee's vote on dossiers still level after every other tie-break, as the
    chair records it."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="tie_votes"
    )
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.CASCADE, related_name="tie_votes"
    )
    votes = models.PositiveSmallIntegerField(_("votes"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tie vote")
        verbose_name_plural = _("tie votes")
        constraints = [
            models.UniqueConstraint(fields=["programme", "nomination"], name="tie_vote_once"),
        ]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.votes}"
