from html import escape

from django import forms
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


def conditional_escape(text) -> str:
    """django.utils.html.conditional_escape without its lazy-string wrapper, which costs more than the escaping on
    a form of a thousand options."""
    return text.__html__() if hasattr(text, "__html__") else escape(str(text))


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


class _OptionsInPython:
    """A select whose markup is written in Python, the same as Django's templates write it: they render a template
    for every option, which cost a filter bar of a few hundred meetings, or a form picking one of a thousand CRs,
    tens of milliseconds. Options are written straight from the choices (Django's optgroups / create_option, less
    the dictionaries nobody reads)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        values = self.format_value(value)
        html = [f'<select name="{conditional_escape(name)}"{_attrs(attrs)}>']
        has_selected = False
        for option_value, option_label in self.choices:
            option_value = "" if option_value is None else option_value
            group = isinstance(option_label, list | tuple)
            if group:
                html.append(f'\n  <optgroup label="{conditional_escape(option_value)}">')
            for subvalue, sublabel in option_label if group else [(option_value, option_label)]:
                selected = (not has_selected or self.allow_multiple_selected) and str(subvalue) in values
                has_selected |= selected
                html.append(
                    f'\n  <option value="{conditional_escape(str(subvalue))}"{" selected" if selected else ""}>'
                    f"{conditional_escape(sublabel)}</option>"
                )
            if group:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))


# Named as Django's widgets, so templates reading `field.widget_type` see the same widget.
class Select(_OptionsInPython, forms.Select):
    pass


class SelectMultiple(_OptionsInPython, forms.SelectMultiple):
    pass


class NullBooleanSelect(_OptionsInPython, forms.NullBooleanSelect):
    pass


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Django's checkboxes, each option's tag (the page's dropdowns tick them one by one) written in Python."""

    def _render(self, template_name, context, renderer=None):
        if template_name != forms.CheckboxSelectMultiple.option_template_name:
            return super()._render(template_name, context, renderer)
        return mark_safe(_input(context["widget"]))


IN_PYTHON = {
    forms.Select: Select,
    forms.SelectMultiple: SelectMultiple,
    forms.NullBooleanSelect: NullBooleanSelect,
    forms.CheckboxSelectMultiple: CheckboxSelectMultiple,
}


def apply_bootstrap(form: forms.BaseForm) -> forms.BaseForm:
    """Gives every widget its Bootstrap class, so templates render fields without per-field markup; a select or
    checkboxes become the same widget written in Python (the form's own copy of it)."""
    for field in form.fields.values():
        widget = field.widget
        if type(widget) in IN_PYTHON:
            widget.__class__ = IN_PYTHON[type(widget)]
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
