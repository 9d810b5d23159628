from notifications.api import views

routes = [
    ("notifications", views.NotificationViewSet, "notification"),
]
