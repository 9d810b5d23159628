"""Reads of the RAID log shared by pages, API and (later) packs and dashboards."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Prefetch, QuerySet, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from core import clock
from raid.choices import IMPACTS, ISSUE_LIKELIHOOD, LIKELIHOODS, MovementKind, RaidStatus
from raid.models import MitigationStep, RaidItem
from raid.scoring import load_scoring


def raid_items(user) -> QuerySet[RaidItem]:
    """Items `user` may see, with what list rows and API records show, in a constant number of queries."""
    return (
        RaidItem.objects.restrict(user)
        .select_related("theme")
        .prefetch_related("groups", Prefetch("mitigation_steps", queryset=MitigationStep.objects.order_by("position")))
    )


@dataclass(frozen=True)
class Movement:
    kind: str
    previous: int | None
    current: int | None
    text: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "from": self.previous, "to": self.current, "text": self.text}

    @property
    def colour(self) -> str:
        return MovementKind(self.kind).colour


def describe_movement(before: tuple[int, str] | None, now: tuple[int, str]) -> Movement:
    """The papers' wording for how an item moved: `before` and `now` are (score, status); `before` is None
    for an item that did not exist yet."""
    score, status = now
    if before is None:
        return Movement(MovementKind.NEW, None, score, "New item")
    old_score, old_status = before
    if status == RaidStatus.CLOSED and old_status != RaidStatus.CLOSED:
        return Movement(MovementKind.CLOSED, old_score, score, "Closed")
    if score == old_score:
        return Movement(MovementKind.UNCHANGED, old_score, score, f"Score remains at {score}")
    if score > old_score:
        return Movement(MovementKind.INCREASED, old_score, score, f"Score increased from {old_score} to {score}")
    return Movement(MovementKind.REDUCED, old_score, score, f"Score reduced from {old_score} to {score}")


def movements(items, since: datetime.datetime, records=None) -> dict[int, Movement]:
    """Movement of each item between `since` and now (or the moment the item is read at), the clock reading each
    item as it stood at `since`: one query for all the items. `records`, the queryset the items were read from,
    lets the clock read their past without listing their ids."""
    items = list(items)
    ids = records if records is not None else [item.id for item in items]
    then = clock.versions_at(RaidItem, since, ids, fields=("score", "status"))
    # Keyed by the item's id, which a historical version (an as-of read) shares with its record.
    return {
        item.id: describe_movement(
            (then[item.id].score, then[item.id].status) if item.id in then else None, (item.score, item.status)
        )
        for item in items
    }


def score_trend(item: RaidItem) -> list[tuple[datetime.datetime, int]]:
    """(date, score) at each change of the item's score, oldest first — the trend line."""
    points: list[tuple[datetime.datetime, int]] = []
    for when, score in item.history.order_by("history_date", "history_id").values_list("history_date", "score"):
        if not points or points[-1][1] != score:
            points.append((when, score))
    return points


def heat_map(user, *, kind: str | None = None, status: str = RaidStatus.OPEN, items=None) -> Counter:
    """Counts per (likelihood, impact) cell of the items `user` may see (or of `items`, e.g. as they stood on a
    date): one aggregate query. Issues sit in the top likelihood row, as they are scored."""
    queryset = (items if items is not None else RaidItem.objects.restrict(user)).filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    rows = (
        queryset.annotate(row=Coalesce("likelihood", Value(ISSUE_LIKELIHOOD), output_field=IntegerField()))
        .values("row", "impact")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return Counter({(row["row"], row["impact"]): row["count"] for row in rows})


def heat_map_grid(user, *, kind: str | None = None, scoring=None, items=None) -> dict:
    """The likelihood × impact grid for pages and packs: per cell its matrix score, band, count of open items
    and a link to the register filtered to that cell."""
    scoring = scoring or load_scoring()
    counts = heat_map(user, kind=kind, items=items)
    register = reverse("raid:list")
    kind_query = f"&kind={kind}" if kind else ""
    rows = [
        {
            "likelihood": likelihood,
            "cells": [
                {
                    "impact": impact,
                    "score": scoring.matrix[(likelihood, impact)],
                    "band": scoring.band(scoring.matrix[(likelihood, impact)]),
                    "count": counts.get((likelihood, impact), 0),
                    "url": f"{register}?status=open&impact={impact}&likelihood={likelihood}{kind_query}",
                }
                for impact in IMPACTS
            ],
        }
        for likelihood in sorted(LIKELIHOODS, reverse=True)
    ]
    return {"rows": rows, "impacts": list(IMPACTS), "total": counts.total()}
