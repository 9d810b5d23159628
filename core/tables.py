"""The registers' tables: django-tables2 orders, paginates and writes the header and pager; the rows of a page are
written by `LeanTable.body_html` in one pass of Python, the same cells django-tables2 would write. Its own path
compiles a template for every templated cell and inspects every render method's signature for every cell, which
cost a register page ~100 ms for 50 rows."""

import datetime
from collections.abc import Callable
from functools import lru_cache
from html import escape
from inspect import signature
from operator import attrgetter
from urllib.parse import quote

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language

from core.forms import conditional_escape
from core.history import instance_of

# What reverse() leaves unquoted in a path (django.urls.resolvers), so a ref is written into a link as it would.
_PATH_SAFE = "!$&'()*+,;=/~:@"
_MARK = "__ref__"


def record_url(record) -> str:
    """Link of a table row, whether the row is a record or one of its historical versions (as-of views)."""
    return (instance_of(record) if hasattr(record, "history_id") else record).get_absolute_url()


class RefLink:
    """`linkify=RefLink("changes:detail")`: the page of the record named by `accessor` (its ref by default; a
    historical version has its record's ref), the URL reversed once per page rather than for every row."""

    def __init__(self, view_name: str, accessor: str = "ref"):
        self.view_name = view_name
        self.ref_of = attrgetter(accessor)

    def writer(self) -> Callable[[object], str]:
        head, tail = reverse(self.view_name, args=[_MARK]).split(_MARK)
        ref_of = self.ref_of
        return lambda record: f"{head}{quote(str(ref_of(record)), safe=_PATH_SAFE)}{tail}"

    def __call__(self, record) -> str:  # django-tables2's own path
        return self.writer()(record)


class DateColumn(tables.Column):
    """A date, or a date-time in local time, written as Django's `date` filter writes it in `format`."""

    def __init__(self, format: str, **kwargs):
        super().__init__(**kwargs)
        self.format = format

    def render(self, value):
        return date_text(value, self.format)


def date_text(value, format: str) -> str:
    """`{{ value|date:format }}`: a date-time is written in local time."""
    if type(value) is datetime.date:
        return _day_text(value, format, get_language())
    return date_filter(template_localtime(value), format)


@lru_cache(maxsize=8192)
def _day_text(day: datetime.date, format: str, language: str) -> str:
    """A day's text in a format and language: Django's date filter costs ~35 µs a call, and a register page writes
    up to 150 dates, most of them shared (a date-time is not kept: its text depends on the time zone)."""
    return date_filter(day, format)


def text(value) -> str:
    """A value as `{{ value }}` writes it: in local time, localised, escaped."""
    if type(value) is str:
        return escape(value)
    return conditional_escape(localize(template_localtime(value)))


class LeanTable(tables.Table):
    """A table whose page of rows is written by `body_html` (the tbody of templates/includes/lean_table.html).

    A cell is the column's `render_<name>(record)` method on the table, else its `render(value)` when the column
    has its own, else the value as text; `empty_values` give the column's default, and a `RefLink` (or any
    django-tables2 linkify) wraps the cell in a link. Rows are "even" / "odd" as django-tables2 writes them;
    `row_attrs` are not supported."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("template_name", "includes/lean_table.html")
        super().__init__(*args, **kwargs)

    def body_html(self) -> SafeString:
        columns = [(self._td(column), self._writer(column)) for column in self.columns]
        rows = []
        for counter, record in enumerate(row.record for row in self.paginated_rows):
            cells = "".join(f"<td{td}>{write(record)}</td>" for td, write in columns)
            rows.append(f'<tr class="{"odd" if counter % 2 else "even"}">{cells}</tr>')
        return mark_safe("\n".join(rows))

    @staticmethod
    def _td(bound_column) -> str:
        attrs = bound_column.attrs["td"].as_html()
        return f" {attrs}" if attrs else ""

    def _writer(self, bound_column) -> Callable[[object], str]:
        column = bound_column.column
        render = getattr(self, f"render_{bound_column.name}", None)
        if render is not None:
            if set(signature(render).parameters) != {"record"}:
                raise TypeError(f"{type(self).__name__}.render_{bound_column.name} must take only `record`.")
            content = lambda record, value: conditional_escape(render(record))  # noqa: E731
        elif type(column).render is not tables.Column.render:
            content = lambda record, value: conditional_escape(column.render(value))  # noqa: E731
        elif labels := self._choice_labels(bound_column):
            # A choice shows its label, as django-tables2 shows get_<field>_display().
            content = lambda record, value: text(labels.get(value, value))  # noqa: E731
        else:
            content = lambda record, value: text(value)  # noqa: E731
        link = self._link(bound_column)
        if link is not None:
            inner = content
            content = lambda record, value: f'<a href="{escape(link(record))}">{inner(record, value)}</a>'  # noqa: E731
        empty = column.empty_values
        if not empty:
            return lambda record: content(record, None)
        default = conditional_escape(bound_column.default)
        value_of = attrgetter(str(bound_column.accessor).replace("__", "."))

        def write(record):
            value = value_of(record)
            return default if value in empty else content(record, value)

        return write

    def _choice_labels(self, bound_column) -> dict:
        model = self._meta.model
        try:
            field = model._meta.get_field(str(bound_column.accessor)) if model else None
        except FieldDoesNotExist:
            return {}
        return dict(field.flatchoices) if field is not None and field.choices else {}

    @staticmethod
    def _link(bound_column) -> Callable[[object], str] | None:
        link = bound_column.link
        if link is None:
            return None
        if isinstance(link.url, RefLink):
            return link.url.writer()
        return lambda record: link.compose_url(record=record, bound_column=bound_column)
