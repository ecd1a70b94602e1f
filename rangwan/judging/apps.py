from django.apps import AppConfig


class JudgingConfig(AppConfig):
    name = "rangwan.judging"
    label = "judging"
