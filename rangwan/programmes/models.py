import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rangwan.core.models import BilingualNameMixin, TimeStampedModel
from rangwan.programmes.enums import StepStatus

DATE_FIELDS = (
    "period_start",
    "period_end",
    "name_notification_deadline",
    "dossier_deadline",
    "joint_work_start",
    "joint_work_end",
    "results_deadline",
    "closing_deadline",
)


class Programme(BilingualNameMixin, TimeStampedModel):
    """One year of an award programme in one province."""

    name_th = models.CharField(_("name (Thai)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    short_name_th = models.CharField(_("short name (Thai)"), max_length=200)
    short_name_en = models.CharField(_("short name (English)"), max_length=200, blank=True)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), help_text=_("Buddhist Era, e.g. 2568")
    )
    province = models.ForeignKey(
        "directory.Province",
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("province"),
    )
    responsible_unit = models.CharField(_("responsible unit"), max_length=300, blank=True)
    districts = models.ManyToManyField(
        "directory.District", related_name="programmes", verbose_name=_("participating districts")
    )
    allowed_officer_kinds = models.ManyToManyField(
        "directory.OfficerKind", related_name="+", verbose_name=_("eligible officer kinds")
    )
    allowed_network_kinds = models.ManyToManyField(
        "directory.NetworkKind", related_name="+", verbose_name=_("eligible network kinds")
    )
    period_start = models.DateField(_("project period from"))
    period_end = models.DateField(_("project period to"))
    name_notification_deadline = models.DateField(_("name notification deadline"))
    dossier_deadline = models.DateField(_("dossier deadline"))
    joint_work_start = models.DateField(_("joint work window from"))
    joint_work_end = models.DateField(_("joint work window to"))
    results_deadline = models.DateField(_("results deadline"))
    closing_deadline = models.DateField(
        _("lessons, honours and report deadline"),
        help_text=_("Lessons learned, honouring the winners and the report to superiors."),
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )

    class Meta:
        ordering = ["-fiscal_year", "name_th"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "fiscal_year", "short_name_th"],
                name="programme_unique_per_province_year",
                violation_error_message=_(
                    "This province already has a programme with this name in this year."
                ),
            ),
            models.CheckConstraint(
                name="programme_fiscal_year_is_be",
                condition=Q(fiscal_year__gte=2500, fiscal_year__lte=2700),
                violation_error_message=_("The fiscal year must be in the Buddhist Era."),
            ),
            models.CheckConstraint(
                name="programme_period_ordered",
                condition=Q(period_start__lte=F("period_end")),
                violation_error_message=_("The project period must end after it starts."),
            ),
            models.CheckConstraint(
                name="programme_joint_work_window_ordered",
                condition=Q(joint_work_start__lte=F("joint_work_end")),
                violation_error_message=_("The joint work window must end after it starts."),
            ),
            models.CheckConstraint(
                name="programme_deadlines_ordered",
                condition=Q(name_notification_deadline__lte=F("dossier_deadline"))
                & Q(dossier_deadline__lte=F("results_deadline"))
                & Q(results_deadline__lte=F("closing_deadline")),
                violation_error_message=_(
                    "Deadlines must follow each other: name notification, dossier, results, "
                    "then lessons, honours and report."
                ),
            ),
        ]

    @property
    def short_name(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "th").startswith("en") and self.short_name_en:
            return self.short_name_en
        return self.short_name_th

    def deadlines(self) -> list[tuple[str, dt.date]]:
        """The district-facing and programme deadlines, in date order."""
        items = [
            (_("Name notification (form 3)"), self.name_notification_deadline),
            (_("Dossier (form 4)"), self.dossier_deadline),
            (_("Judging and results"), self.results_deadline),
            (_("Lessons learned, honours and report"), self.closing_deadline),
        ]
        return sorted(items, key=lambda item: item[1])

    def next_deadline(self, today: dt.date) -> tuple[str, dt.date] | None:
        return next(((label, day) for label, day in self.deadlines() if day >= today), None)


class WorkPlanStepQuerySet(models.QuerySet):
    def overdue(self, today: dt.date):
        return self.exclude(status=StepStatus.DONE).filter(due_date__lt=today)


class WorkPlanStep(TimeStampedModel):
    """One line of แผนการดำเนินงาน. The secretariat keeps its status up to date."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="steps", verbose_name=_("programme")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.TextField(_("step"))
    due_date = models.DateField(_("due"))
    responsible = models.CharField(_("responsible"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    remark = models.TextField(_("remark"), blank=True)

    objects = WorkPlanStepQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("work plan step")
        verbose_name_plural = _("work plan steps")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="workplanstep_unique_number"
            ),
            models.CheckConstraint(
                name="workplanstep_done_has_date",
                condition=(Q(status=StepStatus.DONE) & Q(done_on__isnull=False))
                | (~Q(status=StepStatus.DONE) & Q(done_on__isnull=True)),
                violation_error_message=_(
                    "A step that is done needs the date it was done; other steps must not have one."
                ),
            ),
            models.CheckConstraint(
                name="workplanstep_status_valid", condition=Q(status__in=StepStatus.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:60]}"

    def is_overdue(self, today: dt.date) -> bool:
        return self.status != StepStatus.DONE and self.due_date < today

    @property
    def done_late(self) -> bool:
        return self.done_on is not None and self.done_on > self.due_date
