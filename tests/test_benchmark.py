"""The benchmark command works at a tiny scale and produces every figure; timings are reported, never asserted."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

FIGURES = {
    "API list 500 milestones",
    "API list 500 RAID items",
    "API list 500 change requests",
    "API list 500 actions",
    "Programme dashboard",
    "Page /changes/",
    "Page /raid/",
    "Page /milestones/",
    "Page /meetings/",
    "Page /actions/",
    "Page /decisions/",
    "recompute_rag over all milestones",
}


def test_the_benchmark_reports_every_figure_as_json(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    report = tmp_path / "bench.json"

    call_command("benchmark", "--here", "--scale", "0.02", "--skip-pack", "--json", str(report), stdout=out)

    figures = json.loads(report.read_text())
    names = {figure["figure"] for figure in figures}
    assert names >= FIGURES
    assert any(name.startswith("Import ") for name in names)
    assert any(name.startswith("Peak memory") for name in names)
    for figure in figures:
        assert set(figure) == {"figure", "app_s", "floor_s", "ratio", "target", "passed", "queries", "scale"}
        assert figure["scale"] == 0.02
        if figure["target"] is not None:
            assert figure["ratio"] > 0
            assert figure["passed"] == (figure["ratio"] <= figure["target"])
    dashboard = next(f for f in figures if f["figure"] == "Programme dashboard")
    assert 0 < dashboard["queries"] <= 15
    assert "figure" in out.getvalue()


def test_the_benchmark_reuses_a_programme_it_already_built(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command("benchmark", "--here", "--scale", "0.02", "--skip-pack", stdout=StringIO())
    out = StringIO()

    call_command("benchmark", "--here", "--scale", "0.02", "--skip-pack", stdout=out)

    assert "Reusing the synthetic programme" in out.getvalue()
