from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from core import events
        from notifications.listeners import on_event

        events.subscribe(on_event)
