from changes.api import views

routes = [
    ("change-requests", views.ChangeRequestViewSet, "change-request"),
    ("impact-responses", views.ImpactResponseViewSet, "impact-response"),
]
