from core.api.permissions import RolePermissions

ANSWERING = ("POST", "PUT", "PATCH")


class AnswerPermissions(RolePermissions):
    """IA answers are read as every register; written by the PMO, and by party representatives, whose answer the
    service (changes.services.impact_response_submit) then holds to their own party (403 otherwise)."""

    def has_permission(self, request, view):
        user = request.user
        answering = request.method in ANSWERING and user and user.is_authenticated
        if answering and user.has_perm("changes.respond_for_organisation"):
            return True
        return super().has_permission(request, view)
