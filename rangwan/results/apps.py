from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "rangwan.results"
    label = "results"
