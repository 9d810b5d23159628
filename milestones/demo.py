"""The demo's milestones: the PSG #36 delivery dashboards, the code-workstream tables and the programme
milestones of the seed papers, with history dated as the papers date their changes (re-forecasts, baseline
moves under CR052 / CR055 or a chair's delegated decision, completions), so RAG as at any paper's date can be
read back from the history."""

import datetime
import re
from collections import Counter

from django.db import transaction
from django.utils import timezone

from core.choices import Classification
from milestones import demo_data
from milestones.choices import MilestoneStatus, Rag
from milestones.models import Milestone
from milestones.refs import REF_PATTERN, parse_ref
from milestones.services import recompute_rag
from programme.models import GovernanceGroup

# Code-workstream plan lines are printed with a bare line number ("6460", "3700"): prefixed to make a ref.
PLAN_LINE_PREFIX = "CODE-"
# Rows the papers print without an ID or tier are detailed plan lines: tier 3.
DEFAULT_TIER = 3


def demo_ref(printed: str) -> str:
    return printed if re.fullmatch(REF_PATTERN, printed) else f"{PLAN_LINE_PREFIX}{printed}"


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _paper_date(record: dict) -> datetime.date:
    source = record.get("source", "")
    for paper, day in sorted(demo_data.PAPER_DATES.items(), key=lambda item: item[1], reverse=True):
        if paper in source:
            return _day(day)
    return _day(demo_data.PAPER_DATES["PSG #36"])


def load(outcomes: Counter) -> None:
    forums = {group.code: group for group in GovernanceGroup.objects.all()}
    created = []
    for record in demo_data.MILESTONES:
        ref = demo_ref(record["ref"])
        if Milestone.objects.filter(ref=ref).exists():
            outcomes["milestones unchanged"] += 1
            continue
        created.append(_create_with_history(record, ref, forums[record["forum"]]))
        outcomes["milestones created"] += 1
    by_ref = {m.ref: m for m in Milestone.objects.filter(ref__in=[demo_ref(r["ref"]) for r in demo_data.MILESTONES])}
    for record in demo_data.MILESTONES:
        milestone = by_ref[demo_ref(record["ref"])]
        if milestone.pk in created and record.get("depends_on"):
            milestone.depends_on.set(by_ref[demo_ref(dep)] for dep in record["depends_on"])
    if created:
        recompute_rag()


@transaction.atomic
def _create_with_history(record: dict, ref: str, forum: GovernanceGroup) -> int:
    """Creates the milestone as the earliest paper knew it, then replays each dated change."""
    final_baseline, final_forecast, actual = (
        _day(record.get("baseline")),
        _day(record.get("forecast")),
        _day(record.get("actual")),
    )
    baseline_moves = sorted(
        (_day(d), _day(old), _day(new), why) for d, old, new, why in record.get("baseline_history", [])
    )
    forecasts = sorted((_day(d), _day(f)) for d, f in record.get("forecast_history", []))
    paper = _paper_date(record)
    start = min([paper - datetime.timedelta(days=14), *(d for d, *_ in baseline_moves), *(d for d, _ in forecasts)])

    first_baseline = next((old for _, old, _, _ in baseline_moves if old), None) if baseline_moves else final_baseline
    milestone = Milestone(
        ref=ref,
        tier=parse_ref(ref)[0] or DEFAULT_TIER,
        title=record.get("title") or f"{ref} (title not given in the seed papers)",
        forum=forum,
        responsible=record.get("responsible") or "",
        baseline_on=first_baseline,
        forecast_on=forecasts[0][1] if forecasts else final_forecast,
        status=MilestoneStatus.IN_PROGRESS
        if record.get("status") != MilestoneStatus.NOT_STARTED
        else MilestoneStatus.NOT_STARTED,
        commentary=record.get("commentary") or "",
        classification=Classification.PUBLIC,
    )
    if "requested by SRO" in milestone.commentary and record.get("current_rag") == Rag.RED:
        # The papers show a Red the rules would not give: the SRO asked for it, which is what an override records.
        milestone.rag_override, milestone.rag_override_reason = Rag.RED, "RAG as red was requested by SRO"
    _save_at(milestone, start, f"Loaded from {record.get('source', 'the seed papers')}")

    events = [(day, "forecast", forecast, "") for day, forecast in forecasts[1:]]
    events += [(day, "baseline", new, why) for day, _, new, why in baseline_moves]
    for day, kind, value, why in sorted(events, key=lambda event: event[0]):
        if kind == "forecast":
            milestone.forecast_on = value
            reason = "Re-forecast as the papers record"
        else:
            milestone.baseline_on = value
            milestone.baseline_change_reference = why[:30]
            reason = f"Baseline moved under {why}"
        _save_at(milestone, max(day, start), reason)

    milestone.baseline_on, milestone.forecast_on = final_baseline, final_forecast
    if record.get("status") == MilestoneStatus.COMPLETE:
        milestone.status, milestone.actual_on = MilestoneStatus.COMPLETE, actual
    else:
        milestone.status = record.get("status") or MilestoneStatus.NOT_STARTED
    latest = max([start, paper, *(day for day, *_ in events)])
    _save_at(milestone, max(latest, actual or latest), "As the latest paper records it")
    return milestone.pk


def _save_at(milestone: Milestone, day: datetime.date, reason: str) -> None:
    if milestone.pk is not None:
        stored = Milestone.objects.get(pk=milestone.pk)
        fields = ("baseline_on", "forecast_on", "actual_on", "status", "baseline_change_reference")
        if all(getattr(stored, name) == getattr(milestone, name) for name in fields):
            return
    milestone._history_date = _moment(day)
    milestone._change_reason = reason
    milestone.save()
