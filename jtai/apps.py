from django.apps import AppConfig


class JtaiConfig(AppConfig):
    name = "jtai"
    verbose_name = "jtai"
