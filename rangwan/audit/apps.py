from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "rangwan.audit"
    label = "audit"
