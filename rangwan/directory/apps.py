from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "rangwan.directory"
    label = "directory"
