"""The import page (upload → dry-run report → confirm with a token), the blank templates and the exports:
who may use them, what they show, and that exports honour the list's filters, as-of date and the reader's
classification scope."""

import datetime
import io
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from core.roles import CHAIR, PARTICIPANT
from mhhs_governance.registers import REGISTERS
from milestones.choices import Rag
from milestones.models import Milestone
from programme.models import GovernanceGroup
from tests.milestones.factories import MilestoneFactory, aware, save_at
from tests.programme.factories import GovernanceGroupFactory
from tests.spreadsheets.helpers import (
    FORMATS,
    KINDS,
    LIST_PATHS,
    SCENARIOS,
    append_row,
    edit_cell,
    newest_history,
    read_rows,
    read_table,
    rows_matching,
    sheet,
    stored,
)

pytestmark = pytest.mark.django_db

LIST_PAGES = {
    "change-requests": "/changes/",
    "impact-responses": "/changes/",
    "raid-items": "/raid/",
    "milestones": "/milestones/",
    "actions": "/actions/",
    "decisions": "/decisions/",
}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def import_path(kind: str) -> str:
    return f"/{LIST_PATHS[kind]}/import/"


def upload(client, kind: str, filename: str, content: bytes):
    return client.post(import_path(kind), {"file": SimpleUploadedFile(filename, content)})


def hidden(response, name: str) -> str:
    html = response.content.decode()
    marker = f'name="{name}" value="'
    start = html.index(marker) + len(marker)
    return unescape(html[start : html.index('"', start)])


def report_rows(response) -> list[tuple[str, str, str]]:
    """(row, ref, outcome) of each row of the report table."""
    html = unescape(response.content.decode())
    body = html[html.index("<tbody>") + len("<tbody>") : html.index("</tbody>")]
    rows = []
    for chunk in body.split("<tr")[1:]:
        cells = [cell.split("</td>")[0] for cell in chunk.split("<td")[1:]]
        cells = [cell.split(">", 1)[1] for cell in cells]
        rows.append((cells[0], cells[1], cells[2]))
    return rows


# --- the import page --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_import_page_shows_the_register_columns_and_links_its_templates(kind, pmo_client):
    response = pmo_client.get(import_path(kind))

    assert response.status_code == 200
    html = unescape(response.content.decode())
    for column in REGISTERS[kind].sheet.columns:
        assert f"<code>{column.header}</code>" in html
    assert f'href="/{LIST_PATHS[kind]}/import/template.xlsx"' in html
    assert f'href="/{LIST_PATHS[kind]}/import/template.csv"' in html
    assert 'type="file"' in html and "Confirm the import" not in html


def test_the_milestone_import_page_marks_required_columns_and_shows_synonyms(pmo_client):
    html = unescape(pmo_client.get("/milestones/import/").content.decode())

    assert "<code>Milestone ID</code>*" in html
    assert "<code>Forecast Date</code> <span" in html and "(also Forecast)" in html


def test_uploading_a_file_shows_each_row_as_create_update_or_unchanged_and_writes_nothing_yet(
    pmo_client, pending_uploads
):
    scenario = SCENARIOS["milestones"]()
    exported = pmo_client.get("/milestones/export.csv").content
    content = append_row(
        edit_cell(exported, "csv", scenario.edit_match, scenario.edit_header, scenario.edit_value),
        "csv",
        {"Milestone ID": "T2-DB-0600", "Forum": "SITAG", "Title": "Migration rehearsal"},
    )
    before = stored(*scenario.watched)

    response = upload(pmo_client, "milestones", "Milestone Register.csv", content)

    assert response.status_code == 200
    assert sorted(report_rows(response)) == [
        ("2", "M10", "unchanged"),
        ("3", "T3-DB-0153", "update"),
        ("4", "T3-DB-0154", "unchanged"),
        ("5", "T2-DB-0600", "create"),
    ]
    html = unescape(response.content.decode())
    assert "Milestone Register.csv: 1 to create, 1 to update, 2 unchanged, 0 refused" in html
    assert "Confirm the import" in html
    token = hidden(response, "token")
    assert token.isalnum()
    assert (pending_uploads / token).read_bytes() == content
    assert hidden(response, "filename") == "Milestone Register.csv"
    assert stored(*scenario.watched) == before


@pytest.mark.parametrize("kind", KINDS)
def test_confirming_imports_the_previewed_file_and_returns_to_the_list_with_a_message(
    kind, pmo_client, pmo_user, pending_uploads
):
    scenario = SCENARIOS[kind]()
    content = edit_cell(
        pmo_client.get(f"/{LIST_PATHS[kind]}/export.xlsx").content,
        "xlsx",
        scenario.edit_match,
        scenario.edit_header,
        scenario.edit_value,
    )
    preview = upload(pmo_client, kind, f"{kind} log.xlsx", content)
    token = hidden(preview, "token")

    response = pmo_client.post(import_path(kind), {"token": token, "filename": f"{kind} log.xlsx"})

    assert response.status_code == 302
    assert response["Location"] == LIST_PAGES[kind]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Imported {kind} log.xlsx: 0 created, 1 updated, 2 unchanged."
    ]
    record = scenario.edited()
    assert getattr(record, scenario.edited_field) == scenario.edit_value
    history = newest_history(record)
    assert (history.history_user, history.history_change_reason) == (pmo_user, f"Imported from {kind} log.xlsx")
    assert not (pending_uploads / token).exists(), "the pending file is removed once used"


def test_a_token_is_used_once(pmo_client, pending_uploads):
    GovernanceGroupFactory(code="SITAG")
    preview = upload(
        pmo_client, "milestones", "r.csv", sheet(["Milestone ID", "Forum", "Title"], ["M11", "SITAG", "X"])
    )
    token = hidden(preview, "token")
    assert pmo_client.post("/milestones/import/", {"token": token, "filename": "r.csv"}).status_code == 302

    again = pmo_client.post("/milestones/import/", {"token": token, "filename": "r.csv"})

    assert again.status_code == 400
    assert "This preview has expired: upload the file again." in unescape(again.content.decode())
    assert Milestone.objects.filter(ref="M11").count() == 1


@pytest.mark.parametrize("token", ["0" * 32, "deadbeef", "../../settings", "imports/x", "a b"])
def test_an_unknown_or_expired_token_is_refused_with_400(token, pmo_client, pending_uploads):
    response = pmo_client.post("/milestones/import/", {"token": token, "filename": "r.csv"})

    assert response.status_code == 400
    assert "This preview has expired: upload the file again." in unescape(response.content.decode())


def test_a_confirmation_whose_data_changed_since_the_preview_imports_nothing(pmo_client, pending_uploads):
    GovernanceGroupFactory(code="SITAG")
    preview = upload(
        pmo_client,
        "milestones",
        "r.csv",
        sheet(["Milestone ID", "Forum", "Title"], ["M11", "SITAG", "Go live"], ["M12", "SITAG", "Hypercare"]),
    )
    token = hidden(preview, "token")
    GovernanceGroup.objects.filter(code="SITAG").delete()  # someone removed the forum in the meantime

    response = pmo_client.post("/milestones/import/", {"token": token, "filename": "r.csv"})

    assert response.status_code == 409
    assert "Forum: no governance group SITAG" in unescape(response.content.decode())
    assert not Milestone.objects.filter(ref__in=["M11", "M12"]).exists()


# --- templates ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_template_is_the_header_row_alone(kind, fmt, pmo_client):
    response = pmo_client.get(f"/{LIST_PATHS[kind]}/import/template.{fmt}")

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == f'attachment; filename="{kind}-template.{fmt}"'
    assert read_table(response.content, fmt) == [[column.header for column in REGISTERS[kind].sheet.columns]]


def test_the_milestone_xlsx_template_is_one_sheet_with_one_row(pmo_client):
    workbook = load_workbook(io.BytesIO(pmo_client.get("/milestones/import/template.xlsx").content))

    assert len(workbook.worksheets) == 1
    assert workbook.worksheets[0].max_row == 1
    assert workbook.worksheets[0]["A1"].value == "Milestone ID"


# --- who may ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [PARTICIPANT, CHAIR])
@pytest.mark.parametrize("kind", KINDS)
def test_participants_and_chairs_may_not_import_or_download_templates(kind, role, client_for, pending_uploads):
    client = client_for(role)
    before = stored(*(REGISTERS[k].sheet.model for k in KINDS))

    assert client.get(import_path(kind)).status_code == 403
    assert client.post(import_path(kind), {"file": SimpleUploadedFile("r.csv", b"Ref\nX1\n")}).status_code == 403
    assert client.post(import_path(kind), {"token": "0" * 32, "filename": "r.csv"}).status_code == 403
    for fmt in FORMATS:
        assert client.get(f"/{LIST_PATHS[kind]}/import/template.{fmt}").status_code == 403
    assert stored(*(REGISTERS[k].sheet.model for k in KINDS)) == before


@pytest.mark.parametrize("role", [PARTICIPANT, CHAIR])
@pytest.mark.parametrize("kind", KINDS)
def test_participants_and_chairs_may_export(kind, role, client_for):
    client = client_for(role)
    for fmt in FORMATS:
        response = client.get(f"/{LIST_PATHS[kind]}/export.{fmt}")
        assert response.status_code == 200
        assert response["Content-Type"] == CONTENT_TYPES[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_participants_export_holds_public_records_only(kind, fmt, client_for):
    scenario = SCENARIOS[kind]()

    rows = read_rows(client_for(PARTICIPANT).get(f"/{LIST_PATHS[kind]}/export.{fmt}").content, fmt)

    assert len(rows) == 2
    assert rows_matching(rows, scenario.restricted_match) == []
    assert len(rows_matching(rows, scenario.public_match)) == 1
    assert len(rows_matching(rows, scenario.edit_match)) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_chairs_export_includes_restricted_records(kind, client_for):
    scenario = SCENARIOS[kind]()

    rows = read_rows(client_for(CHAIR).get(f"/{LIST_PATHS[kind]}/export.csv").content, "csv")

    assert len(rows) == 3
    assert len(rows_matching(rows, scenario.restricted_match)) == 1


def test_a_participants_milestone_export_does_not_name_a_restricted_dependency(client_for):
    sitag = GovernanceGroupFactory(code="SITAG")
    secret = MilestoneFactory(ref="T3-DB-0099", forum=sitag, classification="restricted")
    MilestoneFactory(ref="M10", forum=sitag, depends_on=[secret])

    (row,) = read_rows(client_for(PARTICIPANT).get("/milestones/export.csv").content, "csv")

    assert (row["Milestone ID"], row["Depends On"]) == ("M10", "")


@pytest.mark.parametrize(
    "path", ["/milestones/import/", "/milestones/import/template.xlsx", "/milestones/export.xlsx", "/raid/export.csv"]
)
def test_anonymous_visitors_are_sent_to_log_in(path, client):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_an_anonymous_upload_is_sent_to_log_in_and_imports_nothing(client):
    GovernanceGroupFactory(code="SITAG")
    response = client.post(
        "/milestones/import/",
        {"file": SimpleUploadedFile("r.csv", sheet(["Milestone ID", "Forum", "Title"], ["M11", "SITAG", "X"]))},
    )

    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not Milestone.objects.filter(ref="M11").exists()


@pytest.mark.parametrize(
    "path", ["/milestones/export.pdf", "/milestones/export.xls", "/milestones/import/template.pdf", "/raid/export.json"]
)
def test_an_unknown_format_is_not_found(path, pmo_client):
    assert pmo_client.get(path).status_code == 404


# --- what an export holds ---------------------------------------------------------------------------------------


@pytest.fixture
def forums_and_rags():
    sitag = GovernanceGroupFactory(code="SITAG", name="SIT Advisory Group")
    dag = GovernanceGroupFactory(code="DAG", name="Design Advisory Group")
    MilestoneFactory(ref="T3-DB-0001", forum=sitag, title="SIT red", rag=Rag.RED)
    MilestoneFactory(ref="T3-DB-0002", forum=sitag, title="SIT green", rag=Rag.GREEN)
    MilestoneFactory(ref="T3-DB-0003", forum=dag, title="DAG red", rag=Rag.RED)
    MilestoneFactory(ref="T3-DB-0004", forum=sitag, title="SIT amber", rag=Rag.AMBER)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_honours_the_list_filters(fmt, forums_and_rags, client_for):
    response = client_for(PARTICIPANT).get(f"/milestones/export.{fmt}?forum=SITAG&rag=red")

    assert response.status_code == 200
    rows = read_rows(response.content, fmt)
    assert [(r["Milestone ID"], r["Forum"], r["Current RAG"]) for r in rows] == [("T3-DB-0001", "SITAG", "Red")]


def test_an_export_with_several_values_of_a_filter_holds_each(forums_and_rags, pmo_client):
    rows = read_rows(pmo_client.get("/milestones/export.csv?forum=SITAG&rag=red&rag=amber").content, "csv")

    assert sorted(r["Milestone ID"] for r in rows) == ["T3-DB-0001", "T3-DB-0004"]


def test_an_export_with_a_filter_value_that_does_not_exist_is_a_bad_request(forums_and_rags, pmo_client):
    response = pmo_client.get("/milestones/export.csv?forum=NOPE")

    assert response.status_code == 400
    assert "forum" in response.content.decode()


def test_an_export_as_of_a_date_shows_records_as_they_stood_then(pmo_client):
    sitag = GovernanceGroupFactory(code="SITAG")
    early = MilestoneFactory(
        ref="T3-DB-0001", forum=sitag, title="Original title", history_date=aware(datetime.date(2024, 1, 10))
    )
    save_at(early, aware(datetime.date(2024, 3, 1)), title="Retitled in March")
    MilestoneFactory(
        ref="T3-DB-0002", forum=sitag, title="Added in June", history_date=aware(datetime.date(2024, 6, 1))
    )

    then = pmo_client.get("/milestones/export.csv?as_of=2024-02-01")
    now = pmo_client.get("/milestones/export.csv")

    assert then.status_code == 200
    assert then["Content-Disposition"] == 'attachment; filename="milestones-2024-02-01.csv"'
    assert [(r["Milestone ID"], r["Title"], r["Forum"]) for r in read_rows(then.content, "csv")] == [
        ("T3-DB-0001", "Original title", "SITAG")
    ]
    assert sorted((r["Milestone ID"], r["Title"]) for r in read_rows(now.content, "csv")) == [
        ("T3-DB-0001", "Retitled in March"),
        ("T3-DB-0002", "Added in June"),
    ]


def test_an_export_as_of_a_date_and_a_filter_combines_them(pmo_client):
    sitag = GovernanceGroupFactory(code="SITAG")
    dag = GovernanceGroupFactory(code="DAG")
    MilestoneFactory(ref="T3-DB-0001", forum=sitag, title="SIT one", history_date=aware(datetime.date(2024, 1, 10)))
    MilestoneFactory(ref="T3-DB-0002", forum=dag, title="DAG one", history_date=aware(datetime.date(2024, 1, 10)))
    MilestoneFactory(ref="T3-DB-0003", forum=sitag, title="SIT later", history_date=aware(datetime.date(2024, 6, 1)))

    rows = read_rows(pmo_client.get("/milestones/export.xlsx?forum=SITAG&as_of=2024-02-01").content, "xlsx")

    assert [r["Milestone ID"] for r in rows] == ["T3-DB-0001"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_is_a_download_named_after_the_register_and_day(fmt, pmo_client):
    response = pmo_client.get(f"/milestones/export.{fmt}")

    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"].startswith('attachment; filename="milestones-')
    assert response["Content-Disposition"].endswith(f'.{fmt}"')


def test_a_chair_cannot_rewrite_an_existing_decision_through_the_import(client_for, pending_uploads):
    """Chairs hold add_decision (to record decisions at meetings) but not change_decision: an import that
    updates decisions is a change, and imports are for the PMO."""
    scenario = SCENARIOS["decisions"]()
    chair = client_for(CHAIR)
    content = edit_cell(chair.get("/decisions/export.csv").content, "csv", scenario.edit_match, "Decision", "Rewritten")

    preview = upload(chair, "decisions", "decisions.csv", content)
    if preview.status_code == 200:
        chair.post("/decisions/import/", {"token": hidden(preview, "token"), "filename": "decisions.csv"})

    assert preview.status_code == 403
    assert scenario.edited().text == "The group agreed the design baseline"


@pytest.fixture
def moved_milestone():
    """T3-DB-0001: SITAG's, with no dependency, until 1 March 2024, when it moved to DAG and came to depend on
    M10."""
    sitag = GovernanceGroupFactory(code="SITAG")
    dag = GovernanceGroupFactory(code="DAG")
    m10 = MilestoneFactory(ref="M10", forum=dag, title="Programme M10", history_date=aware(datetime.date(2024, 1, 5)))
    moved = MilestoneFactory(
        ref="T3-DB-0001", forum=sitag, title="Data build", history_date=aware(datetime.date(2024, 1, 10))
    )
    save_at(moved, aware(datetime.date(2024, 3, 1)), title="Data build (DAG)", forum=dag, depends_on=[m10])


def test_an_export_as_of_a_date_filters_on_what_records_were_then_as_the_list_page_does(moved_milestone, pmo_client):
    """The list page at ?as_of= filters the historical versions; the export of that page must hold the same
    rows: T3-DB-0001 was SITAG's on 1 February."""
    sitag_then = read_rows(pmo_client.get("/milestones/export.csv?forum=SITAG&as_of=2024-02-01").content, "csv")
    dag_then = read_rows(pmo_client.get("/milestones/export.csv?forum=DAG&as_of=2024-02-01").content, "csv")

    assert [(r["Milestone ID"], r["Forum"]) for r in sitag_then] == [("T3-DB-0001", "SITAG")]
    assert [(r["Milestone ID"], r["Forum"]) for r in dag_then] == [("M10", "DAG")]


def test_an_export_as_of_a_date_lists_dependencies_as_they_were_then(moved_milestone, pmo_client):
    rows = read_rows(pmo_client.get("/milestones/export.csv?as_of=2024-02-01").content, "csv")

    assert {r["Milestone ID"]: (r["Title"], r["Depends On"]) for r in rows} == {
        "M10": ("Programme M10", ""),
        "T3-DB-0001": ("Data build", ""),
    }
