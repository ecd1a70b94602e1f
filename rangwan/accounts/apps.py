from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rangwan.accounts"
    label = "accounts"
