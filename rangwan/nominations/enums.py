from django.db import models
from django.utils.translation import gettext_lazy as _


class NominationStatus(models.TextChoices):
    """Where a district's nomination stands. "Not registered" is the absence of one."""

    REGISTERED = "registered", _("Registered")
    DRAFT = "draft", _("Draft")
    CERTIFIED = "certified", _("Certified")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for correction")
    REJECTED = "rejected", _("Rejected")

    @classmethod
    def dossier_in(cls) -> list[str]:
        """States in which the district has handed in its dossier (indicator 10.2)."""
        return [cls.SUBMITTED, cls.ACCEPTED]
