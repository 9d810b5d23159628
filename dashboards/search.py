"""Global search across the registers: refs and text. PostgreSQL full-text search (ranked, stemmed English)
on PostgreSQL; on SQLite a case-insensitive match of every word. Each register is scoped to what the reader
may see."""

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Q, QuerySet

from changes.models import ChangeRequest
from core.filtersets import MAX_SEARCH_TERMS
from meetings.models import Action, Decision, Meeting
from milestones.models import Milestone
from raid.models import RaidItem

LIMIT_PER_KIND = 20


@dataclass(frozen=True)
class Searchable:
    label: str
    model: type
    text_fields: tuple[str, ...]
    title_field: str


SEARCHABLE = (
    Searchable("Change requests", ChangeRequest, ("title", "description", "latest_action"), "title"),
    Searchable("RAID items", RaidItem, ("title", "description", "impact_text", "owner"), "title"),
    Searchable("Milestones", Milestone, ("title", "commentary", "responsible"), "title"),
    Searchable("Actions", Action, ("description", "latest_update", "owner", "area"), "description"),
    Searchable("Decisions", Decision, ("text", "area", "decided_by"), "text"),
    Searchable("Meetings", Meeting, ("title", "venue", "document_ref"), "title"),
)


@dataclass
class Hit:
    ref: str
    title: str
    url: str


def _matches(searchable: Searchable, queryset: QuerySet, query: str) -> QuerySet:
    words = query.split()[:MAX_SEARCH_TERMS]
    ref_match = Q(ref__iexact=query) | Q(ref__istartswith=query)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*searchable.text_fields, config="english")
        text = SearchQuery(query, search_type="websearch", config="english")
        # Matching is the full-text operator; the rank only orders (it is never exactly 0 for a miss).
        return (
            queryset.annotate(document=vector, rank=SearchRank(vector, text))
            .filter(ref_match | Q(document=text))
            .order_by("-rank", "ref")
        )
    per_word = [reduce(or_, (Q(**{f"{field}__icontains": word}) for field in searchable.text_fields)) for word in words]
    return queryset.filter(ref_match | reduce(and_, per_word)).order_by("ref")


def search(user, query: str) -> list[tuple[str, list[Hit], int]]:
    """(register label, hits, total matches) per register with matches; an exact ref comes first."""
    query = query.strip()
    if not query:
        return []
    results = []
    for searchable in SEARCHABLE:
        matched = _matches(searchable, searchable.model.objects.restrict(user), query)
        rows = list(matched[:LIMIT_PER_KIND])
        if not rows:
            continue
        rows.sort(key=lambda row: row.ref.lower() != query.lower())
        total = len(rows) if len(rows) < LIMIT_PER_KIND else matched.count()
        hits = [
            Hit(ref=row.ref, title=str(getattr(row, searchable.title_field))[:160], url=row.get_absolute_url())
            for row in rows
        ]
        results.append((searchable.label, hits, total))
    return results
