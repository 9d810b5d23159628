from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from raid.models import MitigationStep, RaidItem, RaidTheme, ScoreBand, ScoreMatrixCell
from raid.services import rescore_all


class MitigationStepInline(admin.TabularInline):
    model = MitigationStep
    extra = 0
    fields = ("position", "text", "owner", "due_on", "done")


@admin.register(RaidItem)
class RaidItemAdmin(SimpleHistoryAdmin):
    list_display = ("ref", "kind", "title", "score", "status", "theme", "classification")
    list_filter = ("kind", "status", "theme", "classification")
    search_fields = ("ref", "title", "description")
    list_select_related = ("theme",)
    readonly_fields = ("score", "version")
    filter_horizontal = ("groups",)
    inlines = [MitigationStepInline]


@admin.register(RaidTheme)
class RaidThemeAdmin(SimpleHistoryAdmin):
    list_display = ("name",)
    search_fields = ("name",)


class RescoringAdmin(SimpleHistoryAdmin):
    """Editing the matrix or the bands re-scores every item (with history), so no score is left stale."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = rescore_all(actor=request.user)
        messages.info(request, f"{changed} RAID item score{'s' if changed != 1 else ''} changed with the matrix.")


@admin.register(ScoreMatrixCell)
class ScoreMatrixCellAdmin(RescoringAdmin):
    list_display = ("likelihood", "impact", "score")
    list_editable = ("score",)
    ordering = ("-likelihood", "impact")


@admin.register(ScoreBand)
class ScoreBandAdmin(SimpleHistoryAdmin):
    list_display = ("band", "min_score", "max_score")
