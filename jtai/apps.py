from django.apps import AppConfig


class JtaiConfig(AppConfig):
    name = "jtai"
    verbose_name = "jtai"

    def ready(self):
        from . import authentication, changes

        authentication.connect_lockout_signal()
        changes.connect()
