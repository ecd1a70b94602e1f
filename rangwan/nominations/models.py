"""A district's nomination for a programme.

This issue only needs the record and its state (the dashboard's indicators read it);
the pair, the dossier and the evidence come with the nominations issue.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rangwan.core.models import TimeStampedModel
from rangwan.nominations.enums import NominationStatus


class Nomination(TimeStampedModel):
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
