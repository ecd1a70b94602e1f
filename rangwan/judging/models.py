import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rangwan.core.models import TimeStampedModel
from rangwan.judging.enums import ConflictKind, Ruling, SeatRole, SheetStatus


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


# How each default link of the chain is named to people (the stored label is the key).
TIE_BREAK_LABELS = {
    "criterion 3": _("placed by the joint work score (criterion 3)"),
    "conduct total": _("placed by the conduct total (criteria 2.1–2.5)"),
    "chair's vote": _("placed by the committee's vote"),
}


def default_tie_break() -> list[dict]:
    """The seed-consistent default: joint work, then conduct total, then the chair's vote."""
    return [
        {"label": "criterion 3", "codes": ["3"]},
        {"label": "conduct total", "codes": ["2.1", "2.2", "2.3", "2.4", "2.5"]},
        {"label": "chair's vote", "codes": []},
    ]


class JudgingRules(TimeStampedModel):
    """How a programme's committee scores: the step, the remarks asked for, the quorum
    and the tie-break chain."""

    programme = models.OneToOneField(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="judging_rules",
        verbose_name=_("programme"),
    )
    score_step = models.DecimalField(
        _("score step"),
        max_digits=3,
        decimal_places=2,
        default=Decimal(1),
        choices=[(Decimal(1), _("whole points")), (Decimal("0.5"), _("half points"))],
    )
    remark_at_extremes = models.BooleanField(
        _("remark required at 0 and at the maximum"), default=True
    )
    discipline_code = models.CharField(
        _("discipline criterion"),
        max_length=20,
        default="1",
        help_text=_("Prefilled from the dossier's disciplinary declaration."),
    )
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum denominator"), default=3)
    tie_break = models.JSONField(_("tie-break chain"), default=default_tie_break)

    class Meta:
        verbose_name = _("judging rules")
        verbose_name_plural = _("judging rules")
        constraints = [
            models.CheckConstraint(
                name="rules_quorum_fraction",
                condition=Q(quorum_denominator__gt=0)
                & Q(quorum_numerator__lte=models.F("quorum_denominator")),
            ),
        ]

    def __str__(self) -> str:
        return str(self.programme)

    def quorum(self, seats: int) -> int:
        """The least number of counted sheets a dossier needs: ceil(seats × fraction)."""
        return -(-seats * self.quorum_numerator // self.quorum_denominator)


class Declaration(TimeStampedModel):
    """A member's conflict-of-interest declaration for one dossier, and the chair's
    ruling when a conflict is declared."""

    seat = models.ForeignKey(
        CommitteeSeat, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("seat")
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        on_delete=models.CASCADE,
        related_name="declarations",
        verbose_name=_("nomination"),
    )
    has_conflict = models.BooleanField(_("conflict of interest"))
    kind = models.CharField(
        _("kind of conflict"), max_length=20, choices=ConflictKind.choices, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)
    ruling = models.CharField(_("ruling"), max_length=20, choices=Ruling.choices, blank=True)
    ruling_note = models.TextField(_("ruling note"), blank=True)
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ruled_at = models.DateTimeField(_("ruled"), null=True, blank=True)
    # A conflict the member withdrew before the chair ruled: kept, so that the chair
    # still sees it was declared and why, though the declaration now says no conflict.
    # The last withdrawal only; every change is in the audit record.
    withdrawn_at = models.DateTimeField(_("conflict withdrawn"), null=True, blank=True)
    withdrawn_kind = models.CharField(
        _("kind of the withdrawn conflict"), max_length=20, choices=ConflictKind.choices, blank=True
    )
    withdrawn_reason = models.TextField(_("reason of the withdrawn conflict"), blank=True)

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        constraints = [
            models.UniqueConstraint(fields=["seat", "nomination"], name="declaration_once"),
            models.CheckConstraint(
                name="declaration_conflict_has_kind",
                condition=(Q(has_conflict=True) & ~Q(kind="") & ~Q(ruling=""))
                | (Q(has_conflict=False) & Q(kind="") & Q(ruling="")),
            ),
            models.CheckConstraint(
                name="declaration_withdrawal_whole",
                condition=(Q(withdrawn_at__isnull=True) & Q(withdrawn_kind=""))
                | (Q(withdrawn_at__isnull=False) & ~Q(withdrawn_kind="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat} / {self.nomination}"

    @property
    def recused(self) -> bool:
        return self.has_conflict and self.ruling == Ruling.UPHELD

    @property
    def may_score(self) -> bool:
        return not self.has_conflict or self.ruling == Ruling.DISMISSED

    @property
    def withdrawn(self) -> bool:
        """Declared a conflict, then withdrew it before the chair ruled."""
        return not self.has_conflict and self.withdrawn_at is not None


class ScoreSheet(TimeStampedModel):
    """One member's scores for one dossier. `version` rises with every save, so a save
    made on an older copy is refused instead of overwriting."""

    seat = models.ForeignKey(
        CommitteeSeat, on_delete=models.CASCADE, related_name="sheets", verbose_name=_("seat")
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        on_delete=models.CASCADE,
        related_name="sheets",
        verbose_name=_("nomination"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(fields=["seat", "nomination"], name="sheet_once"),
            models.CheckConstraint(
                name="sheet_status_valid", condition=Q(status__in=SheetStatus.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat} / {self.nomination}"


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    remark = models.TextField(_("remark"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_once"),
            models.CheckConstraint(
                name="score_not_negative", condition=Q(points__isnull=True) | Q(points__gte=0)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.points}"


class Meeting(TimeStampedModel):
    """The committee's meeting, where each accepted pair presents its work."""

    programme = models.OneToOneField(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="meeting",
        verbose_name=_("programme"),
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    slot_minutes = models.PositiveSmallIntegerField(_("minutes a presentation"), default=20)
    place = models.CharField(_("place"), max_length=300, blank=True)
    draw_seed = models.CharField(_("seed of the draw"), max_length=64, blank=True)
    drawn_at = models.DateTimeField(_("drawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(name="meeting_slot_positive", condition=Q(slot_minutes__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.date}"


class Slot(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="slots")
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.CASCADE, related_name="slots"
    )
    position = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("presentation slot")
        verbose_name_plural = _("presentation slots")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="slot_position_once"),
            models.UniqueConstraint(fields=["meeting", "nomination"], name="slot_nomination_once"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.nomination}"

    def starts_at(self) -> dt.time:
        start = dt.datetime.combine(self.meeting.date, self.meeting.start_time)
        return (
            start + dt.timedelta(minutes=self.meeting.slot_minutes * (self.position - 1))
        ).time()
