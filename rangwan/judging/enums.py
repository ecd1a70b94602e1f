from django.db import models
from django.utils.translation import gettext_lazy as _


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Member and secretary")
