from django.urls import path

from raid import views

app_name = "raid"

urlpatterns = [
    path("", views.RaidItemListView.as_view(), name="list"),
    path("new/", views.RaidItemCreateView.as_view(), name="create"),
    path("heat-map/", views.heat_map, name="heat-map"),
    path("groups/<slug:code>/", views.top_risks, name="top-risks"),
    path("<str:ref>/", views.RaidItemDetailView.as_view(), name="detail"),
    path("<str:ref>/edit/", views.RaidItemUpdateView.as_view(), name="edit"),
    path("<str:ref>/<str:action>/", views.close_or_reopen, name="close-or-reopen"),
]
