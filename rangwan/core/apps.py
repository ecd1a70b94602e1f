from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rangwan.core"
    label = "core"
