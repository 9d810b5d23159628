from programme.api import views

routes = [
    ("constituencies", views.ConstituencyViewSet, "constituency"),
    ("organisations", views.OrganisationViewSet, "organisation"),
    ("governance-groups", views.GovernanceGroupViewSet, "governance-group"),
]
