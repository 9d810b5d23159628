"""Reads of the milestone register: querysets for pages and API, and snapshots for the RAG rules — now or
as the history says things stood on a past date."""

import dataclasses
import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from core import clock
from core.choices import Classification
from core.dates import end_of
from core.selectors import can_view_restricted
from milestones.choices import Rag, worst
from milestones.models import Milestone
from milestones.rag import RagResult, Snapshot, evaluate_all


def milestones(user) -> QuerySet[Milestone]:
    return (
        Milestone.objects.restrict(user)
        .select_related("forum")
        # Only dependencies the user may see are listed (the RAG rules still read them all).
        .prefetch_related(Prefetch("depends_on", queryset=Milestone.objects.only("id", "ref").restrict(user)))
    )


SNAPSHOT_FIELDS = (
    "ref",
    "baseline_on",
    "forecast_on",
    "actual_on",
    "status",
    "rag_override",
    "rag_override_reason",
    "rag_override_until",
)


def current_snapshots() -> dict[str, Snapshot]:
    """Every milestone as it is now: two queries whatever the number."""
    return {snapshot.ref: snapshot for snapshot, _, _ in stored_milestones()}


def stored_milestones() -> list[tuple[Snapshot, int, str]]:
    """Every milestone now as (snapshot, pk, stored RAG): two queries reading only the columns the rules need."""
    # The rules read every milestone, whoever asks: readers are shown the results through the gate.
    rows = list(Milestone.objects.unrestricted().values_list("pk", "rag", *SNAPSHOT_FIELDS))
    ref_of = {row[0]: row[2] for row in rows}
    edges = defaultdict(list)
    for from_id, to_id in Milestone.depends_on.through.objects.values_list("from_milestone_id", "to_milestone_id"):
        edges[from_id].append(ref_of[to_id])
    return [(Snapshot(*row[2:], depends_on=tuple(edges[row[0]])), row[0], row[1]) for row in rows]


def snapshots_by_id_as_of(moment: datetime.datetime) -> dict[int, Snapshot]:
    """Every milestone as it stood at `moment`, by id, read from the history by the clock, with the dependencies it
    had then: one query whatever the number, reading only the columns the rules need. Milestones created later, or
    deleted by then, are absent."""
    # A row per version and dependency recorded with it (one with None for a version without any).
    depends_on = clock.history_field(Milestone, "depends_on")
    rows = clock.latest(Milestone, moment).order_by("id", depends_on).values_list("id", *SNAPSHOT_FIELDS, depends_on)
    fields_of: dict[int, tuple] = {}
    targets = defaultdict(list)
    for pk, *fields, target in rows:
        fields_of.setdefault(pk, fields)
        if target is not None:
            targets[pk].append(target)
    ref_of = {pk: fields[0] for pk, fields in fields_of.items()}
    return {
        pk: Snapshot(*fields, depends_on=tuple(ref_of[i] for i in targets[pk] if i in ref_of))
        for pk, fields in fields_of.items()
    }


def snapshots_as_of(moment: datetime.datetime) -> dict[str, Snapshot]:
    return {snapshot.ref: snapshot for snapshot in snapshots_by_id_as_of(moment).values()}


def rag_on(day: datetime.date, known_at: datetime.datetime | None = None) -> dict[str, RagResult]:
    """Every milestone's RAG on `day`: from the records as they stood at its end, or as they are now for today or
    later (a forecast date). `known_at` bounds what is known: a paper issued then forecasts from the records as
    they stood at its issue, not from what happened after."""
    return evaluate_all(_snapshots_known(_cutoff(day, known_at)), day)


def _cutoff(day: datetime.date, known_at: datetime.datetime | None) -> datetime.datetime | None:
    """Up to when the records are read for a RAG on `day` known at `known_at`: None for as they are now."""
    cutoff = end_of(day) if day < timezone.localdate() else None
    if known_at is not None and (cutoff is None or known_at < cutoff):
        cutoff = known_at
    return cutoff


def _snapshots_known(cutoff: datetime.datetime | None) -> dict[str, Snapshot]:
    return current_snapshots() if cutoff is None else snapshots_as_of(cutoff)


def rags_as_of(moment: datetime.datetime) -> dict[int, str]:
    """Each milestone's RAG as it stood at `moment`, by id: the rules run on the records as they stood then, on
    that day. The clock gives as-of reads of milestones this as their `rag` (which the history does not keep).

    Every milestone's RAG is needed (a page filters and orders by it), and many readers ask for the same moment (the
    last PSG): the answer is kept while the register's history is unchanged (`clock.kept_while_unchanged`)."""

    def evaluate() -> dict[int, str]:
        snapshots = snapshots_by_id_as_of(moment)
        day = timezone.localtime(moment).date()
        results = evaluate_all({snapshot.ref: snapshot for snapshot in snapshots.values()}, day)
        return clock.ValuesById({pk: results[snapshot.ref].rag for pk, snapshot in snapshots.items()}).kept()

    rules = (settings.RAG_TOLERANCE_WORKING_DAYS, settings.RAG_LOOKAHEAD_WORKING_DAYS)
    rags = clock.kept_while_unchanged(Milestone, ("milestones.rags-as-of", moment.isoformat(), *rules), evaluate)
    return evaluate() if rags is None else rags


@dataclass(frozen=True)
class ReportingDates:
    previous: datetime.date
    current: datetime.date
    forecast: datetime.date


def reporting_dates(today: datetime.date | None = None) -> ReportingDates:
    """Previous / current / forecast reporting dates: a week apart by default (RAG_REPORTING_INTERVAL_DAYS)."""
    today = today or timezone.localdate()
    interval = datetime.timedelta(days=settings.RAG_REPORTING_INTERVAL_DAYS)
    return ReportingDates(previous=today - interval, current=today, forecast=today + interval)


@dataclass
class DashboardRow:
    milestone: Milestone
    previous: RagResult | None
    current: RagResult | None
    forecast: RagResult | None


def delivery_dashboard(
    items: list[Milestone], dates: ReportingDates, reader, known_at: datetime.datetime | None = None
) -> list[DashboardRow]:
    """The PSG "Delivery Dashboard" rows: previous / current / forecast RAG of each milestone (two queries per
    moment the records are read up to, six at most, and one more for a reader who may not see Restricted
    milestones, whose refs the rules' words then leave out), as known at `known_at` when a paper states an earlier
    moment."""
    # Days whose records are read up to the same moment (a paper's current and forecast RAG: its issue) share one read.
    read: dict[datetime.datetime | None, dict[str, Snapshot]] = {}

    def rags(day: datetime.date) -> dict[str, RagResult]:
        cutoff = _cutoff(day, known_at)
        if cutoff not in read:
            read[cutoff] = _snapshots_known(cutoff)
        return evaluate_all(read[cutoff], day)

    previous, current, forecast = (rags(day) for day in (dates.previous, dates.current, dates.forecast))
    hidden = hidden_refs(reader)

    def as_read(result: RagResult | None) -> RagResult | None:
        return rule_for_reader(result, hidden) if result else None

    return [
        # A milestone recorded after a reporting date has no RAG for it.
        DashboardRow(
            milestone=m,
            previous=as_read(previous.get(m.ref)),
            current=as_read(current.get(m.ref)),
            forecast=as_read(forecast.get(m.ref)),
        )
        for m in items
    ]


def hidden_refs(reader) -> set[str]:
    """Refs of the milestones `reader` may not see (none for a reader who sees Restricted records)."""
    if can_view_restricted(reader):
        return set()
    return set(
        Milestone.objects.unrestricted().exclude(classification=Classification.PUBLIC).values_list("ref", flat=True)
    )


def rule_for_reader(result: RagResult, hidden: set[str]) -> RagResult:
    """The rule that fired, in words a reader may see: a milestone hidden from them is not named."""
    rule = result.rule
    for ref in hidden:
        if ref in rule:
            rule = re.sub(rf"\b{re.escape(ref)}\b", "a Restricted milestone", rule)
    return dataclasses.replace(result, rule=rule)


@dataclass
class RollupRow:
    key: str
    label: str
    rag: str | None
    counts: Counter

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def rollup(user, by: str) -> list[RollupRow]:
    """Worst-of RAG with counts per RAG, by "forum", "workstream" or for the "programme": one query."""
    queryset = Milestone.objects.restrict(user)
    if by == "forum":
        rows = queryset.values_list("forum__code", "forum__name", "rag")
    elif by == "workstream":
        rows = ((w, w or "(none)", rag) for w, rag in queryset.values_list("workstream", "rag"))
    else:
        rows = (("programme", "Programme", rag) for rag in queryset.values_list("rag", flat=True))
    groups: dict[str, RollupRow] = {}
    for key, label, rag in rows:
        row = groups.setdefault(key, RollupRow(key=key, label=label, rag=None, counts=Counter()))
        row.counts[rag or ""] += 1
    for row in groups.values():
        row.rag = worst(row.counts)
    return sorted(groups.values(), key=lambda row: (-(Rag(row.rag).severity if row.rag else -1), row.key))
