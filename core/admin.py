from django import forms
from django.contrib import admin

from core.models import ChoiceMapping
from core.spreadsheets import SHEETS
from core.vocabulary import normal


class ChoiceMappingForm(forms.ModelForm):
    """A kept mapping names a register's choice column and one of its choices, by code or label: checked against
    the register's sheet, so a mapping can never read a wording as a value the register does not have."""

    class Meta:
        model = ChoiceMapping
        fields = ("kind", "column", "value", "choice")

    def clean(self):
        cleaned = super().clean()
        kind, column, choice = (cleaned.get(name) for name in ("kind", "column", "choice"))
        if not (kind and column and choice):
            return cleaned
        if kind not in SHEETS:
            self.add_error("kind", f"Not a register: {', '.join(sorted(SHEETS))}.")
            return cleaned
        try:
            cleaned["column"], cleaned["choice"] = SHEETS[kind]().mapping_target(column, choice)
        except ValueError as refused:
            raise forms.ValidationError(str(refused)) from refused
        if cleaned.get("value"):
            cleaned["value"] = normal(cleaned["value"])
        return cleaned


@admin.register(ChoiceMapping)
class ChoiceMappingAdmin(admin.ModelAdmin):
    form = ChoiceMappingForm
    list_display = ("kind", "column", "value", "choice", "created_by", "created_at")
    list_filter = ("kind", "column")
    search_fields = ("value", "choice")
    list_select_related = ("created_by",)
    readonly_fields = ("created_by", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
