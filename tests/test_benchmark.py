"""The benchmark command works at a tiny scale and produces every figure; timings are reported, never asserted."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from changes.models import ChangeRequest
from meetings.models import Action, Meeting
from mhhs_governance import benchmark
from milestones.models import Milestone
from raid.models import RaidItem

pytestmark = pytest.mark.django_db

REGISTERS = ("changes", "raid", "milestones", "meetings", "actions", "decisions")

FIGURES = {
    "API list 500 milestones",
    "API list 500 RAID items",
    "API list 500 change requests",
    "API list 500 actions",
    "Programme dashboard",
    *(f"Register page /{register}/ (first page)" for register in REGISTERS),
    "Record page CR054 with its IA responses",
    "Record page milestone with 12 dependencies",
    "Record page meeting with 40 actions",
    "API list 500 milestones ?as_of=",
    "API list 500 RAID items ?as_of=",
    "API list 500 change requests ?as_of=",
    "API list 500 actions ?as_of=",
    "RAID movement of 500 items since PSG35",
    *(f"Register page /{register}/ ?as_of=" for register in REGISTERS),
    "Programme dashboard ?as_of=",
    "What changed since PSG35",
    "recompute_rag over all milestones",
    "Import milestones from xlsx",
}


def test_the_benchmark_reports_every_figure_with_a_target_as_json(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    out = StringIO()
    report = tmp_path / "bench.json"

    table = tmp_path / "bench.md"
    call_command(
        "benchmark", "--here", "--scale", "0.02", "--skip-pack", "--json", str(report), "--markdown", table, stdout=out
    )

    figures = json.loads(report.read_text())
    names = {figure["figure"] for figure in figures}
    assert names >= FIGURES
    assert any(name.startswith("Peak memory") for name in names)
    for figure in figures:
        assert set(figure) == {
            "figure",
            "app_s",
            "floor_s",
            "ratio",
            "target",
            "passed",
            "queries",
            "scale",
            "max_queries",
            "note",
        }
        assert figure["scale"] == 0.02
        if figure["figure"] in FIGURES:
            # Every figure is measured (a failure to measure would say why in its note) and has a target.
            assert figure["target"] is not None, figure
            assert figure["ratio"] > 0, figure
            assert figure["queries"] > 0, figure
            within = figure["ratio"] <= figure["target"] and (
                figure["max_queries"] is None or figure["queries"] <= figure["max_queries"]
            )
            assert figure["passed"] == (within and "queries grow" not in figure["note"]), figure
    dashboard = next(f for f in figures if f["figure"] == "Programme dashboard")
    assert dashboard["max_queries"] == 15
    assert "figure" in out.getvalue()
    assert "figures missed their target" in out.getvalue()
    rows = table.read_text().splitlines()
    assert rows[0].startswith("| figure | app s | floor s | ratio | target | result | queries |")
    assert len(rows) == len(figures) + 2
    assert any(row.startswith("| Programme dashboard |") and "(≤ 15)" in row for row in rows)


def test_a_figure_that_cannot_be_measured_is_a_miss_and_the_run_carries_on():
    run = benchmark.Run(1, log=lambda line: None)

    def broken():
        raise benchmark.NotAPage("/changes/ answered 500")

    run.add("Register page /changes/ (first page)", broken)
    run.add("Another figure", lambda: run.figure(0.002, 0.001, 3.0, 4))

    missed, measured = run.figures
    assert (missed.passed, missed.note) == (False, "not measured: /changes/ answered 500")
    assert (measured.figure, measured.ratio, measured.passed) == ("Another figure", 2.0, True)


def test_queries_that_grow_with_the_page_miss_whatever_the_time():
    run = benchmark.Run(1, log=lambda line: None)

    figure = run.figure(0.001, 0.001, 3.0, 9, growing=benchmark._constant(9, 5, "the page size"))

    assert figure.passed is False
    assert figure.note == "queries grow with the page size (5 → 9)"


@pytest.fixture
def demo_reference_data():
    call_command("load_demo", "--no-users", stdout=StringIO())


def test_the_synthetic_programme_gives_each_record_ten_versions_over_two_years(demo_reference_data):
    benchmark.build(0.02, log=lambda line: None)

    for model in (Milestone, RaidItem, ChangeRequest, Action, Meeting):
        record = model.objects.filter(pk__in=model.history.values("id")).order_by("pk").last()
        versions = list(record.history.order_by("history_date"))
        assert len(versions) == benchmark.VERSIONS, model
        assert versions[-1].history_date - versions[0].history_date > datetime.timedelta(days=30), model
        # The history ends where the table is.
        now = versions[-1].instance
        assert [getattr(now, f.attname) for f in model.history.model.tracked_fields] == [
            getattr(record, f.attname) for f in model.history.model.tracked_fields
        ], model
    first = Milestone.objects.get(ref=f"T3-{benchmark.BENCH_PREFIX}-00000")
    assert first.history.earliest("history_date").history_date >= timezone.now() - datetime.timedelta(days=731)
    assert first.depends_on.count() == benchmark.DEPENDENCIES
    assert Meeting.objects.annotate(n=Count("actions")).order_by("-n").first().n == benchmark.MEETING_ACTIONS


def test_the_benchmark_reuses_a_programme_it_already_built_and_refuses_a_thinner_one(demo_reference_data):
    benchmark.build(0.02, log=lambda line: None)
    said = []

    benchmark.build(0.02, log=said.append)

    assert said == ["Reusing the synthetic programme already in this database."]
    Milestone.history.filter(ref=f"T3-{benchmark.BENCH_PREFIX}-00000").exclude(history_type="+").delete()
    with pytest.raises(benchmark.ThinHistory):
        benchmark.build(0.02, log=said.append)
