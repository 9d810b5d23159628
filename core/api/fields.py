"""Relational fields that read through the gate (core.restriction): a client can neither name nor be shown a
record its reader may not see, whether the field reads a ref it was sent or lists a record's links."""

from rest_framework import serializers
from rest_framework.fields import get_attribute
from rest_framework.relations import MANY_RELATION_KWARGS, ManyRelatedField

from core.restriction import read_for


def reader_of(context: dict):
    """The user a serializer answers, or None for system work (a pack rendered by a task, a backup)."""
    request = context.get("request")
    return getattr(request, "user", None) if request is not None else context.get("reader")


def through_gate(queryset, context: dict):
    return read_for(queryset, reader_of(context))


class GatedManyRelatedField(ManyRelatedField):
    def get_attribute(self, instance):
        if instance.pk is None:
            return []
        related = get_attribute(instance, self.source_attrs).all()
        if related._result_cache is not None:
            # Prefetched by the register's selector, through the gate already.
            return related
        return through_gate(related, self.context)


class GatedSlugRelatedField(serializers.SlugRelatedField):
    """A link to a register's record by its ref (or code), restricted for the reader in both directions."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        child_kwargs = {key: value for key, value in kwargs.items() if key not in MANY_RELATION_KWARGS}
        many_kwargs = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return GatedManyRelatedField(child_relation=cls(*args, **child_kwargs), **many_kwargs)

    def get_queryset(self):
        return through_gate(super().get_queryset(), self.context)


def computed_from(*columns: str):
    """Names the columns of its record a `get_<field>` method reads: the lean list (core.api.lean) gives the method
    a row with those columns (by the model's attribute names) instead of a model instance, so the field has one
    definition on both paths."""

    def declare(method):
        method.computed_from = columns
        return method

    return declare
