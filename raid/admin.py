from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseModelFormSet

from core.admin_history import HistoryAdmin
from raid.models import MitigationStep, RaidItem, RaidTheme, ScoreBand, ScoreMatrixCell
from raid.services import rescore_all

SCORES = set(range(1, 31))


class MitigationStepInline(admin.TabularInline):
    model = MitigationStep
    extra = 0
    fields = ("position", "text", "owner", "due_on", "done")


@admin.register(RaidItem)
class RaidItemAdmin(HistoryAdmin):
    list_display = ("ref", "kind", "title", "score", "status", "theme", "classification")
    list_filter = ("kind", "status", "theme", "classification")
    search_fields = ("ref", "title", "description")
    list_select_related = ("theme",)
    readonly_fields = ("score", "version")
    filter_horizontal = ("groups",)
    inlines = [MitigationStepInline]


@admin.register(RaidTheme)
class RaidThemeAdmin(HistoryAdmin):
    list_display = ("name",)
    search_fields = ("name",)


class WholeGridFormSet(BaseModelFormSet):
    """The matrix or band table is validated as a whole: a swap of two scores is one valid edit."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        edited = {form.instance.pk: form.cleaned_data for form in self.forms if form.cleaned_data}
        self.check_whole(edited)

    def check_whole(self, edited: dict) -> None:
        raise NotImplementedError


class MatrixFormSet(WholeGridFormSet):
    def check_whole(self, edited):
        scores = [
            edited[cell.pk]["score"] if cell.pk in edited else cell.score for cell in ScoreMatrixCell.objects.all()
        ]
        if sorted(scores) != sorted(SCORES):
            repeated = sorted({s for s in scores if scores.count(s) > 1})
            raise forms.ValidationError(
                f"Each score 1–30 must appear exactly once in the matrix; repeated: {', '.join(map(str, repeated))}."
            )


class BandFormSet(WholeGridFormSet):
    def check_whole(self, edited):
        covered = []
        for band in ScoreBand.objects.all():
            values = edited.get(band.pk, {"min_score": band.min_score, "max_score": band.max_score})
            covered.extend(range(values["min_score"], values["max_score"] + 1))
        if sorted(covered) != sorted(SCORES):
            raise forms.ValidationError("The bands must cover the scores 1–30 once each, without gaps or overlaps.")


class GridAdmin(HistoryAdmin):
    """Edited in the list page only, the whole grid at once; a saved edit re-scores every item (with history)."""

    formset_class: type[WholeGridFormSet]

    def get_changelist_formset(self, request, **kwargs):
        kwargs["formset"] = self.formset_class
        return super().get_changelist_formset(request, **kwargs)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            changed = rescore_all(actor=request.user)
            messages.info(request, f"{changed} RAID item score{'s' if changed != 1 else ''} changed.")
        return response

    def get_readonly_fields(self, request, obj=None):
        # A single row cannot change alone without breaking the whole: edit in the list.
        return self.list_editable if obj is not None else ()


@admin.register(ScoreMatrixCell)
class ScoreMatrixCellAdmin(GridAdmin):
    formset_class = MatrixFormSet
    list_display = ("likelihood", "impact", "score")
    list_display_links = None
    list_editable = ("score",)
    ordering = ("-likelihood", "impact")
    list_per_page = 30


@admin.register(ScoreBand)
class ScoreBandAdmin(GridAdmin):
    formset_class = BandFormSet
    list_display = ("band", "min_score", "max_score")
    list_display_links = None
    list_editable = ("min_score", "max_score")
