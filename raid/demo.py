"""The demo's RAID log: the themes and items of the seed papers, with history that reproduces the
movements the papers print ("Score reduced from 20 to 10", "Score remains at 25", "New item")."""

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone

from core.choices import Classification
from core.records import recorded_at, upsert
from programme.models import GovernanceGroup
from raid import demo_data, services
from raid.choices import IMPACTS, ISSUE_LIKELIHOOD, Band, RaidKind, RaidStatus
from raid.models import RaidItem, RaidTheme
from raid.scoring import Scoring, load_scoring

# Items the papers mention without a legible score (the scale was a graphic) are loaded at this score, and
# their history says so.
ASSUMED_SCORE = 12


def _aware(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(12)))


def _cell(scoring: Scoring, kind: str, score: int) -> tuple[int | None, int]:
    """(likelihood, impact) that the matrix scores `score` for this kind; issues only use the top row, so
    they take the nearest score that row offers."""
    if kind == RaidKind.ISSUE:
        impact = min(IMPACTS, key=lambda i: abs(scoring.matrix[(ISSUE_LIKELIHOOD, i)] - score))
        return None, impact
    likelihood, impact = next(cell for cell, value in scoring.matrix.items() if value == score)
    return likelihood, impact


def _target_score(scoring: Scoring, record: dict) -> tuple[int, str]:
    """The score to load and why: the papers' number, else the middle of the band they print, else assumed."""
    if record.get("score"):
        return record["score"], ""
    if record.get("band"):
        low, high = scoring.score_range(Band(record["band"].lower()))
        return (low + high) // 2, f"the papers print only the band ({record['band']})"
    return ASSUMED_SCORE, "no score legible in the papers"


def _first_date(record: dict) -> str:
    if record.get("score_history"):
        return record["score_history"][0][0]
    ccag = "CCAG" in record.get("groups", [])
    if record.get("movement_text") == "New item":
        return demo_data.CCAG36 if ccag else demo_data.PSG36
    return demo_data.CCAG35 if ccag else demo_data.PSG35


def load(outcomes: Counter) -> None:
    themes = {}
    for name, summary, approach in demo_data.THEMES:
        themes[name], outcome = upsert(RaidTheme, {"name": name}, {"summary": summary, "mitigation_approach": approach})
        outcomes[f"RAID themes {outcome}"] += 1
    groups = {group.code: group for group in GovernanceGroup.objects.all()}
    scoring = load_scoring()
    for record in demo_data.RAID_ITEMS:
        if RaidItem.objects.filter(ref=record["ref"]).exists():
            outcomes["RAID items unchanged"] += 1
            continue
        _create_with_history(record, scoring, themes, groups)
        outcomes["RAID items created"] += 1


@transaction.atomic
def _create_with_history(record: dict, scoring: Scoring, themes: dict, groups: dict) -> None:
    """Raises the item through raid.services as the earliest paper records it, then each meeting's re-scoring,
    each written at the date the papers give it (core.records.recorded_at)."""
    kind = record["kind"]
    score, assumption = _target_score(scoring, record)
    points = record.get("score_history") or [(_first_date(record), score)]
    first_day, first_score = points[0]
    likelihood, impact = _cell(scoring, kind, first_score)
    reason = f"Loaded from {record.get('source', 'the seed papers')}" + (
        f"; score assumed: {assumption}" if assumption else ""
    )
    with recorded_at(_aware(first_day)):
        item = services.raid_item_create(
            actor=None,
            kind=kind,
            ref=record["ref"],
            groups=[groups[code] for code in record.get("groups", []) if code in groups],
            mitigation=[
                {
                    "text": step["text"],
                    "owner": step.get("owner", ""),
                    "due_on": datetime.date.fromisoformat(step["due"]) if step.get("due") else None,
                    "done": step.get("done", False),
                }
                for step in record.get("mitigation", [])
            ],
            reason=reason,
            title=record["title"],
            description=record.get("description", ""),
            impact_text=record.get("impact", ""),
            owner=record.get("owner", ""),
            theme=themes.get(record.get("theme")),
            likelihood=likelihood,
            impact=impact,
            initial_score=first_score,
            target_score=record.get("target_score"),
            status=record.get("status", RaidStatus.OPEN),
            raised_on=datetime.date.fromisoformat(first_day),
            classification=Classification(record.get("classification", "Public").lower()),
        )
    # Later points: each meeting's re-scoring, dated as the papers date it.
    for day, later_score in points[1:]:
        later_likelihood, later_impact = _cell(scoring, kind, later_score)
        with recorded_at(_aware(day)):
            item = services.raid_item_update(
                item=item,
                actor=None,
                likelihood=later_likelihood,
                impact=later_impact,
                reason=f"Re-scored at the meeting of {day}",
            )
