from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "rangwan.documents"
    label = "documents"
