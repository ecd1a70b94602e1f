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

    @classmethod
    def editable_by_district(cls) -> list[str]:
        return [cls.REGISTERED, cls.DRAFT, cls.CERTIFIED, cls.RETURNED]


S = NominationStatus

# Every transition a nomination may make; `services.transition` refuses any other.
TRANSITIONS: dict[str, set[str]] = {
    S.REGISTERED: {S.DRAFT},
    S.DRAFT: {S.CERTIFIED},
    # Changing a certified dossier voids the certification.
    S.CERTIFIED: {S.DRAFT, S.SUBMITTED},
    S.SUBMITTED: {S.ACCEPTED, S.RETURNED, S.REJECTED},
    S.RETURNED: {S.DRAFT},
    S.ACCEPTED: set(),
    S.REJECTED: set(),
}


class DisciplineRecord(models.TextChoices):
    """Form 4, 2.1: the disciplinary record over the past year."""

    PUNISHED = "punished", _("Has been punished")
    NEVER_PUNISHED = "never", _("Has never been punished")


class DeadlineKind(models.TextChoices):
    NAME_NOTIFICATION = "name_notification", _("Name notification (form 3)")
    DOSSIER = "dossier", _("Dossier (form 4)")


class EvidenceSection(models.TextChoices):
    CONDUCT = "conduct", _("2.2.6 Evidence of conduct")
    JOINT_WORK = "joint_work", _("3.6 Evidence of the joint work")


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("PDF document")


class ScreeningOutcome(models.TextChoices):
    PENDING = "pending", _("Awaiting screening")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for correction")
    REJECTED = "rejected", _("Rejected")
