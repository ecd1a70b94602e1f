from django.db import transaction

from rangwan.audit.services import record, snapshot


class AuditedAdmin:
    """Django admin writes (reference data, accounts) go into the audit chain too."""

    audit_exclude = ("password",)

    def _snapshot(self, obj):
        fields = [f.name for f in obj._meta.concrete_fields if f.name not in self.audit_exclude]
        return snapshot(obj, fields=fields)

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = self._snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            record(
                actor=request.user,
                action=f"admin.{'change' if change else 'add'}",
                obj=obj,
                before=before,
                after=self._snapshot(obj),
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            before = self._snapshot(obj)
            record(actor=request.user, action="admin.delete", obj=obj, before=before)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # The changelist's "delete selected" action comes here, not to delete_model:
        # one entry an object, as a single delete leaves, and all or none of them.
        with transaction.atomic():
            for obj in queryset.order_by("pk"):
                record(
                    actor=request.user, action="admin.delete", obj=obj, before=self._snapshot(obj)
                )
            super().delete_queryset(request, queryset)
