from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "rangwan.nominations"
    label = "nominations"

    def ready(self):
        # Here, not at the top: models load only once the registry is ready. The lower
        # apps count and export what nominations hold without importing them.
        from rangwan.core.upload_limit import register_upload_model
        from rangwan.directory.personal_data import register
        from rangwan.nominations.models import Evidence
        from rangwan.nominations.personal_data import HOLDER

        register_upload_model(Evidence)
        register(HOLDER)
