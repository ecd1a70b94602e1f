from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only JSON API (django-ninja) and the tokens that open it."""

    name = "rangwan.api"
    label = "api"
