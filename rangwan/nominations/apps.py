from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "rangwan.nominations"
    label = "nominations"
