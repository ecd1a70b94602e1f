from django.db import models
from django.utils.translation import gettext_lazy as _


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Member and secretary")


class ConflictKind(models.TextChoices):
    SAME_DISTRICT = "same_district", _("Same district")
    RELATIVE = "relative", _("Relative")
    SAME_NETWORK = "same_network", _("Same network")
    OTHER = "other", _("Other")


class Ruling(models.TextChoices):
    """The chair's ruling on a declared conflict."""

    PENDING = "pending", _("Awaiting the chair's ruling")
    UPHELD = "upheld", _("Upheld: the member is recused")
    DISMISSED = "dismissed", _("Dismissed: the member may score")


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
