from rest_framework.permissions import IsAuthenticated


class OwnInbox(IsAuthenticated):
    """Anyone signed in reads their own inbox, whatever their role; a method the endpoint does not offer answers 405
    to everyone, as across the API (core.api.permissions.RolePermissions), not a 401 first."""

    def has_permission(self, request, view):
        if request.method not in view.allowed_methods:
            return True
        return super().has_permission(request, view)
