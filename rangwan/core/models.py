from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class BilingualNameMixin:
    """For models with name_th and name_en: `name` follows the active language."""

    name_th: str
    name_en: str

    @property
    def name(self) -> str:
        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.name_th

    def __str__(self) -> str:
        return self.name
