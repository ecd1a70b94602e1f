from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "rangwan.nominations"
    label = "nominations"

    def ready(self):
        # Here, not at the top: models load only once the registry is ready.
        from rangwan.core.upload_limit import register_upload_model
        from rangwan.nominations.models import Evidence

        register_upload_model(Evidence)
