"""API tokens. Only a SHA-256 of each token is kept, with a short prefix to recognise it
by: the token itself is shown once, when it is made, and cannot be recovered."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rangwan.core.models import TimeStampedModel


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Neither revoked nor expired, of an active account."""
        now = timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            revoked_at__isnull=True,
            user__is_active=True,
        )


class ApiToken(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("user"),
        help_text=_("The token reads what this account may read on the web pages."),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the provincial dashboard."),
    )
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    digest = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("revoked by"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                name="apitoken_revoked_has_actor",
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | Q(revoked_at__isnull=False, revoked_by__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
