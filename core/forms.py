from django import forms

from core.models import VersionedModel
from core.restriction import RestrictedQuerySet


def restrict_choices(form: forms.BaseForm, user) -> forms.BaseForm:
    """Offers and accepts only the records `user` may see, in every field that picks from a register."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if isinstance(queryset, RestrictedQuerySet) and not queryset.is_restricted:
            field.queryset = queryset.restrict(user)
    return form


def apply_bootstrap(form: forms.BaseForm) -> forms.BaseForm:
    """Gives every widget its Bootstrap class, so templates render fields without per-field markup."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.MultiWidget):
            # Range filters ("raised between"): two inputs side by side.
            for part in widget.widgets:
                part.attrs["class"] = "form-control d-inline-block w-auto"
                if isinstance(field, forms.MultiValueField) and any(
                    isinstance(sub, forms.DateField) for sub in field.fields
                ):
                    part.input_type = "date"
            continue
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        if isinstance(widget, forms.DateInput):
            # The browser's date picker reads and writes ISO dates, whatever the display locale.
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    return form


class RecordForm(forms.ModelForm):
    """A register's edit form. For a versioned record it carries the version it was loaded with, so the
    view can refuse the save if someone else saved in between."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.instance, VersionedModel) and self.instance.pk is not None:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, initial=self.instance.version)
        apply_bootstrap(self)
