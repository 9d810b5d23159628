"""The lean read path of the hot API lists: the page is read with one `.values_list()` query, the related refs and
nested rows of all its records with one more (a tagged UNION ALL over the page's ids: set-based, where a correlated
subquery per record and relation cost ~1 ms per 500 records on PostgreSQL), and each row becomes the serializer's
representation without model instances, prefetches or field-by-field serialisation.

There is one definition of a record's JSON, the serializer; this module only derives a plan from it. Each field the
plan cannot read from a row refuses to build. A `SerializerMethodField` is computed by the serializer's own
`get_<name>` method, given a row that carries the columns the method declares with `core.api.fields.computed_from`.
As of a moment the plan reads a page of historical versions the same way (`build_as_of_plan`), where building a
record per version and serialising it cost ~10× the read.
tests/test_json_definition.py compares both paths record for record."""

import functools
import json
from collections import namedtuple
from dataclasses import dataclass
from operator import itemgetter

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import F, Prefetch, Value, Window
from django.db.models.functions import Cast, JSONObject, RowNumber
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.settings import api_settings
from simple_history.utils import get_m2m_reverse_field_name

from core.history import readable
from core.lookups import OneOf

# Fields whose database value is already their JSON value (dates: the JSON encoder writes the same ISO date).
_AS_IS = (serializers.CharField, serializers.ChoiceField, serializers.IntegerField, serializers.DateField)


@dataclass(frozen=True)
class _Shape:
    """What a serializer class shows, in the terms of a row; the same for every request, so built once.

    A row is selected in `lookups` order: first the value of each key in `read` (a column, a related slug, or the
    alias of an annotation built per request), then the extra columns the computed fields read."""

    keys: tuple  # every key the serializer shows, in its order
    read: tuple  # the keys whose value is selected as such, in select order
    lookups: tuple
    converted: tuple  # (position, to_representation) of the values that are not yet their JSON value
    lists: tuple  # (key, source, slug field): related refs
    nested: tuple  # (key, source, {child key: child source}, ((child key, to_representation), …))
    computed: tuple  # (key, method name, row maker: the columns the method reads, from a selected row)
    pk: int | None  # the position of the record's pk, by which its related rows are read


def _columns_read_by(method) -> tuple:
    reads = getattr(method, "computed_from", None)
    if reads is None:
        raise ImproperlyConfigured(f"{method.__qualname__} must say the columns it reads (@computed_from).")
    return reads


@functools.cache
def _shape(serializer_class) -> _Shape:
    # Reading a serializer's fields deep-copies every declared field: done once per class, not per request.
    serializer = serializer_class()
    keys, read, lookups, converted, lists, nested, methods = [], [], [], [], [], [], []
    for key, serializer_field in serializer.fields.items():
        if serializer_field.write_only:
            continue
        keys.append(key)
        source = serializer_field.source
        if isinstance(serializer_field, serializers.SerializerMethodField):
            methods.append((key, serializer_field.method_name))
            continue
        if isinstance(serializer_field, serializers.ManyRelatedField):
            lists.append((key, source, serializer_field.child_relation.slug_field))
            continue
        if isinstance(serializer_field, serializers.ListSerializer):
            readable = {k: f for k, f in serializer_field.child.fields.items() if not f.write_only}
            # JSON built by the database carries dates as text and, on SQLite, booleans as 0 / 1: each value is
            # read back through its field.
            nested.append(
                (
                    key,
                    source,
                    {k: f.source for k, f in readable.items()},
                    tuple((k, f.to_representation) for k, f in readable.items()),
                )
            )
            continue
        if isinstance(serializer_field, serializers.SlugRelatedField):
            lookup = f"{source}__{serializer_field.slug_field}"
        elif isinstance(serializer_field, serializers.RelatedField) or "." in source or source == "*":
            raise ImproperlyConfigured(f"{serializer_class.__name__}.{key} cannot be read from a row.")
        else:
            lookup = source
            if not isinstance(serializer_field, _AS_IS):
                converted.append((len(read), serializer_field.to_representation))
        read.append(key)
        lookups.append(lookup)
    if lists or nested:
        # The related rows are read by the record's pk.
        lookups.append("pk")
    computed = []
    for key, method_name in methods:
        reads = _columns_read_by(getattr(serializer_class, method_name))
        for name in reads:
            if name not in lookups:
                lookups.append(name)
        computed.append((key, method_name, _row_maker(reads, [lookups.index(name) for name in reads])))
    return _Shape(
        keys=tuple(keys),
        read=tuple(read),
        lookups=tuple(lookups),
        converted=tuple(converted),
        lists=tuple(lists),
        nested=tuple(nested),
        computed=tuple(computed),
        pk=lookups.index("pk") if "pk" in lookups else None,
    )


def _row_maker(names: tuple, positions: list):
    """What a computed field's method is given: the columns it reads, by name, from a selected row."""
    row_class = namedtuple("Row", names)
    if len(positions) == 1:
        (position,) = positions
        return lambda row: row_class(row[position])
    get, make = itemgetter(*positions), row_class._make
    return lambda row: make(get(row))


@dataclass
class LeanPlan:
    shape: _Shape
    related: tuple  # (key, nested?, the relation's rows for a page: ids -> (owner, value, rank) query)
    methods: tuple  # (key, bound method, row maker)
    lookups: tuple = ()  # what a row selects, when not the shape's (a historical version's names)
    owners: dict | None = None  # key -> the position in a row of the owner its related rows are read by
    defaults: dict | None = None  # column -> the value a row gives it, for a column the versions do not keep

    def rows(self, queryset) -> models.QuerySet:
        if self.defaults:
            queryset = queryset.annotate(**{name: Value(value) for name, value in self.defaults.items()})
        return queryset.prefetch_related(None).values_list(*(self.lookups or self.shape.lookups))

    def related_rows(self, ids: dict[str, list]) -> dict[str, dict]:
        """Each relation's values by owner (`ids[key]`, the owners of the page), in the relation's order: one query
        for all relations of the page, each branch tagged with its position and ranked in its own order."""
        by_key = {key: {} for key, _, _ in self.related}
        if not self.related or not any(ids.values()):
            return by_key
        first, *others = (branch(ids[key], tag) for tag, (key, _, branch) in enumerate(self.related))
        keys = [(key, is_nested) for key, is_nested, _ in self.related]
        for tag, owner, value, _ in first.union(*others, all=True).order_by("lean_tag", "lean_rank"):
            key, is_nested = keys[tag]
            by_key[key].setdefault(owner, []).append(json.loads(value) if is_nested else value)
        return by_key

    def records(self, rows, **names) -> list:
        """The page's rows as records with the attributes `names` maps to what a row selects (e.g. `id="pk"`), for a
        computation over the whole page before it is rendered."""
        lookups = self.lookups or self.shape.lookups
        make = _row_maker(tuple(names), [lookups.index(lookup) for lookup in names.values()])
        return [make(row) for row in rows]

    def _related_of(self, rows: list, owners: dict) -> dict[str, dict]:
        """Each relation's values for the page, read by the owners the relation is keyed by (a record's pk, or a
        historical version's id for a relation the history tracks)."""
        return self.related_rows({key: [row[position] for row in rows] for key, position in owners.items()})

    def render(self, rows) -> list[dict]:
        shape = self.shape
        rows = list(rows)
        owners = self.owners or {key: shape.pk for key, _, _ in self.related}
        related = self._related_of(rows, owners) if self.related else {}
        # Each representation starts as a copy of this template, so its keys keep the serializer's order.
        template = dict.fromkeys(shape.keys)
        read, converted, methods = shape.read, shape.converted, self.methods
        lists = [(key, related[key], owners[key]) for key, _, _ in shape.lists]
        nested = [(key, related[key], owners[key], fields) for key, _, _, fields in shape.nested]
        rendered = []
        for row in rows:
            data = template.copy()
            # A row ends with the columns only computed fields read, which zip leaves out.
            data.update(zip(read, row, strict=False))
            for position, convert in converted:
                if (value := row[position]) is not None:
                    data[read[position]] = convert(value)
            for key, values, owner in lists:
                data[key] = values.get(row[owner], [])
            for key, items, owner, fields in nested:
                data[key] = [
                    {name: convert(item[name]) if item[name] is not None else None for name, convert in fields}
                    for item in items.get(row[owner], ())
                ]
            for key, method, make in methods:
                data[key] = method(make(row))
            rendered.append(data)
        return rendered


def _prefetch_queryset(queryset, name, model):
    """The queryset a list prefetches `name` with (its visibility filter and order), or all of `model`."""
    for lookup in queryset._prefetch_related_lookups:
        if isinstance(lookup, Prefetch) and lookup.prefetch_to == name and lookup.queryset is not None:
            return lookup.queryset
    return model._default_manager.all()


def _branch(related, owner: str, value, ordering=None):
    """The rows of `related` that belong to a page's records: (tag, owner pk, value as text, rank in the
    relation's order), to be joined to the other relations' by UNION ALL."""
    ordering = ordering or [*(related.query.order_by or related.model._meta.ordering), "pk"]

    def rows(ids: list, tag: int):
        return (
            related.filter(OneOf(F(owner), ids))
            .order_by()
            .annotate(
                lean_tag=Value(tag),
                lean_owner=F(owner),
                lean_value=Cast(value, models.TextField()),
                lean_rank=Window(RowNumber(), order_by=ordering),
            )
            .values_list("lean_tag", "lean_owner", "lean_value", "lean_rank")
        )

    return rows


def build_plan(serializer: serializers.ModelSerializer, queryset) -> LeanPlan:
    """How to read `serializer`'s representation of `queryset`'s records: a page in one query, the related rows
    of its records in one more, those the queryset prefetches (its visibility filter and order)."""
    model = serializer.Meta.model
    shape = _shape(type(serializer))
    related = []
    for key, source, slug in shape.lists:
        relation = model._meta.get_field(source)
        rows = _prefetch_queryset(queryset, source, relation.related_model)
        related.append((key, False, _branch(rows, relation.related_query_name(), F(slug))))
    for key, source, child_sources, _ in shape.nested:
        relation = model._meta.get_field(source)
        rows = _prefetch_queryset(queryset, source, relation.related_model)
        objects = JSONObject(**{child_key: F(child_source) for child_key, child_source in child_sources.items()})
        related.append((key, True, _branch(rows, relation.field.name, objects)))
    methods = tuple((key, getattr(serializer, name), make) for key, name, make in shape.computed)
    return LeanPlan(shape=shape, related=tuple(related), methods=methods)


def build_as_of_plan(serializer: serializers.ModelSerializer, queryset, versions, user) -> LeanPlan:
    """`build_plan` for a page of historical versions (`versions`, read from the register's `queryset` by
    core.clock): the same columns by the same names on the history model, derived fields as the versions' annotations,
    and a field the history does not keep as a record built from its version has it (its default), as
    clock.records_as_of gives the serializer. A many-to-many relation the history tracks is read from the page's
    versions' historical links, limited to the related records `user` may see and in their model's order; the
    relations it does not track are read as they are now."""
    plan = build_plan(serializer, queryset)
    model, history = serializer.Meta.model, versions.model
    tracked = {field.name: field for field in getattr(history, "_history_m2m_fields", ())}
    lookups = ["id" if lookup == "pk" else lookup for lookup in plan.shape.lookups]
    owners = {key: plan.shape.pk for key, _, _ in plan.related}
    related = list(plan.related)
    for index, (key, source, slug) in enumerate(plan.shape.lists):
        if source in tracked:
            if "history_id" not in lookups:
                lookups.append("history_id")
            owners[key] = lookups.index("history_id")
            related[index] = (key, False, _tracked_branch(history, tracked[source], slug, user))
    kept = {field.name for field in history._meta.get_fields()} | set(versions.query.annotations)
    missing = {lookup.split("__")[0] for lookup in lookups} - kept
    plan.lookups, plan.owners, plan.related = tuple(lookups), owners, tuple(related)
    plan.defaults = {name: model._meta.get_field(name).get_default() for name in missing}
    return plan


def _tracked_branch(history, field, slug: str, user):
    """The historical links of `field` of a page's versions (by history id), to related records `user` may see."""
    through = getattr(history, field.name).model
    target = get_m2m_reverse_field_name(field)
    related = field.related_model
    ordering = [
        f"-{target}__{term[1:]}" if term.startswith("-") else f"{target}__{term}" for term in related._meta.ordering
    ]
    links = through._default_manager.filter(**{f"{target}__in": readable(related, user).values("pk")})
    return _branch(links, "history_id", F(f"{target}__{slug}"), [*ordering, f"{target}__pk"])


class CountedRows:
    """The rows to paginate, counted on the plain filtered queryset: the joins and subqueries that shape a row
    change no count, and PostgreSQL does not drop them from a COUNT by itself."""

    ordered = True

    def __init__(self, rows, queryset):
        self.rows, self.queryset = rows, queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        return self.rows[index]

    def __iter__(self):
        return iter(self.rows)


class LeanListMixin:
    """`list` through the lean plan when `lean_list` is set and the request asks nothing the plan cannot answer."""

    lean_list = False

    def lean_list_applies(self) -> bool:
        # As of a moment (core.api.views.AsOfMixin, which answers first) the plan reads the historical versions.
        return self.lean_list

    def list(self, request, *args, **kwargs):
        if not self.lean_list_applies():
            return super().list(request, *args, **kwargs)
        queryset = self.get_queryset()
        if not self._asks_for_no_filter():
            queryset = self.filter_queryset(queryset)
        serializer = self.get_serializer()
        plan = build_plan(serializer, queryset)
        rows = CountedRows(plan.rows(queryset), queryset)
        page = self.paginate_queryset(rows)
        shown = list(page if page is not None else rows)
        # The serializer's methods, which the plan calls, read the context: what they need of the whole page goes in.
        serializer.context.update(self.lean_page_context(plan, shown))
        data = plan.render(shown)
        return self.get_paginated_response(data) if page is not None else Response(data)

    def lean_page_context(self, plan: LeanPlan, rows: list) -> dict:
        """What the serializer's computed fields need of the page as a whole (read once for all its rows)."""
        return {}

    def _asks_for_no_filter(self) -> bool:
        """Whether the request names nothing but a page (and a format): then the FilterSet, built filter by filter
        for each request, would select every row of the (already restricted) queryset, so it is not built."""
        if not all(issubclass(backend, DjangoFilterBackend) for backend in self.filter_backends):
            return False
        paging = {
            getattr(self.paginator, "page_query_param", None),
            getattr(self.paginator, "page_size_query_param", None),
        }
        return set(self.request.query_params) <= {*paging, api_settings.URL_FORMAT_OVERRIDE}
