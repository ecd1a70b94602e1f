from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")
    FINAL = "final", _("Final")
