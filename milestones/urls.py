from django.urls import path

from milestones import views

app_name = "milestones"

urlpatterns = [
    path("", views.MilestoneListView.as_view(), name="list"),
    path("new/", views.MilestoneCreateView.as_view(), name="create"),
    path("rollups/", views.rollups, name="rollups"),
    path("dashboards/<slug:code>/", views.delivery_dashboard, name="dashboard"),
    path("<str:ref>/", views.MilestoneDetailView.as_view(), name="detail"),
    path("<str:ref>/edit/", views.MilestoneUpdateView.as_view(), name="edit"),
]
