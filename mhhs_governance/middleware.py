from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpResponseBadRequest


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every page needs a signed-in user; the API is left to DRF, which answers 401/403 rather than
    redirecting a machine client to a login form."""

    api_prefix = "/api/"

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(self.api_prefix) or request.path_info.startswith(settings.STATIC_URL):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class RejectNullCharactersMiddleware:
    """A NUL character in the path or the query string is refused with 400: no ref or search contains one, and
    PostgreSQL refuses it in text, which would otherwise surface as a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_values = (value for _, values in request.GET.lists() for value in values)
        if "\x00" in request.path or any("\x00" in value for value in query_values):
            return HttpResponseBadRequest("Null characters are not allowed in addresses.", content_type="text/plain")
        return self.get_response(request)
