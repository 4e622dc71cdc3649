from django.apps import AppConfig


class JtaiConfig(AppConfig):
    name = "jtai"
    verbose_name = "jtai"

    def ready(self):
        from . import authentication

        authentication.connect_lockout_signal()
