from django.apps import AppConfig


class HonoursConfig(AppConfig):
    """เกียรติบัตร: certificates, their public verification and revocation."""

    name = "rangwan.honours"
    label = "honours"
