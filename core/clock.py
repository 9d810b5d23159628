"""The one clock: what "as it stood at moment T" means, for every register and every reader of it — pages, API
lists and records, exports, dashboards and "what changed".

T comes from a request value (`?as_of=`, `?since=`, `?on=`): a date (the end of that day), an ISO 8601
date-time, or a meeting ref. `since=PSG35` is the start of PSG35; `as_of=PSG36` (and `on=`) the moment its papers
were issued, or its start where none were. The kernel knows no meetings: the meetings app registers the source
that reads their refs (`register_meeting_refs`), and a meeting the reader may not see reads as unknown.

Records are read as they stood at T from their history (django-simple-history): `as_of_queryset` gives the
historical versions as a queryset, so filters, ordering and pagination apply to the values as they stood, and
`as_of_filterset` runs a register's own FilterSet over them. A derived field the history does not keep (a
milestone's RAG) is computed for T by the function its app registers (`register_derived`)."""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, transaction
from django.db.models import (
    Case,
    CharField,
    F,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from simple_history.utils import get_m2m_reverse_field_name

from core.dates import NotAMoment, end_of, parse_moment
from core.history import history_model, instance_of, readable
from core.lookups import Ids, OneOf

AS_OF, SINCE, ON = "as_of", "since", "on"
# Past meetings offered as choices wherever a moment is typed.
RECENT_MEETINGS = 30


class MomentError(ValueError):
    """A request value that names no moment: `param` is the parameter, the message says why, for the reader."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param
        self.message = message


@dataclass(frozen=True)
class Moment:
    at: datetime.datetime
    given: str  # as typed ("2024-09-04", "PSG36"), to show back in the form
    label: str  # "the end of 04 September 2024", "the issue of the PSG36 papers (14:05 on 28 August 2024)"


class MeetingRefs(Protocol):
    def resolve(self, ref: str, user, *, start: bool) -> tuple[datetime.datetime, str] | None:
        """(moment, label) of the meeting `ref` names — its start, or its papers' issue when not `start`; None
        when `ref` does not look like a meeting ref; ValueError when it does but names no meeting `user` sees."""

    def recent(self, user, *, group: str | None, limit: int) -> list[tuple[str, str]]:
        """(ref, label) of the latest meetings held that `user` may see, newest first."""


_meeting_refs: MeetingRefs | None = None


def register_meeting_refs(source: MeetingRefs) -> None:
    global _meeting_refs
    _meeting_refs = source


def _at(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M on %d %B %Y}"


def read(value: str | None, *, user, param: str = AS_OF) -> Moment | None:
    """The moment a request value names, None when it is absent or blank; MomentError when it names none."""
    if value is None or not value.strip():
        return None
    given = value.strip()
    try:
        at = parse_moment(given)
    except NotAMoment as unreadable:
        return _meeting_moment(given, user, param, str(unreadable))
    except ValueError as impossible:
        raise MomentError(param, str(impossible)) from None
    day = timezone.localtime(at).date()
    return Moment(at, given, f"the end of {day:%d %B %Y}" if at == end_of(day) else _at(at))


def _meeting_moment(given: str, user, param: str, refusal: str) -> Moment:
    if _meeting_refs is None:
        raise MomentError(param, refusal)
    try:
        meeting = _meeting_refs.resolve(given, user, start=param == SINCE)
    except ValueError as unknown:
        raise MomentError(param, str(unknown)) from None
    if meeting is None:
        raise MomentError(param, f"{refusal} A meeting's ref, such as PSG36, is read too.")
    return Moment(meeting[0], given, meeting[1])


def moment(value: str | None, *, user, param: str = AS_OF) -> datetime.datetime | None:
    """`read`, as the datetime alone."""
    found = read(value, user=user, param=param)
    return found.at if found else None


class MeetingChoices(list):
    """(ref, label) of meetings, newest first, with their <option> elements for the pages' datalist: written here
    in one pass rather than by a template loop of two variables per meeting on every register page."""

    @property
    def options(self) -> SafeString:
        return format_html_join("", '<option value="{}">{}</option>', self)


def recent_meetings(user, group: str | None = None) -> MeetingChoices:
    """(ref, label) of the latest meetings `user` may see (of `group`, if given), newest first: the natural
    choices for a moment."""
    if _meeting_refs is None:
        return MeetingChoices()
    return MeetingChoices(_meeting_refs.recent(user, group=group, limit=RECENT_MEETINGS))


# --- records as they stood -------------------------------------------------------------------------------------

# model -> {field name: values_at(moment) -> {pk: value}}
_derived: dict[type, dict[str, Callable[[datetime.datetime], dict]]] = defaultdict(dict)


def register_derived(model, name: str, values_at: Callable[[datetime.datetime], dict]) -> None:
    """`name` is derived and kept out of `model`'s history; as-of reads give it the (text) value `values_at(moment)`
    returns for each record (by pk), to show, filter and order by. A `ValuesById` is read as it is grouped."""
    _derived[model][name] = values_at


class ValuesById(dict):
    """{pk: value} of a derived field, with the pks of each value grouped as `Ids` once: what an as-of read asks
    the database with. Kept in the cache grouped (`kept`), so readers of the same moment do not group 15,000 values
    again."""

    @cached_property
    def by_value(self) -> dict[str, Ids]:
        grouped = defaultdict(list)
        for pk, value in self.items():
            grouped[value].append(pk)
        return {value: Ids(pks).kept() for value, pks in grouped.items()}

    def kept(self) -> "ValuesById":
        self.by_value  # noqa: B018
        return self


def latest(model, moment: datetime.datetime, ids=None, order: tuple = ()):
    """The newest version at `moment` of each record of `model` (of `ids`: a queryset of the records, or a list of
    their pks or a queryset of their versions' ids), as a queryset of the history model; records created later or
    deleted by then are left out. Picked in the database, so filters, ordering and pagination run in SQL and only
    the rows read are loaded. `order`: the ordering the versions will be read in (see `page`)."""
    versions = history_model(model)._default_manager
    if isinstance(ids, QuerySet) and ids.model is model:
        return _newest_of(versions, moment, ids, order)
    # Versions ranked within their record, newest first, in one pass over the history up to `moment`.
    candidates = versions.filter(history_date__lte=moment)
    if ids is not None:
        candidates = candidates.filter(id__in=ids)
    ranked = candidates.annotate(
        rank=Window(RowNumber(), partition_by=F("id"), order_by=[F("history_date").desc(), F("history_id").desc()])
    )
    return versions.filter(history_id__in=ranked.filter(rank=1).values("history_id")).exclude(history_type="-")


def _newest_of(versions, moment: datetime.datetime, records, order: tuple = ()):
    """The versions newest at `moment` of `records`, deletions left out: one probe of the history's
    (id, history_date) index per record. On PostgreSQL the picking for every record of the register is kept
    (`kept_while_unchanged`), in `order` when it names only fields the history keeps, so the pages and counts of
    many readers of the same moment look their versions up by primary key alone (`count`, `page`)."""
    newest = (
        versions.filter(id=OuterRef("pk"), history_date__lte=moment)
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )

    def picked(records):
        return records.order_by().annotate(newest=Subquery(newest)).values("newest")

    if connections[versions.db].vendor != "postgresql":
        return versions.filter(history_id__in=picked(records)).exclude(history_type="-")
    model = records.model
    order = () if any(term.lstrip("-") in _derived[model] for term in order) else tuple(order)
    every_record = kept_while_unchanged(
        model,
        ("clock.newest-versions", moment.isoformat(), *order),
        lambda: Ids(
            versions.filter(OneOf(F("history_id"), Subquery(picked(readable(model, None)))))
            .exclude(history_type="-")
            .order_by(*order)
            .values_list("history_id", flat=True),
            order=order or None,
        ).kept(),
    )
    if every_record is None:
        return versions.filter(OneOf(F("history_id"), Subquery(picked(records)))).exclude(history_type="-")
    # Deletions are already left out: the count reads the primary key's index alone.
    chosen = versions.filter(OneOf(F("history_id"), every_record))
    # The reader's records among them, when the register's queryset is narrowed (restricted or filtered).
    narrowed = records.query.has_filters() or records.query.is_sliced
    return chosen.filter(id__in=records) if narrowed else chosen


def _kept_picking(versions) -> OneOf | None:
    """The condition picking `versions` when they are every record's kept version, narrowed by nothing else."""
    query = versions.query
    conditions = query.where.children
    if len(conditions) != 1 or query.where.negated or query.distinct or query.is_sliced or query.combinator:
        return None
    (picking,) = conditions
    if isinstance(picking, OneOf) and isinstance(picking.rhs, Ids) and picking.lhs.target.primary_key:
        return picking
    return None


def count(versions) -> int:
    """How many `versions` (an as-of queryset) there are: without a query when they are every record's kept
    version, counted by the database otherwise."""
    picking = _kept_picking(versions)
    return versions.count() if picking is None else len(picking.rhs)


def page(rows, versions, index):
    """`rows[index]`, `rows` being `versions` (an as-of queryset) as read for a page. When the versions are every
    record's kept version in the order they were kept in, the page's versions are read by their own ids — the
    database neither probes nor sorts the rest — still in that order."""
    picking = _kept_picking(versions)
    if (
        picking is None
        or not isinstance(index, slice)
        or index.step is not None
        or picking.rhs.order != tuple(versions.query.order_by)
        or rows.query.where.children != [picking]
    ):
        return rows[index]
    page_rows = rows.all()
    page_rows.query.where.children = [OneOf(picking.lhs, Ids(picking.rhs[index]))]
    return page_rows


# How long a value computed from a register's past is kept: its key names the history's newest version, so a
# change makes a new key at once; the limit bounds what a version committed out of id order could leave stale.
KEPT_SECONDS = 60 * 60


def kept_while_unchanged(model, name: tuple, compute: Callable[[], object]):
    """`compute()` — a value read from `model`'s history — kept in the cache under `name` and the newest version of
    that history, so any change, a back-dated one included, makes a new key and no process answers from a stale
    one. Inside a transaction the history may hold versions that are rolled back and their ids used again: nothing
    is kept, and None is returned for the caller to read afresh."""
    versions = history_model(model)._default_manager
    if transaction.get_connection(versions.db).in_atomic_block:
        return None
    newest_version = versions.aggregate(newest=Max("history_id"))["newest"]
    key = ":".join(map(str, (*name, model._meta.label, newest_version)))
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=KEPT_SECONDS)
    return value


def versions_at(model, moment: datetime.datetime, ids=None, fields: tuple[str, ...] | None = None) -> dict:
    """Each record of `model` as it stood at `moment`, from its history: {id: historical record}, by id; records
    created later or deleted by then are left out. `ids` narrows the records (see `latest`), `fields` the columns
    read. One query."""
    versions = latest(model, moment, ids)
    if fields is not None:
        versions = versions.only("id", "history_id", "history_date", "history_type", *fields)
    return {record.id: record for record in versions.order_by("id")}


def history_field(model, path: str) -> str | None:
    """The lookup that reads `path` (a field of `model`, maybe followed by more) on `model`'s history: itself for
    a field the history keeps, through the historical relation table for a tracked many-to-many field, a derived
    field by its computed value; None for a field the history does not keep."""
    history = history_model(model)
    name, _, rest = path.partition("__")
    if name in _derived[model]:
        return path
    m2m = {field.name: field for field in getattr(history, "_history_m2m_fields", ())}
    if name in m2m:
        through = getattr(history, name).model
        related = through._meta.get_field("history").related_query_name()
        return "__".join(filter(None, (related, get_m2m_reverse_field_name(m2m[name]), rest)))
    try:
        field = history._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return None if field.many_to_many or field.one_to_many else path


def as_of_queryset(queryset, moment: datetime.datetime):
    """The records of `queryset` as they stood at `moment`: their historical versions, as a queryset of the history
    model, ordered as `queryset` is, with derived fields as they were then. One query when read (and a derived
    field's)."""
    model = queryset.model
    ordering = [
        term
        for term in (*(queryset.query.order_by or model._meta.ordering), "id")
        if isinstance(term, str) and history_field(model, term.lstrip("-")) is not None
    ]
    history = latest(model, moment, queryset.order_by().values("pk"), order=tuple(ordering))
    foreign_keys = [f.name for f in history.model._meta.fields if f.is_relation and f.name != "history_user"]
    history = history.select_related(*foreign_keys)
    for name, values_at in _derived[model].items():
        values = values_at(moment)
        by_value = (values if isinstance(values, ValuesById) else ValuesById(values)).by_value
        cases = [When(OneOf(F("id"), pks), then=Value(value)) for value, pks in by_value.items()]
        history = history.annotate(**{name: Case(*cases, default=Value(""), output_field=CharField())})
    return history.order_by(*ordering)


def as_of_filterset(filterset_class, data, queryset, moment: datetime.datetime, request=None):
    """The register's FilterSet over its records as they stood at `moment`: every filter selects by the values
    then, on the page, in the API and in exports alike. A filter on a field the history does not keep is left out."""
    filterset = filterset_class(data, queryset=as_of_queryset(queryset, moment), request=request)
    # Filters that judge against the day (overdue) judge against that moment's day.
    filterset.as_of = moment
    model = queryset.model
    for name, filter_ in list(filterset.filters.items()):
        # A method filter reads fields by name, which the versions share; a moment filter selects no rows.
        if getattr(filter_, "method", None) is not None or not getattr(filter_, "selects_rows", True):
            continue
        lookup = history_field(model, filter_.field_name)
        if lookup is None:
            del filterset.filters[name]
        else:
            filter_.field_name = lookup
    return filterset


def records_as_of(versions, user, queryset=None) -> list:
    """The records historical `versions` describe, with their many-to-many relations as the history recorded
    them (limited to related records `user` may see), so serializers and sheets show them as they stood: one
    query per tracked relation, and one for its records. What the register's `queryset` (the one the versions were
    read from) prefetches and the history does not track (e.g. mitigation steps) is read as it is now, in bulk."""
    versions = list(versions)
    records = [instance_of(version) for version in versions]
    if not versions:
        return records
    history = type(versions[0])
    tracked = {field.name for field in getattr(history, "_history_m2m_fields", ())}
    untracked = [
        lookup
        for lookup in (queryset._prefetch_related_lookups if queryset is not None else ())
        if getattr(lookup, "prefetch_through", lookup).split("__")[0] not in tracked
    ]
    prefetch_related_objects(records, *untracked)
    for field in getattr(history, "_history_m2m_fields", ()):
        through = getattr(history, field.name).model
        target = f"{get_m2m_reverse_field_name(field)}_id"
        links = through.objects.filter(history_id__in=[version.history_id for version in versions])
        related_ids = defaultdict(list)
        for history_id, target_id in links.values_list("history_id", target):
            related_ids[history_id].append(target_id)
        # Read by the links' own query, so the read is one query however many (or few) links the page has.
        related = list(readable(field.related_model, user).filter(pk__in=links.values(target)))
        for version, record in zip(versions, records, strict=True):
            ids = set(related_ids[version.history_id])
            _relate(record, field.name, [obj for obj in related if obj.pk in ids])
    return records


def _relate(record, name: str, objects: list) -> None:
    """Gives `record` these related objects for its many-to-many `name` the way Django's prefetch_related stores
    them (a queryset with its results filled in), so that reading the relation answers them rather than today's."""
    manager = getattr(record, name)
    queryset = manager.get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    record._prefetched_objects_cache = {
        **getattr(record, "_prefetched_objects_cache", {}),
        manager.prefetch_cache_name: queryset,
    }
