from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "rangwan.learning"
    label = "learning"
