from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from core.models import VersionedModel
from core.restriction import RestrictedQuerySet


def restrict_choices(form: forms.BaseForm, user) -> forms.BaseForm:
    """Offers and accepts only the records `user` may see, in every field that picks from a register."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if isinstance(queryset, RestrictedQuerySet) and not queryset.is_restricted:
            field.queryset = queryset.restrict(user)
    return form


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html in Python."""
    return "".join(
        f" {conditional_escape(name)}" + ("" if value is True else f'="{conditional_escape(str(value))}"')
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """django/forms/widgets/input_option.html (and input.html) in Python."""
    value = "" if widget["value"] is None else f' value="{conditional_escape(str(widget["value"]))}"'
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    tag = f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'
    if not widget.get("wrap_label"):
        return tag
    label_id = widget["attrs"].get("id")
    label_for = f' for="{conditional_escape(label_id)}"' if label_id else ""
    return f"<label{label_for}>{tag} {conditional_escape(widget['label'])}</label>"


class Select(forms.Select):
    """Django's Select, its markup written in Python: Django's templates render a template for every option, which
    cost a filter bar of a few hundred meetings tens of milliseconds. Named as Django's, so templates reading
    `field.widget_type` see the same widget."""

    def _render(self, template_name, context, renderer=None):
        if template_name != self.template_name:
            return super()._render(template_name, context, renderer)
        widget = context["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            html.extend(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>"
                for option in options
            )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Django's checkboxes, each option (ticked in the page's dropdowns) written in Python, as Select's are."""

    def _render(self, template_name, context, renderer=None):
        if template_name != self.option_template_name:
            return super()._render(template_name, context, renderer)
        return mark_safe(_input(context["widget"]))


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
