from django.contrib import admin

from rangwan.audit.admin_mixins import AuditedAdmin
from rangwan.judging.models import JudgingRules
from rangwan.results.enums import ResultStatus
from rangwan.results.models import Results


@admin.register(JudgingRules)
class JudgingRulesAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = [
        "programme",
        "score_step",
        "remark_at_extremes",
        "quorum_numerator",
        "quorum_denominator",
    ]

    def has_change_permission(self, request, obj=None):
        # Final results were tallied under these rules: changed afterwards, the live
        # tally and its quorum would no longer match the frozen record.
        if (
            obj is not None
            and Results.objects.filter(
                programme_id=obj.programme_id, status=ResultStatus.FINAL
            ).exists()
        ):
            return False
        return super().has_change_permission(request, obj)
