from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "rangwan.learning"
    label = "learning"

    def ready(self):
        # Here, not at the top: models load only once the registry is ready.
        from rangwan.core.upload_limit import register_upload_model
        from rangwan.learning.models import LessonPhoto

        register_upload_model(LessonPhoto)
