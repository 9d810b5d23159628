"""milestones.rag: the RAG rules of DESIGN §4 as a pure function of a milestone as it stood on a date.

No database: snapshots are built by hand. Dates are fixed calendar dates (the function takes the date it
evaluates at), chosen around weekends where working days matter."""

import datetime

import pytest

from milestones.choices import MilestoneStatus, Rag
from milestones.rag import RagResult, Snapshot, add_working_days, evaluate, evaluate_all

NOT_STARTED, IN_PROGRESS, COMPLETE = (
    MilestoneStatus.NOT_STARTED,
    MilestoneStatus.IN_PROGRESS,
    MilestoneStatus.COMPLETE,
)

MON = datetime.date(2025, 3, 3)  # the date the rules are evaluated at, unless a test says otherwise
FRI = datetime.date(2025, 3, 7)
DAY = datetime.timedelta(days=1)
FAR = datetime.date(2025, 6, 2)  # a Monday well past the 10-working-day look-ahead from MON


def snap(ref="T3-DB-0001", *, baseline=FAR, forecast=None, actual=None, status=IN_PROGRESS, **extra):
    """A milestone in progress, on track for a baseline three months out, unless told otherwise."""
    return Snapshot(
        ref=ref,
        baseline_on=baseline,
        forecast_on=baseline if forecast is None else forecast,
        actual_on=actual,
        status=COMPLETE if actual is not None and status == IN_PROGRESS else status,
        **extra,
    )


def red(ref, forecast):
    """What a dependency looks like to the rules: its result on the date, and its forecast."""
    return {ref: (RagResult(Rag.RED, "Baseline has passed"), forecast)}


# --- working days ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (MON, 0, MON),
        (MON, 1, datetime.date(2025, 3, 4)),
        (FRI, 1, datetime.date(2025, 3, 10)),  # over the weekend to Monday
        (datetime.date(2025, 3, 8), 1, datetime.date(2025, 3, 10)),  # from a Saturday
        (FRI, 5, datetime.date(2025, 3, 14)),
        (FRI, 10, datetime.date(2025, 3, 21)),  # two weekends skipped: 14 calendar days
        (MON, 10, datetime.date(2025, 3, 17)),
        (MON, -1, datetime.date(2025, 2, 28)),  # backwards over the weekend to Friday
    ],
)
def test_add_working_days_counts_monday_to_friday_only(start, count, expected):
    assert add_working_days(start, count) == expected


# --- Complete ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("actual", [MON, MON - DAY, MON - 30 * DAY])
def test_a_milestone_achieved_on_or_before_the_date_is_complete(actual):
    result = evaluate(snap(baseline=MON - 10 * DAY, actual=actual), MON)

    assert result.rag == Rag.COMPLETE
    assert result.rule == f"Achieved on {actual:%d/%m/%Y}"
    assert not result.overridden


def test_a_milestone_achieved_after_the_date_was_not_complete_on_it():
    achieved_later = snap(baseline=MON - DAY, forecast=MON - DAY, actual=MON + DAY)

    result = evaluate(achieved_later, MON)

    assert result.rag == Rag.RED  # on MON its baseline had passed and it was not yet met
    assert "has passed" in result.rule


def test_a_milestone_achieved_after_the_date_is_green_on_it_when_it_was_on_track():
    result = evaluate(snap(baseline=FAR, actual=FAR), MON)

    assert result.rag == Rag.GREEN


def test_a_milestone_achieved_late_is_still_complete_once_achieved():
    result = evaluate(snap(baseline=MON - 20 * DAY, actual=MON - 5 * DAY), MON)

    assert result.rag == Rag.COMPLETE


# --- Red ---------------------------------------------------------------------------------------------------


def test_a_missed_baseline_is_red_and_the_rule_names_the_baseline():
    result = evaluate(snap(baseline=MON - DAY, forecast=MON + 2 * DAY), MON)

    assert result.rag == Rag.RED
    assert result.rule == f"Baseline {MON - DAY:%d/%m/%Y} has passed and the milestone is not complete"


def test_a_baseline_due_on_the_date_is_not_yet_missed():
    result = evaluate(snap(baseline=MON), MON)

    assert result.rag == Rag.GREEN


def test_a_forecast_exactly_at_the_tolerance_is_amber():
    boundary = add_working_days(FRI, 10)
    assert boundary == FRI + 14 * DAY  # ten working days is two calendar weeks here

    result = evaluate(snap(baseline=FRI, forecast=boundary), MON)

    assert result.rag == Rag.AMBER
    assert "within 10 working days" in result.rule


def test_a_forecast_one_working_day_beyond_the_tolerance_is_red_weekends_skipped():
    one_more = add_working_days(FRI, 11)
    assert one_more == FRI + 17 * DAY  # the Monday after the boundary Friday

    result = evaluate(snap(baseline=FRI, forecast=one_more), MON)

    assert result.rag == Rag.RED
    assert result.rule == (f"Forecast {one_more:%d/%m/%Y} is more than 10 working days after baseline {FRI:%d/%m/%Y}")


def test_the_tolerance_counts_working_days_not_calendar_days():
    # 14 calendar days is more than 10, but only 10 working days: still within tolerance.
    result = evaluate(snap(baseline=MON + 7 * DAY, forecast=MON + 21 * DAY), MON)

    assert result.rag == Rag.AMBER


def test_a_red_dependency_makes_a_milestone_forecast_after_it_red():
    dependency_forecast = FAR - 7 * DAY
    milestone = snap(baseline=FAR, forecast=FAR, depends_on=("T2-RE-0600",))

    result = evaluate(milestone, MON, red("T2-RE-0600", dependency_forecast))

    assert result.rag == Rag.RED
    assert result.rule == "Depends on T2-RE-0600, which is Red, and is forecast after it"


def test_a_red_dependency_does_not_make_a_milestone_forecast_before_it_red():
    milestone = snap(baseline=FAR, forecast=FAR, depends_on=("T2-RE-0600",))

    result = evaluate(milestone, MON, red("T2-RE-0600", FAR + 7 * DAY))

    assert result.rag == Rag.GREEN


@pytest.mark.parametrize("rag", [Rag.AMBER, Rag.GREEN, Rag.COMPLETE])
def test_a_dependency_that_is_not_red_does_not_make_a_milestone_red(rag):
    milestone = snap(baseline=FAR, forecast=FAR, depends_on=("M10",))

    result = evaluate(milestone, MON, {"M10": (RagResult(rag, ""), FAR - 7 * DAY)})

    assert result.rag == Rag.GREEN


# --- Amber -------------------------------------------------------------------------------------------------


def test_a_forecast_after_baseline_within_tolerance_is_amber_and_says_so():
    forecast = add_working_days(FAR, 3)

    result = evaluate(snap(baseline=FAR, forecast=forecast), MON)

    assert result.rag == Rag.AMBER
    assert result.rule == (f"Forecast {forecast:%d/%m/%Y} is after baseline {FAR:%d/%m/%Y}, within 10 working days")


def test_a_milestone_not_started_with_its_baseline_within_the_look_ahead_is_amber():
    result = evaluate(snap(baseline=add_working_days(MON, 10), status=NOT_STARTED), MON)

    assert result.rag == Rag.AMBER
    assert result.rule == "Baseline is within 10 working days and work has not started"


def test_a_milestone_not_started_with_its_baseline_beyond_the_look_ahead_is_green():
    result = evaluate(snap(baseline=add_working_days(MON, 11), status=NOT_STARTED), MON)

    assert result.rag == Rag.GREEN


def test_a_milestone_in_progress_with_its_baseline_within_the_look_ahead_is_green():
    result = evaluate(snap(baseline=MON + DAY, status=IN_PROGRESS), MON)

    assert result.rag == Rag.GREEN


# --- Green -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("forecast", [FAR, FAR - 14 * DAY])
def test_a_milestone_forecast_on_or_before_baseline_is_green(forecast):
    result = evaluate(snap(baseline=FAR, forecast=forecast), MON)

    assert result == RagResult(Rag.GREEN, "On track: forecast on or before baseline")


def test_a_milestone_without_a_forecast_is_judged_on_its_baseline():
    milestone = Snapshot("M10", baseline_on=FAR, forecast_on=None, actual_on=None, status=IN_PROGRESS)

    assert evaluate(milestone, MON).rag == Rag.GREEN
    assert evaluate(milestone, FAR + DAY).rag == Rag.RED


# --- the PMO override --------------------------------------------------------------------------------------


def test_an_override_wins_over_the_rules_until_it_expires():
    missed = snap(
        baseline=MON - 5 * DAY,
        rag_override=Rag.AMBER,
        rag_override_reason="Recovery plan agreed at PSG",
        rag_override_until=MON + DAY,
    )

    on_the_day = evaluate(missed, MON + DAY)
    after = evaluate(missed, MON + 2 * DAY)

    assert on_the_day.rag == Rag.AMBER
    assert on_the_day.overridden
    assert on_the_day.rule == f"PMO override until {MON + DAY:%d/%m/%Y}: Recovery plan agreed at PSG"
    assert after.rag == Rag.RED
    assert not after.overridden
    assert "has passed" in after.rule


def test_an_override_without_an_expiry_keeps_winning():
    milestone = snap(baseline=FAR, rag_override=Rag.RED, rag_override_reason="Supplier in administration")

    result = evaluate(milestone, FAR + 365 * DAY)

    assert result == RagResult(Rag.RED, "PMO override: Supplier in administration", overridden=True)


def test_an_override_wins_over_complete_too():
    milestone = snap(
        actual=MON - DAY,
        rag_override=Rag.AMBER,
        rag_override_reason="Evidence not yet accepted",
        rag_override_until=MON,
    )

    assert evaluate(milestone, MON).rag == Rag.AMBER
    assert evaluate(milestone, MON + DAY).rag == Rag.COMPLETE


# --- several milestones at once ----------------------------------------------------------------------------


def test_evaluate_all_resolves_dependencies_first_whatever_the_order_given():
    snapshots = {
        # The dependent comes first; its dependency's RAG must be known before it is judged.
        "T3-DB-0002": snap("T3-DB-0002", baseline=FAR, depends_on=("T3-DB-0001",)),
        "T3-DB-0003": snap("T3-DB-0003", baseline=FAR + DAY, depends_on=("T3-DB-0002",)),
        "T3-DB-0001": snap("T3-DB-0001", baseline=MON - DAY, forecast=FAR - 7 * DAY),  # missed: Red
        "T3-DB-0004": snap("T3-DB-0004", baseline=FAR),
    }

    results = evaluate_all(snapshots, MON)

    assert {ref: result.rag for ref, result in results.items()} == {
        "T3-DB-0001": Rag.RED,
        "T3-DB-0002": Rag.RED,  # forecast after its Red dependency
        "T3-DB-0003": Rag.RED,  # and so on down the chain
        "T3-DB-0004": Rag.GREEN,
    }
    assert results["T3-DB-0003"].rule == "Depends on T3-DB-0002, which is Red, and is forecast after it"


def test_evaluate_all_ignores_dependencies_on_milestones_it_was_not_given():
    results = evaluate_all({"M10": snap("M10", depends_on=("M9",))}, MON)

    assert results["M10"].rag == Rag.GREEN


def test_evaluate_all_survives_a_dependency_cycle():
    snapshots = {
        "T3-DB-0001": snap("T3-DB-0001", baseline=MON - DAY, depends_on=("T3-DB-0002",)),
        "T3-DB-0002": snap("T3-DB-0002", baseline=FAR, depends_on=("T3-DB-0001",)),
        "T3-DB-0003": snap("T3-DB-0003", baseline=FAR, depends_on=("T3-DB-0003",)),  # on itself
    }

    results = evaluate_all(snapshots, MON)

    assert set(results) == set(snapshots)
    assert results["T3-DB-0001"].rag == Rag.RED  # its own rules still apply
    assert results["T3-DB-0003"].rag == Rag.GREEN


# --- settings ----------------------------------------------------------------------------------------------


def test_a_smaller_tolerance_in_settings_turns_the_same_forecast_red(settings):
    milestone = snap(baseline=FAR, forecast=add_working_days(FAR, 7))
    assert evaluate(milestone, MON).rag == Rag.AMBER

    settings.RAG_TOLERANCE_WORKING_DAYS = 5
    result = evaluate(milestone, MON)

    assert result.rag == Rag.RED
    assert "more than 5 working days" in result.rule


def test_a_longer_look_ahead_in_settings_turns_a_distant_unstarted_milestone_amber(settings):
    milestone = snap(baseline=add_working_days(MON, 15), status=NOT_STARTED)
    assert evaluate(milestone, MON).rag == Rag.GREEN

    settings.RAG_LOOKAHEAD_WORKING_DAYS = 20
    result = evaluate(milestone, MON)

    assert result.rag == Rag.AMBER
    assert result.rule == "Baseline is within 20 working days and work has not started"
