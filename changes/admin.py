from django.contrib import admin

from changes.models import ChangeRequest, ImpactResponse
from core.admin_history import HistoryAdmin


@admin.register(ChangeRequest)
class ChangeRequestAdmin(HistoryAdmin):
    list_display = ("ref", "title", "status", "stage", "decision_body", "ia_closes_on", "classification")
    list_filter = ("status", "stage", "decision_body", "classification")
    search_fields = ("ref", "title", "description")
    list_select_related = ("decision_body",)
    # Lifecycle fields move through changes.services, never by hand.
    readonly_fields = ("status", "stage", "latest_action", "version")
    filter_horizontal = ("mutually_exclusive_with", "ia_constituencies")


@admin.register(ImpactResponse)
class ImpactResponseAdmin(HistoryAdmin):
    list_display = ("change_request", "organisation", "response", "shared", "on_behalf", "entered_by", "responded_at")
    list_filter = ("response", "shared", "on_behalf", "organisation__constituency")
    search_fields = ("change_request__ref", "organisation__name", "comments")
    list_select_related = ("change_request", "organisation", "entered_by")
    autocomplete_fields = ("organisation",)
    # Who entered an answer, and for whom, is written by changes.services.impact_response_submit.
    readonly_fields = ("entered_by", "on_behalf")
