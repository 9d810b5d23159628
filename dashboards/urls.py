from django.urls import path

from dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("changes-since/", views.changes_since, name="changes-since"),
    path("search/", views.search, name="search"),
    path("my/", views.my_items, name="my"),
    path("groups/<slug:code>/", views.GroupPageView.as_view(), name="group"),
    path("groups/<slug:code>/calendar.ics", views.group_calendar_feed, name="group-calendar"),
]
