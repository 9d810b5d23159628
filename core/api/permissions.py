from rest_framework.permissions import DjangoModelPermissions


class RolePermissions(DjangoModelPermissions):
    """Model permissions for every method, reads included: a signed-in user without a role sees nothing,
    Participants and Chairs read, PMO writes. Anonymous callers are refused (401 with a token header)."""

    perms_map = {
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "POST": ["%(app_label)s.add_%(model_name)s"],
        "PUT": ["%(app_label)s.change_%(model_name)s"],
        "PATCH": ["%(app_label)s.change_%(model_name)s"],
        "DELETE": ["%(app_label)s.delete_%(model_name)s"],
    }

    def has_permission(self, request, view):
        # A method the endpoint does not offer (DELETE: records are archived, not removed) answers 405,
        # not a misleading 403 about a permission nobody has.
        if request.method not in view.allowed_methods:
            return True
        # A workflow endpoint names the permission it needs (issuing a headline report is not adding a meeting).
        needed = getattr(view, "action_permissions", {}).get(getattr(view, "action", None))
        if needed is not None:
            return bool(request.user and request.user.is_authenticated and request.user.has_perms(needed))
        return super().has_permission(request, view)

    def _queryset(self, view):
        # Only the queryset's model is read here, for the permissions' names. A register's serializer names the
        # same model, so the view's queryset (its restriction, joins and prefetches) is not built twice a request.
        model = getattr(getattr(getattr(view, "serializer_class", None), "Meta", None), "model", None)
        if model is not None:
            return model._default_manager.none()
        return super()._queryset(view)
