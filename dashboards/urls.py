from django.urls import path

from dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("changes-since/", views.changes_since, name="changes-since"),
    path("search/", views.search, name="search"),
]
