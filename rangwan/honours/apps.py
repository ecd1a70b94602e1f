from django.apps import AppConfig


class HonoursConfig(AppConfig):
    """เกียรติบัตร: certificates, their public verification and revocation."""

    name = "rangwan.honours"
    label = "honours"

    def ready(self):
        # Here, not at the top: models load only once the registry is ready.
        from rangwan.directory.personal_data import register
        from rangwan.honours.personal_data import HOLDER

        register(HOLDER)
