from raid.api import views

routes = [
    ("raid-items", views.RaidItemViewSet, "raid-item"),
]
