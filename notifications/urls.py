from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("<int:pk>/read/", views.mark_read, name="mark-read"),
    path("read-all/", views.mark_all_read, name="mark-all-read"),
    path("preferences/", views.PreferencesView.as_view(), name="preferences"),
    path("follow/group/<slug:code>/", views.follow_group, name="follow-group"),
    path("follow/<slug:record_type>/<str:ref>/", views.follow_record, name="follow-record"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("outbox/", views.OutboxView.as_view(), name="outbox"),
    path("outbox/<int:pk>/retry/", views.retry_delivery, name="outbox-retry"),
]
