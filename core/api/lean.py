"""The lean read path of the hot API lists: the page is read with one `.values()` query — related refs and nested
rows gathered by correlated subqueries as JSON arrays — and mapped to the serializer's keys, instead of building
model instances, prefetching and serialising field by field.

The plan is derived from the serializer itself, so the JSON is the serializer's (and the OpenAPI schema's): a field
the plan cannot read from a row refuses to build, and tests/test_lean_lists.py compares both paths record for record.
A `SerializerMethodField` is computed by the serializer's `lean_<name>(row)` method from the row's columns."""

import functools
import json
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import F, OuterRef, Prefetch
from django.db.models.functions import JSONObject
from rest_framework import serializers
from rest_framework.response import Response

from core import clock

# Fields whose database value is already their JSON value (dates: the JSON encoder writes the same ISO date).
_AS_IS = (serializers.CharField, serializers.ChoiceField, serializers.IntegerField, serializers.DateField)


class _JsonText(models.Field):
    """Output field of a JSON array built by the database: text on both vendors, decoded here."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return []
        return value if isinstance(value, list) else json.loads(value)


class JsonArray(models.Subquery):
    """The rows of a one-column subquery (aliased `v`) as a JSON array, in the subquery's order."""

    output_field = _JsonText()

    def __init__(self, queryset, *, objects: bool):
        super().__init__(queryset, output_field=_JsonText())
        self.objects = objects

    def as_sql(self, compiler, connection, template=None, **extra_context):
        inner, params = super().as_sql(compiler, connection, **extra_context)
        if connection.vendor == "postgresql":
            if not self.objects:
                return f"ARRAY{inner}", params  # read by the driver as a list, with no JSON to decode
            return f"(SELECT COALESCE(jsonb_agg(s.v), '[]'::jsonb)::text FROM {inner} s)", params
        # SQLite: an object built in the subquery reaches the aggregate as text, so json() re-reads it.
        value = "json(s.v)" if self.objects else "s.v"
        return f"(SELECT COALESCE(json_group_array({value}), '[]') FROM {inner} s)", params


@dataclass
class _Column:
    key: str
    lookup: str
    convert: object = None  # the serializer field's to_representation, when the raw value is not the JSON value


@dataclass
class _Nested:
    key: str
    alias: str
    fields: list = field(default_factory=list)  # (key, to_representation or None)


@dataclass
class LeanPlan:
    columns: list
    lists: list  # (key, alias) of related refs
    nested: list
    computed: list  # (key, method)
    annotations: dict

    def rows(self, queryset) -> models.QuerySet:
        lookups = {column.lookup for column in self.columns}
        return queryset.prefetch_related(None).annotate(**self.annotations).values(*sorted(lookups), *self.annotations)

    def render(self, rows) -> list[dict]:
        rendered = []
        for row in rows:
            data = {}
            for column in self.columns:
                value = row[column.lookup]
                data[column.key] = column.convert(value) if column.convert and value is not None else value
            for key, alias in self.lists:
                data[key] = row[alias]
            for nested in self.nested:
                data[nested.key] = [
                    {
                        key: convert(item[key]) if convert and item[key] is not None else item[key]
                        for key, convert in nested.fields
                    }
                    for item in row[nested.alias]
                ]
            for key, method in self.computed:
                data[key] = method(row)
            rendered.append(data)
        return rendered


def _prefetch_queryset(queryset, name, model):
    """The queryset a list prefetches `name` with (its visibility filter and order), or all of `model`."""
    for lookup in queryset._prefetch_related_lookups:
        if isinstance(lookup, Prefetch) and lookup.prefetch_to == name and lookup.queryset is not None:
            return lookup.queryset
    return model._default_manager.all()


def _converter(serializer_field):
    return None if isinstance(serializer_field, _AS_IS) else serializer_field.to_representation


@dataclass(frozen=True)
class _Shape:
    """What a serializer class shows, in the terms of a row; the same for every request, so built once."""

    columns: list
    lists: list  # (key, source, slug field)
    nested: list  # (key, source, {child key: child source}, [(child key, to_representation)])
    computed: list  # keys of SerializerMethodFields


@functools.cache
def _shape(serializer_class) -> _Shape:
    # Reading a serializer's fields deep-copies every declared field: done once per class, not per request.
    serializer = serializer_class()
    shape = _Shape(columns=[], lists=[], nested=[], computed=[])
    for key, serializer_field in serializer.fields.items():
        if serializer_field.write_only:
            continue
        source = serializer_field.source
        if isinstance(serializer_field, serializers.SerializerMethodField):
            if not hasattr(serializer, f"lean_{key}"):
                raise ImproperlyConfigured(f"{serializer_class.__name__} needs lean_{key}(row) for the lean list.")
            shape.computed.append(key)
        elif isinstance(serializer_field, serializers.ManyRelatedField):
            shape.lists.append((key, source, serializer_field.child_relation.slug_field))
        elif isinstance(serializer_field, serializers.ListSerializer):
            readable = {k: f for k, f in serializer_field.child.fields.items() if not f.write_only}
            # JSON built by the database carries dates as text and, on SQLite, booleans as 0 / 1: each value is
            # read back through its field.
            shape.nested.append(
                (
                    key,
                    source,
                    {k: f.source for k, f in readable.items()},
                    [(k, f.to_representation) for k, f in readable.items()],
                )
            )
        elif isinstance(serializer_field, serializers.SlugRelatedField):
            shape.columns.append(_Column(key, f"{source}__{serializer_field.slug_field}"))
        elif isinstance(serializer_field, serializers.RelatedField) or "." in source or source == "*":
            raise ImproperlyConfigured(f"{serializer_class.__name__}.{key} cannot be read from a row.")
        else:
            shape.columns.append(_Column(key, source, _converter(serializer_field)))
    return shape


def build_plan(serializer: serializers.ModelSerializer, queryset) -> LeanPlan:
    """How to read `serializer`'s representation of `queryset`'s records from one `.values()` query: the related
    rows are those the queryset prefetches (its visibility filter and order)."""
    model = serializer.Meta.model
    shape = _shape(type(serializer))
    plan = LeanPlan(
        columns=shape.columns,
        lists=[],
        nested=[],
        computed=[(key, getattr(serializer, f"lean_{key}")) for key in shape.computed],
        annotations={},
    )
    for key, source, slug in shape.lists:
        relation = model._meta.get_field(source)
        related = _prefetch_queryset(queryset, source, relation.related_model)
        correlated = related.filter(**{relation.related_query_name(): OuterRef("pk")}).values(v=F(slug))
        plan.annotations[f"lean_{key}"] = JsonArray(correlated, objects=False)
        plan.lists.append((key, f"lean_{key}"))
    for key, source, child_sources, child_fields in shape.nested:
        relation = model._meta.get_field(source)
        related = _prefetch_queryset(queryset, source, relation.related_model)
        objects = JSONObject(**{child_key: F(child_source) for child_key, child_source in child_sources.items()})
        correlated = related.filter(**{relation.field.name: OuterRef("pk")}).values(v=objects)
        plan.annotations[f"lean_{key}"] = JsonArray(correlated, objects=True)
        plan.nested.append(_Nested(key=key, alias=f"lean_{key}", fields=child_fields))
    return plan


class _CountedRows:
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
        # As of a moment the rows are historical versions, which the plan does not read.
        return self.lean_list and not self.request.query_params.get(clock.AS_OF)

    def list(self, request, *args, **kwargs):
        if not self.lean_list_applies():
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        serializer = self.get_serializer()
        plan = build_plan(serializer, queryset)
        rows = _CountedRows(plan.rows(queryset), queryset)
        page = self.paginate_queryset(rows)
        data = plan.render(page if page is not None else rows)
        return self.get_paginated_response(data) if page is not None else Response(data)
