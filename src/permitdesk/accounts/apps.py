from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "permitdesk.accounts"
    verbose_name = "Roles and API tokens"
