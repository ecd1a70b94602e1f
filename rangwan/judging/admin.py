from django.contrib import admin

from rangwan.audit.admin_mixins import AuditedAdmin
from rangwan.judging import closing
from rangwan.judging.models import JudgingRules
from rangwan.programmes.models import Programme


@admin.register(JudgingRules)
class JudgingRulesAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = [
        "programme",
        "score_step",
        "remark_at_extremes",
        "quorum_numerator",
        "quorum_denominator",
    ]

    def get_readonly_fields(self, request, obj=None):
        # Rules belong to their programme: moved to another, both would be judged anew.
        return ("programme",) if obj is not None else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme":
            # Only on the add page (the change page shows the programme read-only): a
            # programme without rules yet, and not one whose final results were tallied
            # under the defaults, which rules added now would no longer match.
            kwargs["queryset"] = Programme.objects.filter(judging_rules__isnull=True).exclude(
                closing.closed()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        # Final results were tallied under these rules: changed afterwards, the live
        # tally and its quorum would no longer match the frozen record.
        if (
            obj is not None
            and Programme.objects.filter(closing.closed(), pk=obj.programme_id).exists()
        ):
            return False
        return super().has_change_permission(request, obj)
