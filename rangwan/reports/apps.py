from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "rangwan.reports"
    label = "reports"
