from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    DISTRICT_STAFF = "district_staff", _("District staff")
    DISTRICT_HEAD = "district_head", _("District head")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    COMMITTEE_CHAIR = "committee_chair", _("Committee chair")
    VIEWER = "viewer", _("Viewer (superiors)")

    @classmethod
    def district_bound(cls) -> list[str]:
        return [cls.DISTRICT_STAFF, cls.DISTRICT_HEAD]

    @classmethod
    def committee(cls) -> list[str]:
        return [cls.COMMITTEE_MEMBER, cls.COMMITTEE_CHAIR]
