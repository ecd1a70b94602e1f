"""ถอดบทเรียน: the lessons-learned write-up of the winning pair's work, one a programme.

It is started from the final results' winner, prefilled from the winning dossier, edited
by the secretariat and the winning district's staff, and published by the secretariat
(indicator 10.3 counts published write-ups). Its photos live in the private evidence
storage, like a dossier's, and are served only through a view that checks who asks.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rangwan.core.models import TimeStampedModel
from rangwan.learning.enums import LessonStatus
from rangwan.nominations.models import evidence_storage

# The write-up's sections in booklet order: (field, Thai heading). The headings are the
# booklet's own words, so they are Thai in every language.
SECTIONS = (
    ("background", "ความเป็นมา"),
    ("objectives", "วัตถุประสงค์"),
    ("steps", "ขั้นตอนการดำเนินงาน"),
    ("results", "ผลการดำเนินงาน"),
    ("success_factors", "ปัจจัยแห่งความสำเร็จ"),
    ("obstacles", "ปัญหาอุปสรรคและแนวทางแก้ไข"),
    ("lessons_gained", "บทเรียนที่ได้รับ"),
    ("advice", "ข้อเสนอแนะสำหรับผู้ที่จะนำไปใช้"),
)


class LessonsLearnedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=LessonStatus.PUBLISHED)


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
    # Saves made on an older revision are refused, so two editors never overwrite each other.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    background = models.TextField(_("background"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    steps = models.JSONField(_("steps taken"), default=list, blank=True)
    results = models.TextField(_("results of the work"), blank=True)
    success_factors = models.TextField(_("success factors"), blank=True)
    obstacles = models.TextField(_("obstacles and how they were overcome"), blank=True)
    lessons_gained = models.TextField(_("lessons gained"), blank=True)
    advice = models.TextField(_("advice to those who will use it"), blank=True)

    objects = LessonsLearnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lessons learned")
        verbose_name_plural = _("lessons learned")
        constraints = [
            models.CheckConstraint(
                name="lessons_published_has_time",
                condition=(Q(status=LessonStatus.PUBLISHED) & Q(published_at__isnull=False))
                | (~Q(status=LessonStatus.PUBLISHED) & Q(published_at__isnull=True)),
            ),
            # The seed asks for one write-up: the winning pair's (indicator 10.3).
            models.UniqueConstraint(fields=["programme"], name="lessons_one_per_programme"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == LessonStatus.PUBLISHED


def lesson_photo_path(instance: "LessonPhoto", filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()
    return f"lessons/{instance.write_up.programme_id}/{uuid.uuid4().hex}{suffix}"


class LessonPhoto(models.Model):
    """A photo of the write-up, stored re-encoded without metadata (as evidence is)."""

    write_up = models.ForeignKey(
        LessonsLearned,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("lessons learned"),
    )
    file = models.FileField(_("file"), storage=evidence_storage, upload_to=lesson_photo_path)
    thumbnail = models.FileField(
        _("thumbnail"), storage=evidence_storage, upload_to=lesson_photo_path
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["write_up", "created_at", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.original_name

    @property
    def is_landscape(self) -> bool:
        return self.width >= self.height
