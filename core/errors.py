"""Error pages. Requests to the API get JSON, people get the site's friendly pages."""

from django.http import JsonResponse
from django.views import defaults


def _wants_json(request) -> bool:
    return request.path_info.startswith("/api/")


def permission_denied(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _wants_json(request):
        return JsonResponse({"detail": "Server error. The failure has been logged."}, status=500)
    return defaults.server_error(request)
