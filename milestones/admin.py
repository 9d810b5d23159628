from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from milestones.models import Milestone


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ("ref", "tier", "title", "forum", "baseline_on", "forecast_on", "actual_on", "rag", "classification")
    list_filter = ("tier", "forum", "rag", "status", "classification")
    search_fields = ("ref", "title", "responsible")
    list_select_related = ("forum",)
    # RAG is derived by the recompute task; baseline moves go through the page or API, which ask for authority.
    readonly_fields = ("rag", "workstream", "version", "baseline_on")
    filter_horizontal = ("depends_on",)
