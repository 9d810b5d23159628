from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from changes.api.urls import routes as changes_routes
from core.views import health
from meetings.api.urls import routes as meetings_routes
from mhhs_governance.spreadsheet_views import urlpatterns as spreadsheet_urls
from milestones.api.urls import routes as milestones_routes
from notifications.api.urls import routes as notifications_routes
from programme.api.urls import routes as programme_routes
from raid.api.urls import routes as raid_routes

router = DefaultRouter()
for prefix, viewset, basename in (
    *programme_routes,
    *changes_routes,
    *raid_routes,
    *milestones_routes,
    *meetings_routes,
    *notifications_routes,
):
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    # Spreadsheet import/export before the registers, whose /<ref>/ patterns would take "export.xlsx".
    *spreadsheet_urls(),
    # Programme first: its /groups/new/ must win over the dashboards' /groups/<code>/ page.
    path("", include("programme.urls")),
    path("", include("dashboards.urls")),
    path("changes/", include("changes.urls")),
    path("raid/", include("raid.urls")),
    path("milestones/", include("milestones.urls")),
    path("", include("meetings.urls")),
    path("inbox/", include("notifications.urls")),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("api/", include(router.urls)),
    path("api/token/", obtain_auth_token, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]

admin.site.site_header = "MHHS Governance Tracker — administration"
admin.site.site_title = "MHHS Governance admin"

handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
