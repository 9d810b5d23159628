"""The History tab: each saved version of a record as who, when, and which fields went from what to what; the
record a historical version describes; and the versions' own model (`History`). Reading records as they stood at a
moment is core.clock's."""

import functools
from dataclasses import dataclass, field

from django.db import models
from django.utils.text import capfirst
from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_reverse_field_name

from core.restriction import RestrictedQuerySet, read_for


class History(HistoricalRecords):
    """simple-history's versions of a register's records, indexed for reading "as it stood at T" (core.clock): each
    record's versions in date order, so its newest one at T is one index probe however long its history."""

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        index = models.Index(fields=(model._meta.pk.attname, "history_date", "history_id"))
        options["indexes"] = (*options.get("indexes", ()), index)
        return options


@functools.cache
def history_model(model: type[models.Model]) -> type[models.Model]:
    """The model of `model`'s versions. Read once: simple-history's `model.history` builds a new manager class on
    every access (~0.2 ms), and an as-of read asks for it once per filter."""
    return model.history.model


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: str
    kind: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


KIND_LABELS = {"+": "Created", "~": "Changed", "-": "Deleted"}
RESTRICTED = "(restricted record)"


def _display(model_field, value, related_names) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(model_field, models.ForeignKey):
        return related_names.get((model_field.related_model, value), RESTRICTED)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return "Yes" if value else "No"
    return str(value)


def _m2m_values(records, m2m_fields) -> dict[tuple[int, str], set]:
    """Each version's related ids per tracked many-to-many field: one query per field for all versions."""
    values = {(record.pk, m2m_field.name): set() for record in records for m2m_field in m2m_fields}
    for m2m_field in m2m_fields:
        if not records:
            break
        through = getattr(records[0], m2m_field.name).model
        target = f"{get_m2m_reverse_field_name(m2m_field)}_id"
        for history_id, target_id in through.objects.filter(history__in=records).values_list("history_id", target):
            values[(history_id, m2m_field.name)].add(target_id)
    return values


def _names(m2m_field, ids, related_names) -> str:
    return ", ".join(sorted(related_names.get((m2m_field.related_model, pk), RESTRICTED) for pk in ids)) or "—"


def readable(related_model, user):
    """The related records `user` may read (all of them, as system work, without a reader): others are not named."""
    queryset = related_model._default_manager.all()
    if not isinstance(queryset, RestrictedQuerySet):
        return queryset  # not a register: nothing in it is classified
    return read_for(queryset, user)


def history_entries(instance, limit: int = 200, user=None) -> list[HistoryEntry]:
    """Newest first. Foreign keys are shown by name, fetched once per related model, not per row; given the
    reader, related records they may not see are not named."""
    model = type(instance)
    m2m_fields = list(getattr(history_model(type(instance)), "_history_m2m_fields", ()))
    records = list(instance.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit])
    history_field_names = {f.name for f in history_model(type(instance))._meta.fields}
    tracked = {f.attname: f for f in model._meta.concrete_fields if f.name in history_field_names and not f.primary_key}

    wanted: dict[type, set] = {}
    for record in records:
        for attname, model_field in tracked.items():
            value = getattr(record, attname)
            if isinstance(model_field, models.ForeignKey) and value is not None:
                wanted.setdefault(model_field.related_model, set()).add(value)
    m2m_values = _m2m_values(records, m2m_fields)
    for (_, name), ids in m2m_values.items():
        wanted.setdefault(instance._meta.get_field(name).related_model, set()).update(ids)
    related_names = {
        (related, pk): str(obj)
        for related, pks in wanted.items()
        for pk, obj in readable(related, user).in_bulk(pks).items()
    }

    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        for attname, model_field in tracked.items():
            new_value = getattr(newer, attname)
            old_value = getattr(older, attname) if older is not None else None
            if older is not None and new_value == old_value:
                continue
            if older is None and new_value in (None, ""):
                continue
            changes.append(
                FieldChange(
                    label=capfirst(model_field.verbose_name),
                    old=_display(model_field, old_value, related_names) if older is not None else "",
                    new=_display(model_field, new_value, related_names),
                )
            )
        for m2m_field in m2m_fields:
            new_ids = m2m_values[(newer.pk, m2m_field.name)]
            old_ids = m2m_values[(older.pk, m2m_field.name)] if older is not None else set()
            if new_ids != old_ids:
                changes.append(
                    FieldChange(
                        label=capfirst(m2m_field.verbose_name),
                        old=_names(m2m_field, old_ids, related_names) if older is not None else "",
                        new=_names(m2m_field, new_ids, related_names),
                    )
                )
        user = newer.history_user
        entries.append(
            HistoryEntry(
                when=newer.history_date,
                who=(user.get_full_name() or user.get_username()) if user else "system",
                kind=KIND_LABELS.get(newer.history_type, newer.history_type),
                reason=newer.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def instance_of(record):
    """The record a historical version describes, built from the version's own fields without a query
    (simple-history's `.instance` fetches the fields the history leaves out, one query per row). Related records
    the version was read with (select_related) come along, so reading them costs no query either."""
    model = record.instance_type
    kept = {f.attname: getattr(record, f.attname) for f in model._meta.concrete_fields if hasattr(record, f.attname)}
    instance = model(**kept)
    for model_field in model._meta.concrete_fields:
        if model_field.is_relation and model_field.name in record._state.fields_cache:
            model_field.set_cached_value(instance, record._state.fields_cache[model_field.name])
    return instance
