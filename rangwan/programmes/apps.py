from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "rangwan.programmes"
    label = "programmes"
