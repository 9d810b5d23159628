from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpResponseBadRequest, JsonResponse


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every page needs a signed-in user; the API is left to DRF, which answers 401/403 rather than
    redirecting a machine client to a login form."""

    api_prefix = "/api/"

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(self.api_prefix) or request.path_info.startswith(settings.STATIC_URL):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class RejectNullCharactersMiddleware:
    """A NUL character in the path, the query string or a form or JSON body is refused with 400: no ref, text
    or search holds one, and PostgreSQL refuses it in text, which would otherwise surface as a server error.
    (File uploads are binary and are read by the import, which refuses what it cannot read.)"""

    message = "Null characters are not allowed."
    # How a NUL is spelled in a body of each type.
    body_spellings = {
        "application/json": (b"\\u0000",),
        "application/x-www-form-urlencoded": (b"%00", b"\x00"),
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._carries_null(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": self.message}, status=400)
            return HttpResponseBadRequest(self.message, content_type="text/plain")
        return self.get_response(request)

    def _carries_null(self, request) -> bool:
        query_values = (value for _, values in request.GET.lists() for value in values)
        if "\x00" in request.path or any("\x00" in value for value in query_values):
            return True
        spellings = self.body_spellings.get(request.content_type, ())
        return bool(spellings) and any(spelling in request.body for spelling in spellings)
