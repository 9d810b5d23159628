"""The demo's RAID log: the themes and items of the seed papers, with history that reproduces the
movements the papers print ("Score reduced from 20 to 10", "Score remains at 25", "New item")."""

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone

from core.choices import Classification
from core.records import upsert
from core.refs import claim_ref
from programme.models import GovernanceGroup
from raid import demo_data
from raid.choices import IMPACTS, ISSUE_LIKELIHOOD, Band, RaidKind, RaidStatus
from raid.models import MitigationStep, RaidItem, RaidTheme
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
        claim_ref(RaidKind(record["kind"]).prefix, record["ref"])
        outcomes["RAID items created"] += 1


@transaction.atomic
def _create_with_history(record: dict, scoring: Scoring, themes: dict, groups: dict) -> None:
    kind = record["kind"]
    score, assumption = _target_score(scoring, record)
    points = record.get("score_history") or [(_first_date(record), score)]
    first_day, first_score = points[0]
    likelihood, impact = _cell(scoring, kind, first_score)
    item = RaidItem(
        ref=record["ref"],
        kind=kind,
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
    item.score = scoring.score(kind, likelihood, impact)
    item._history_date = _aware(first_day)
    item._change_reason = f"Loaded from {record.get('source', 'the seed papers')}" + (
        f"; score assumed: {assumption}" if assumption else ""
    )
    item.save()
    item.groups.set(groups[code] for code in record.get("groups", []) if code in groups)
    for position, step in enumerate(record.get("mitigation", []), start=1):
        MitigationStep.objects.create(
            item=item,
            position=position,
            text=step["text"],
            owner=step.get("owner", ""),
            due_on=datetime.date.fromisoformat(step["due"]) if step.get("due") else None,
            done=step.get("done", False),
        )
    # Later points: each meeting's re-scoring, dated as the papers date it.
    for day, later_score in points[1:]:
        item.likelihood, item.impact = _cell(scoring, kind, later_score)
        item.score = scoring.score(kind, item.likelihood, item.impact)
        item._history_date = _aware(day)
        item._change_reason = f"Re-scored at the meeting of {day}"
        item.save()
