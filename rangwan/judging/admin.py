from django.contrib import admin

from rangwan.audit.admin_mixins import AuditedAdmin
from rangwan.judging.models import JudgingRules


@admin.register(JudgingRules)
class JudgingRulesAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = [
        "programme",
        "score_step",
        "remark_at_extremes",
        "quorum_numerator",
        "quorum_denominator",
    ]
