"""The milestone RAG rules (DESIGN §4) as one pure function of a milestone as it stood at a date.

Nothing here reads the database: callers pass snapshots (the record now, or as its history says it stood
on a past date) and the RAG of its dependencies on that date. Tolerance and look-ahead come from settings.
"""

import datetime
import functools
from dataclasses import dataclass, field

from django.conf import settings

from milestones.choices import MilestoneStatus, Rag


@dataclass(frozen=True)
class Snapshot:
    """What the rules read of a milestone on one date."""

    ref: str
    baseline_on: datetime.date | None
    forecast_on: datetime.date | None
    actual_on: datetime.date | None
    status: str
    rag_override: str = ""
    rag_override_reason: str = ""
    rag_override_until: datetime.date | None = None
    depends_on: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, record, depends_on: tuple[str, ...] = ()) -> "Snapshot":
        """From a milestone or one of its historical versions (they carry the same fields)."""
        return cls(
            ref=record.ref,
            baseline_on=record.baseline_on,
            forecast_on=record.forecast_on,
            actual_on=record.actual_on,
            status=record.status,
            rag_override=record.rag_override,
            rag_override_reason=record.rag_override_reason,
            rag_override_until=record.rag_override_until,
            depends_on=depends_on,
        )


@dataclass(frozen=True)
class RagResult:
    rag: str
    rule: str  # the rule that fired, in words
    overridden: bool = False


@functools.lru_cache(maxsize=8192)
def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """`count` working days (Monday to Friday) after `day`."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += datetime.timedelta(days=step)
        if day.weekday() < 5:
            remaining -= 1
    return day


def evaluate(
    milestone: Snapshot,
    on: datetime.date,
    dependencies: dict[str, tuple[RagResult, datetime.date | None]] | None = None,
    *,
    tolerance: int | None = None,
    look_ahead: int | None = None,
) -> RagResult:
    """Green / Amber / Red / Complete for `milestone` as at `on`.

    `dependencies` maps each dependency's ref to its result on the same date and its forecast date. Tolerance and
    look-ahead are the settings' unless given (evaluate_all reads them once for all milestones).
    """
    tolerance = settings.RAG_TOLERANCE_WORKING_DAYS if tolerance is None else tolerance
    look_ahead = settings.RAG_LOOKAHEAD_WORKING_DAYS if look_ahead is None else look_ahead
    if milestone.rag_override and (milestone.rag_override_until is None or on <= milestone.rag_override_until):
        until = f" until {milestone.rag_override_until:%d/%m/%Y}" if milestone.rag_override_until else ""
        reason = f": {milestone.rag_override_reason}" if milestone.rag_override_reason else ""
        return RagResult(milestone.rag_override, f"PMO override{until}{reason}", overridden=True)

    if milestone.actual_on is not None and milestone.actual_on <= on:
        return RagResult(Rag.COMPLETE, f"Achieved on {milestone.actual_on:%d/%m/%Y}")

    baseline, forecast = milestone.baseline_on, milestone.forecast_on or milestone.baseline_on
    if baseline is not None and baseline < on:
        return RagResult(Rag.RED, f"Baseline {baseline:%d/%m/%Y} has passed and the milestone is not complete")
    if baseline is not None and forecast is not None and forecast > add_working_days(baseline, tolerance):
        return RagResult(
            Rag.RED,
            f"Forecast {forecast:%d/%m/%Y} is more than {tolerance} working days after baseline {baseline:%d/%m/%Y}",
        )
    for ref, (result, dependency_forecast) in sorted((dependencies or {}).items()):
        if (
            result.rag == Rag.RED
            and forecast is not None
            and (dependency_forecast is None or forecast >= dependency_forecast)
        ):
            return RagResult(Rag.RED, f"Depends on {ref}, which is Red, and is forecast after it")
    if baseline is not None and forecast is not None and forecast > baseline:
        return RagResult(
            Rag.AMBER,
            f"Forecast {forecast:%d/%m/%Y} is after baseline {baseline:%d/%m/%Y}, within {tolerance} working days",
        )
    if (
        baseline is not None
        and milestone.status == MilestoneStatus.NOT_STARTED
        and baseline <= add_working_days(on, look_ahead)
    ):
        return RagResult(Rag.AMBER, f"Baseline is within {look_ahead} working days and work has not started")
    return RagResult(Rag.GREEN, "On track: forecast on or before baseline")


def evaluate_all(snapshots: dict[str, Snapshot], on: datetime.date) -> dict[str, RagResult]:
    """Every milestone's RAG on `on`, dependencies first (a cycle is broken by ignoring the edge that closes it)."""
    results: dict[str, RagResult] = {}
    visiting: set[str] = set()
    tolerance, look_ahead = settings.RAG_TOLERANCE_WORKING_DAYS, settings.RAG_LOOKAHEAD_WORKING_DAYS

    def visit(ref: str) -> RagResult:
        if ref in results:
            return results[ref]
        visiting.add(ref)
        milestone = snapshots[ref]
        dependencies = {
            dep: (visit(dep), snapshots[dep].forecast_on or snapshots[dep].baseline_on)
            for dep in milestone.depends_on
            if dep in snapshots and dep not in visiting
        }
        visiting.discard(ref)
        results[ref] = evaluate(milestone, on, dependencies, tolerance=tolerance, look_ahead=look_ahead)
        return results[ref]

    for ref in snapshots:
        visit(ref)
    return results
