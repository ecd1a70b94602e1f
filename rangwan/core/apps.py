from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rangwan.core"
    label = "core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from rangwan.core.middleware import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="rangwan-session-clock")
