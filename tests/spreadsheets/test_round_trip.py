"""Export → edit → import round-trips for every register, in .xlsx and .csv: an untouched export re-imports
as all "unchanged" and writes nothing; an edited cell updates that record only, with history naming the
importer and the file; a new row creates a record under its own ref; importing the same file twice changes
nothing the second time."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from changes.choices import ChangeStage, ChangeStatus
from changes.models import ChangeRequest
from core.choices import Classification
from core.refs import next_ref
from meetings.models import Action, Decision
from mhhs_governance.registers import REGISTERS
from milestones.models import Milestone
from raid import services as raid_services
from raid.models import MitigationStep, RaidItem
from tests.changes.factories import ChangeRequestFactory
from tests.programme.factories import GovernanceGroupFactory
from tests.raid.factories import RaidItemFactory
from tests.spreadsheets.helpers import (
    FORMATS,
    KINDS,
    LIST_PATHS,
    SCENARIOS,
    append_row,
    edit_cell,
    newest_history,
    read_rows,
    rows_matching,
    sheet,
    stored,
)

pytestmark = pytest.mark.django_db

CASES = [pytest.param(kind, fmt, id=f"{kind}-{fmt}") for kind in KINDS for fmt in FORMATS]


def export(client, kind: str, fmt: str) -> bytes:
    response = client.get(f"/{LIST_PATHS[kind]}/export.{fmt}")
    assert response.status_code == 200, response.content[:300]
    return response.content


def run(kind: str, filename: str, content: bytes, actor, dry_run: bool = False):
    return REGISTERS[kind].sheet().run(filename, content, actor=actor, dry_run=dry_run)


def outcomes(report) -> list[str]:
    """The rows' outcomes, sorted; an error row's reasons are kept beside it so a failure shows them."""
    return sorted(f"{row.outcome} {row.ref}: {row.errors}" if row.errors else row.outcome for row in report.rows)


@pytest.mark.parametrize(("kind", "fmt"), CASES)
def test_an_untouched_export_reimports_every_row_unchanged_and_writes_nothing(kind, fmt, pmo_client, pmo_user):
    scenario = SCENARIOS[kind]()
    content = export(pmo_client, kind, fmt)
    assert len(read_rows(content, fmt)) == 3
    before = stored(*scenario.watched)

    report = run(kind, f"{kind}.{fmt}", content, pmo_user)

    assert [(row.outcome, row.errors) for row in report.rows] == [("unchanged", [])] * 3
    assert report.applied
    assert stored(*scenario.watched) == before


@pytest.mark.parametrize(("kind", "fmt"), CASES)
def test_an_edited_cell_updates_that_record_only_with_history_naming_the_importer_and_the_file(
    kind, fmt, pmo_client, pmo_user
):
    scenario = SCENARIOS[kind]()
    content = edit_cell(
        export(pmo_client, kind, fmt), fmt, scenario.edit_match, scenario.edit_header, scenario.edit_value
    )
    model = scenario.watched[0]
    history_before = model.history.count()
    filename = f"{kind}-edited.{fmt}"

    report = run(kind, filename, content, pmo_user)

    assert outcomes(report) == ["unchanged", "unchanged", "update"]
    (updated,) = [row for row in report.rows if row.outcome == "update"]
    assert updated.changes == [scenario.edited_field]
    record = scenario.edited()
    assert getattr(record, scenario.edited_field) == scenario.edit_value
    newest = newest_history(record)
    assert newest.history_type == "~"
    assert newest.history_user == pmo_user
    assert newest.history_change_reason == f"Imported from {filename}"
    assert model.history.count() == history_before + 1, "only the edited record gains a history row"


@pytest.mark.parametrize(("kind", "fmt"), CASES)
def test_a_new_row_creates_a_record_under_the_ref_the_file_gives(kind, fmt, pmo_client, pmo_user):
    scenario = SCENARIOS[kind]()
    content = append_row(export(pmo_client, kind, fmt), fmt, scenario.new_row)
    model = scenario.watched[0]
    count_before = model._default_manager.count()
    filename = f"{kind}-with-new-row.{fmt}"

    report = run(kind, filename, content, pmo_user)

    assert outcomes(report) == ["create", "unchanged", "unchanged", "unchanged"]
    assert model._default_manager.count() == count_before + 1
    created = scenario.created()  # looked up by the file's ref: the ref was kept, not regenerated
    history = list(created.history.order_by("history_date", "history_id"))
    assert history[0].history_type == "+"
    # Creation (and, for a record with tracked links, the links' own "~" row) made by the importer, from the file.
    assert {(h.history_user, h.history_change_reason) for h in history} == {(pmo_user, f"Imported from {filename}")}


@pytest.mark.parametrize(("kind", "fmt"), CASES)
def test_importing_an_edited_file_a_second_time_changes_nothing(kind, fmt, pmo_client, pmo_user):
    scenario = SCENARIOS[kind]()
    content = edit_cell(
        export(pmo_client, kind, fmt), fmt, scenario.edit_match, scenario.edit_header, scenario.edit_value
    )
    first = run(kind, f"{kind}.{fmt}", content, pmo_user)
    assert outcomes(first) == ["unchanged", "unchanged", "update"]
    after_first = stored(*scenario.watched)

    again = run(kind, f"{kind}.{fmt}", content, pmo_user)

    assert [(row.outcome, row.changes) for row in again.rows] == [("unchanged", [])] * 3
    assert stored(*scenario.watched) == after_first


@pytest.mark.parametrize(("kind", "fmt"), CASES)
def test_importing_a_file_that_added_a_record_a_second_time_changes_nothing(kind, fmt, pmo_client, pmo_user):
    """The new row left some cells blank (as a person adding a row does): the second import must not read those
    blanks as edits clearing what the first import stored."""
    scenario = SCENARIOS[kind]()
    content = append_row(export(pmo_client, kind, fmt), fmt, scenario.new_row)
    first = run(kind, f"{kind}.{fmt}", content, pmo_user)
    assert outcomes(first) == ["create", "unchanged", "unchanged", "unchanged"]
    after_first = stored(*scenario.watched)

    again = run(kind, f"{kind}.{fmt}", content, pmo_user)

    assert [(row.ref, row.outcome, row.changes) for row in again.rows if row.outcome != "unchanged"] == []
    assert stored(*scenario.watched) == after_first


@pytest.mark.parametrize("kind", KINDS)
def test_a_dry_run_reports_what_it_would_do_and_writes_nothing(kind, pmo_client, pmo_user):
    scenario = SCENARIOS[kind]()
    content = edit_cell(
        export(pmo_client, kind, "csv"), "csv", scenario.edit_match, scenario.edit_header, scenario.edit_value
    )
    before = stored(*scenario.watched)

    report = run(kind, f"{kind}.csv", content, pmo_user, dry_run=True)

    assert outcomes(report) == ["unchanged", "unchanged", "update"]
    assert not report.applied
    assert stored(*scenario.watched) == before


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind != "decisions"])  # decisions carry no version
def test_an_imported_update_bumps_the_version_so_an_edit_form_opened_before_it_goes_stale(kind, pmo_client, pmo_user):
    """Every write bumps a versioned record's version (core.models.VersionedModel); an import that
    does not would let a form opened before the import silently overwrite the imported change."""
    scenario = SCENARIOS[kind]()
    version_before = scenario.edited().version
    content = edit_cell(
        export(pmo_client, kind, "csv"), "csv", scenario.edit_match, scenario.edit_header, scenario.edit_value
    )

    run(kind, f"{kind}.csv", content, pmo_user)

    assert scenario.edited().version == version_before + 1


# --- what each register carries through the round trip -------------------------------------------------------


def test_demo_registers_export_and_reimport_unchanged_in_both_formats(pmo_client, pmo_user):
    """The realistic data of load_demo: every register's export, in both formats, re-imports with no change."""
    call_command("load_demo", "--no-users", stdout=io.StringIO())
    watched = [
        *(REGISTERS[kind].sheet.model for kind in KINDS),
        MitigationStep,
        RaidItem.groups.through,
        Milestone.depends_on.through,
    ]
    before = stored(*watched)
    not_unchanged = {}
    for kind in KINDS:
        for fmt in FORMATS:
            content = export(pmo_client, kind, fmt)
            assert len(read_rows(content, fmt)) == REGISTERS[kind].sheet.model._default_manager.count() > 0
            report = run(kind, f"demo-{kind}.{fmt}", content, pmo_user)
            changed = [(row.row, row.ref, row.outcome, row.errors, row.changes) for row in report.rows]
            changed = [row for row in changed if row[2] != "unchanged"]
            if changed:
                not_unchanged[f"{kind}.{fmt}"] = changed
    assert not_unchanged == {}
    assert stored(*watched) == before


def test_a_change_control_log_with_the_programmes_headers_imports_keeping_its_refs(pmo_user):
    """A log written by hand (no Classification column): the programme's own headers, refs kept, and generated
    refs then go past the imported ones."""
    GovernanceGroupFactory(code="CCAG")
    content = sheet(
        [
            "Ref.",
            "Key Detail",
            "Change Raiser(s)",
            "Approval Status",
            "Current Stage in Change Control",
            "Decision Body",
            "Raised",
        ],
        [
            "CR054",
            "Introduce the MDR role",
            "Ann Raiser",
            "Approved",
            "Approved, awaiting implementation",
            "CCAG",
            "Thu 30/05/24",
        ],
        ["CR055", "Change the DIP message", "Bob Raiser", "Open", "Raised", "", "24-Sep-24"],
    )

    report = run("change-requests", "Change Control Log.csv", content, pmo_user)

    assert [(row.ref, row.outcome) for row in report.rows] == [("CR054", "create"), ("CR055", "create")]
    cr054 = ChangeRequest.objects.get(ref="CR054")
    assert (cr054.title, cr054.raised_by, cr054.status, cr054.stage, cr054.decision_body.code, cr054.raised_on) == (
        "Introduce the MDR role",
        "Ann Raiser",
        ChangeStatus.APPROVED,
        ChangeStage.APPROVED,
        "CCAG",
        datetime.date(2024, 5, 30),
    )
    assert cr054.classification == Classification.PUBLIC
    assert ChangeRequest.objects.get(ref="CR055").raised_on == datetime.date(2024, 9, 24)
    history = newest_history(cr054)
    assert (history.history_type, history.history_user, history.history_change_reason) == (
        "+",
        pmo_user,
        "Imported from Change Control Log.csv",
    )
    assert next_ref("CR", width=3) == "CR056"


def test_a_raid_row_brings_its_groups_and_mitigation_steps_in_order(pmo_client, pmo_user):
    scenario = SCENARIOS["raid-items"]()
    content = append_row(export(pmo_client, "raid-items", "xlsx"), "xlsx", scenario.new_row)

    run("raid-items", "raid.xlsx", content, pmo_user)

    item = RaidItem.objects.get(ref="R150")
    assert [g.code for g in item.groups.all()] == ["SITAG"]
    assert [step.text for step in item.mitigation_steps.order_by("position")] == [
        "Weekly tracking",
        "Contingency plan",
    ]
    assert (item.likelihood, item.impact) == (2, 3)


@pytest.mark.parametrize(
    "step",
    ["2024 replan of the SIT cycles", "- agree the fallback with PSG", "3rd-party assurance of the DIP"],
)
def test_mitigation_steps_that_start_with_digits_or_dashes_round_trip_unchanged(step, pmo_client, pmo_user):
    """The export numbers steps ("1. …"); reading them back must strip that numbering only, not the step's
    own leading digits or punctuation."""
    RaidItemFactory(ref="R300", title="SIT risk", mitigation=[{"text": step}, {"text": "Escalate to PSG"}])
    content = export(pmo_client, "raid-items", "csv")

    report = run("raid-items", "raid.csv", content, pmo_user)

    assert [(row.ref, row.outcome, row.changes) for row in report.rows] == [("R300", "unchanged", [])]
    assert [s.text for s in RaidItem.objects.get(ref="R300").mitigation_steps.order_by("position")] == [
        step,
        "Escalate to PSG",
    ]


def test_a_closed_raid_item_edited_in_the_file_is_reported_at_the_preview_not_failing_on_confirm(pmo_client, pmo_user):
    """The dry run must foresee what applying would refuse: an all-or-nothing import reports the row, rather
    than saying "update" and then raising when confirmed."""
    item = RaidItemFactory(ref="R400", title="Closed risk")
    raid_services.raid_item_close(item=item, actor=pmo_user)
    content = edit_cell(export(pmo_client, "raid-items", "csv"), "csv", {"Risk ID": "R400"}, "Title", "Retitled")

    report = run("raid-items", "raid.csv", content, pmo_user)

    assert [row.outcome for row in report.rows] == ["error"]
    assert "closed" in " ".join(report.rows[0].errors)
    assert RaidItem.objects.get(ref="R400").title == "Closed risk"


def test_a_milestone_row_brings_its_dependencies_and_the_rag_is_recomputed_after_commit(
    pmo_client, pmo_user, django_capture_on_commit_callbacks
):
    scenario = SCENARIOS["milestones"]()
    content = append_row(export(pmo_client, "milestones", "xlsx"), "xlsx", scenario.new_row)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run("milestones", "register.xlsx", content, pmo_user)

    assert len(callbacks) >= 1
    created = Milestone.objects.get(ref="T2-DB-0600")
    assert [m.ref for m in created.depends_on.all()] == ["M10"]
    assert (created.tier, created.workstream, created.baseline_on) == (2, "DB", datetime.date(2025, 5, 30))
    assert created.rag != "", "the RAG is recomputed once the import commits"
    # The dependency the file repeats for T3-DB-0153 is kept.
    assert [m.ref for m in Milestone.objects.get(ref="T3-DB-0153").depends_on.all()] == ["M10"]


def test_an_actions_log_keeps_due_text_reads_uk_due_dates_and_takes_the_meeting_from_the_ref(pmo_client, pmo_user):
    SCENARIOS["actions"]()
    content = sheet(
        ["Ref", "Action", "Owner", "Due", "Latest update"],
        ["DAG26-10", "Publish the migration plan", "Programme PMO", "24-Sep-24", ""],
        ["DAG26-11", "Confirm the cut-over window", "Design Team", "ASAP", "Awaiting DCC"],
    )

    report = run("actions", "actions.csv", content, pmo_user)

    assert [(row.ref, row.outcome) for row in report.rows] == [("DAG26-10", "create"), ("DAG26-11", "create")]
    dated, asap = Action.objects.get(ref="DAG26-10"), Action.objects.get(ref="DAG26-11")
    assert (dated.meeting.ref, dated.due_on, dated.due_text) == ("DAG26", datetime.date(2024, 9, 24), "")
    assert (asap.due_on, asap.due_text, asap.latest_update) == (None, "ASAP", "Awaiting DCC")
    assert dated.raised_on == dated.meeting.held_on
    # The exported ASAP action comes back as it was.
    exported = rows_matching(read_rows(export(pmo_client, "actions", "csv"), "csv"), {"Ref": "DAG26-02"})
    assert exported[0]["Due"] == "ASAP"


def test_a_decision_row_names_its_meeting_and_defaults_decided_by_to_the_group(pmo_client, pmo_user):
    scenario = SCENARIOS["decisions"]()
    content = append_row(export(pmo_client, "decisions", "csv"), "csv", scenario.new_row)

    run("decisions", "decisions.csv", content, pmo_user)

    created = Decision.objects.get(ref="DAG-DEC60")
    assert (created.meeting.ref, created.decided_by) == ("DAG26", "DAG")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("title", ['=HYPERLINK("http://evil.example","Click")', "+44 settlement", "-1 day slip"])
def test_text_a_spreadsheet_would_run_is_exported_inert_and_round_trips_unchanged(fmt, title, pmo_client, pmo_user):
    ChangeRequestFactory(ref="CR300", title=title)
    content = export(pmo_client, "change-requests", fmt)

    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        cell = next(c for row in sheet.iter_rows() for c in row if c.value == title)
        assert cell.data_type == "s"  # text, not a formula Excel would run
    else:
        cells = [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]
        assert f"'{title}" in cells  # after an apostrophe: shown as text by Excel
    report = run("change-requests", f"crs.{fmt}", content, pmo_user)

    assert [(row.ref, row.outcome) for row in report.rows] == [("CR300", "unchanged")]


def test_excel_unicode_text_utf16_with_tabs_reads_as_the_csv_does(pmo_client, pmo_user):
    ChangeRequestFactory(ref="CR300", title="Café-level settlement, revisited")
    rows = list(csv.reader(io.StringIO(export(pmo_client, "change-requests", "csv").decode("utf-8-sig"))))
    unicode_text = "\r\n".join("\t".join(row) for row in rows).encode("utf-16")

    report = run("change-requests", "crs.txt.csv", unicode_text, pmo_user)

    assert [(row.ref, row.outcome) for row in report.rows] == [("CR300", "unchanged")]
