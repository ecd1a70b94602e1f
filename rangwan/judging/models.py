from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rangwan.core.models import TimeStampedModel
from rangwan.judging.enums import SeatRole


class Rubric(TimeStampedModel):
    """เกณฑ์การพิจารณา: a tree of criteria whose maxima must add up to the declared total."""

    programme = models.OneToOneField(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="rubric",
        verbose_name=_("programme"),
    )
    declared_total = models.DecimalField(
        _("declared total"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")

    def __str__(self) -> str:
        return str(_("Rubric of %(programme)s") % {"programme": self.programme})


class Criterion(TimeStampedModel):
    rubric = models.ForeignKey(
        Rubric, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("rubric")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. 1, 2, 2.1"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_th = models.TextField(_("title (Thai)"))
    title_en = models.TextField(_("title (English)"), blank=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    max_points = models.DecimalField(
        _("maximum points"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["rubric", "order", "code"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="criterion_unique_code"),
            models.CheckConstraint(
                name="criterion_max_not_negative", condition=Q(max_points__gte=0)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        if (get_language() or "th").startswith("en") and self.title_en:
            return self.title_en
        return self.title_th

    @property
    def description(self) -> str:
        if (get_language() or "th").startswith("en") and self.description_en:
            return self.description_en
        return self.description_th


class CommitteeSeat(TimeStampedModel):
    """One of the committee's seats (9 in the seed): the post it stands for, who holds it,
    and whether it is the chair or the secretary."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="seats",
        verbose_name=_("programme"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    post_th = models.CharField(_("post (Thai)"), max_length=300)
    post_en = models.CharField(_("post (English)"), max_length=300, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER
    )
    holder_name = models.CharField(_("holder"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seats",
        verbose_name=_("account"),
    )

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("committee seat")
        verbose_name_plural = _("committee seats")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="seat_unique_number"),
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(role=SeatRole.CHAIR),
                name="seat_one_chair",
                violation_error_message=_("A committee has one chair."),
            ),
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(role=SeatRole.SECRETARY),
                name="seat_one_secretary",
                violation_error_message=_("A committee has one secretary."),
            ),
            models.UniqueConstraint(
                fields=["programme", "user"],
                condition=Q(user__isnull=False),
                name="seat_one_per_user",
                violation_error_message=_("This account already holds a seat on this committee."),
            ),
            models.CheckConstraint(name="seat_role_valid", condition=Q(role__in=SeatRole.values)),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.post}"

    @property
    def post(self) -> str:
        if (get_language() or "th").startswith("en") and self.post_en:
            return self.post_en
        return self.post_th
