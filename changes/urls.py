from django.urls import path

from changes import views

app_name = "changes"

urlpatterns = [
    path("", views.ChangeRequestListView.as_view(), name="list"),
    path("new/", views.ChangeRequestCreateView.as_view(), name="create"),
    path("status/", views.ChangeRequestStatusView.as_view(), name="status"),
    path("<str:ref>/", views.ChangeRequestDetailView.as_view(), name="detail"),
    path("<str:ref>/edit/", views.ChangeRequestUpdateView.as_view(), name="edit"),
    path("<str:ref>/transitions/<str:step>/", views.transition, name="transition"),
    path("<str:ref>/responses/", views.record_response, name="record-response"),
    path("<str:ref>/impact-summary/", views.impact_summary_fragment, name="impact-summary"),
]
