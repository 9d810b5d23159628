from django.urls import path

from programme import views

app_name = "programme"

urlpatterns = [
    path("groups/", views.GovernanceGroupListView.as_view(), name="group-list"),
    path("groups/new/", views.GovernanceGroupCreateView.as_view(), name="group-create"),
    path("groups/<slug:code>/edit/", views.GovernanceGroupUpdateView.as_view(), name="group-edit"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/new/", views.OrganisationCreateView.as_view(), name="organisation-create"),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path("organisations/<int:pk>/edit/", views.OrganisationUpdateView.as_view(), name="organisation-edit"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("constituencies/", views.ConstituencyListView.as_view(), name="constituency-list"),
    path("constituencies/new/", views.ConstituencyCreateView.as_view(), name="constituency-create"),
    path("constituencies/<slug:code>/", views.ConstituencyDetailView.as_view(), name="constituency-detail"),
    path("constituencies/<slug:code>/edit/", views.ConstituencyUpdateView.as_view(), name="constituency-edit"),
]
