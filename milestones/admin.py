from django.contrib import admin
from django.db import transaction

from core.admin_history import HistoryAdmin
from milestones.models import Milestone


@admin.register(Milestone)
class MilestoneAdmin(HistoryAdmin):
    list_display = ("ref", "tier", "title", "forum", "baseline_on", "forecast_on", "actual_on", "rag", "classification")
    list_filter = ("tier", "forum", "rag", "status", "classification")
    search_fields = ("ref", "title", "responsible")
    list_select_related = ("forum",)
    # RAG is derived by the recompute task; baseline moves go through the page or API, which ask for authority.
    readonly_fields = ("rag", "workstream", "version", "baseline_on")
    filter_horizontal = ("depends_on",)

    def after_restore(self, request, restored):
        # RAG is kept out of the history: a restored milestone (and what depends on it) is recomputed.
        from milestones.tasks import recompute_rag

        ids = [restored.instance.pk]
        transaction.on_commit(lambda: recompute_rag.delay(ids))
