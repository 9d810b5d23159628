from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every page needs a signed-in user; the API is left to DRF, which answers 401/403 rather than
    redirecting a machine client to a login form."""

    api_prefix = "/api/"

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(self.api_prefix) or request.path_info.startswith(settings.STATIC_URL):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
