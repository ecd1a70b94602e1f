from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rangwan.api import services
from rangwan.api.models import ApiToken


class NewTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user", "name", "expires_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """The secretariat makes tokens here (the secret is shown once, on the next page) and
    revokes them with the list action. A token is never edited nor deleted: the audit
    record names it."""

    list_display = [
        "prefix",
        "name",
        "user",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "name", "user__username"]
    actions = ["revoke"]
    readonly_fields = [
        "prefix",
        "user",
        "name",
        "created_at",
        "created_by",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = NewTokenForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def has_change_permission(self, request, obj=None):
        # The change page only shows a token; the right to change is the right to revoke.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            token, secret = services.create_token(
                user=form.cleaned_data["user"],
                name=form.cleaned_data["name"],
                expires_at=form.cleaned_data["expires_at"],
                actor=request.user,
            )
        except ValidationError as error:
            # The form has passed validation by now; say why the service refused.
            messages.error(request, " ".join(error.messages))
            raise
        obj.pk, obj.prefix = token.pk, token.prefix
        messages.warning(
            request,
            _("The token, shown this once only — copy it now: %(secret)s") % {"secret": secret},
        )

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            services.revoke_token(token=token, actor=request.user)
            revoked += 1
        self.message_user(
            request,
            ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", revoked) % {"n": revoked},
        )
