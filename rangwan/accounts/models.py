from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rangwan.accounts.enums import Role


class User(AbstractUser):
    """A sign-in account. Its role decides what it may do; district staff and district
    heads are bound to one district."""

    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    district = models.ForeignKey(
        "directory.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("district"),
    )
    title = models.CharField(_("title"), max_length=50, blank=True, help_text=_("นาย, นาง, นางสาว"))
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_district_iff_district_role",
                condition=(
                    Q(role__in=Role.district_bound(), district__isnull=False)
                    | (~Q(role__in=Role.district_bound()) & Q(district__isnull=True))
                ),
                violation_error_message=_(
                    "District staff and district heads must have a district; other roles must not."
                ),
            ),
            models.CheckConstraint(name="user_role_valid", condition=Q(role__in=Role.values)),
        ]

    @property
    def display_name(self) -> str:
        name = f"{self.title}{self.first_name} {self.last_name}".strip()
        return name or self.username

    def __str__(self) -> str:
        return self.display_name
