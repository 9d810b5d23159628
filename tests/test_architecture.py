"""Layers that show (DESIGN §3, README: Layout): the kernel imports no app, apps import the kernel and lower apps,
the project wiring sits on top, and no import cycles anywhere.

The layering contracts live in pyproject.toml ([tool.importlinter]) and are run here as `lint-imports` runs them;
the cycles are found on the import graph that import-linter builds on (grimp). Imports inside functions count as
much as those at the top of a module: a function-local import papers over a cycle, it does not remove one.
"""

import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
PACKAGES = CONFIG["root_packages"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """The cycles of a directed graph: its strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(component)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(graph) + 100))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def describe(graph: grimp.ImportGraph, cycle: set[str]) -> str:
    """Each import inside the cycle, with its line, so that the report says where to cut."""
    lines = []
    for importer in sorted(cycle):
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & cycle):
            for detail in graph.get_import_details(importer=importer, imported=imported):
                lines.append(f"  {importer}:{detail['line_number']}: {detail['line_contents']}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES, include_external_packages=False, cache_dir=None)


# --- the layering contracts ----------------------------------------------------------------------------------


def test_the_layering_contracts_are_kept():
    result = lint_imports(ROOT)

    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert f"Contracts: {len(CONFIG['contracts'])} kept, 0 broken." in report, report


def test_the_contracts_cover_every_package_of_the_project():
    on_disk = {path.parent.name for path in ROOT.glob("*/apps.py")}
    layered = {name.strip() for layer in CONFIG["contracts"][0]["layers"] for name in layer.split("|")}

    assert on_disk <= set(PACKAGES), f"packages outside the contracts: {on_disk - set(PACKAGES)}"
    assert layered == set(PACKAGES)


def test_the_contracts_catch_a_kernel_importing_an_app_a_register_importing_meetings_and_a_sibling_register(
    tmp_path,
):
    """The same contracts run on a throwaway tree of the same packages, with one import against each."""
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "meetings" / "services.py").write_text("")
    (tmp_path / "changes" / "models.py").write_text("")
    # Inside a function, as the cycle this issue found was hidden.
    (tmp_path / "core" / "history.py").write_text(
        textwrap.dedent(
            """
            def as_of():
                from meetings import services
            """
        )
    )
    (tmp_path / "raid" / "views.py").write_text("import meetings.services\nfrom changes.models import *\n")

    result = lint_imports(tmp_path, pythonpath=tmp_path)

    report = result.stdout + result.stderr
    assert result.returncode == 1, report
    assert "Contracts: 0 kept, 3 broken." in report, report
    assert "core.history -> meetings.services (l.3)" in report, report
    assert "raid.views -> meetings.services (l.1)" in report, report
    assert "raid.views -> changes.models (l.2)" in report, report


# --- import cycles -------------------------------------------------------------------------------------------


def test_no_import_cycle_between_the_projects_packages(graph):
    packages = {
        importer: {
            imported
            for imported in PACKAGES
            if imported != importer
            and graph.direct_import_exists(importer=importer, imported=imported, as_packages=True)
        }
        for importer in PACKAGES
    }

    cycles = strongly_connected(packages)

    assert not cycles, "import cycles between packages: " + "; ".join(" ↔ ".join(sorted(c)) for c in cycles)


def test_no_import_cycle_between_modules(graph):
    modules = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}

    cycles = strongly_connected(modules)

    assert not cycles, "import cycles between modules:\n" + "\n".join(describe(graph, cycle) for cycle in cycles)


def test_the_cycle_finder_finds_a_cycle_through_a_function_local_import(tmp_path, monkeypatch):
    (tmp_path / "tangle").mkdir()
    (tmp_path / "tangle" / "__init__.py").write_text("")
    (tmp_path / "tangle" / "services.py").write_text("def render():\n    from tangle.tasks import run\n")
    (tmp_path / "tangle" / "tasks.py").write_text("from tangle import services\n\ndef run():\n    pass\n")
    (tmp_path / "tangle" / "models.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    tangle = grimp.build_graph("tangle", cache_dir=None)

    cycles = strongly_connected({module: tangle.find_modules_directly_imported_by(module) for module in tangle.modules})

    assert cycles == [{"tangle.services", "tangle.tasks"}]
    assert "tangle.services:2: from tangle.tasks import run" in describe(tangle, cycles[0])
