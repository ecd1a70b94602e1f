"""ถอดบทเรียน: the lessons-learned write-up of the winning pair's work.

This issue only needs the record and its state (indicator 10.3 counts published
write-ups); the structured editor and the booklet come with the documents issue.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rangwan.core.models import TimeStampedModel
from rangwan.learning.enums import LessonStatus


class LessonsLearned(TimeStampedModel):
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="lessons",
        verbose_name=_("programme"),
    )
    nomination = models.ForeignKey(
        "nominations.Nomination",
        on_delete=models.PROTECT,
        related_name="lessons",
        verbose_name=_("nomination"),
    )
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=LessonStatus.choices, default=LessonStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("lessons learned")
        verbose_name_plural = _("lessons learned")
        constraints = [
            models.CheckConstraint(
                name="lessons_published_has_time",
                condition=(Q(status=LessonStatus.PUBLISHED) & Q(published_at__isnull=False))
                | (~Q(status=LessonStatus.PUBLISHED) & Q(published_at__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return self.title
