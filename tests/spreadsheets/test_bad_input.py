"""Bad input, refused with a clear message naming the row and column, with nothing saved: at the engine
(RegisterSheet.read / check / run), through `import_register` (non-zero exit) and through the import page."""

import datetime
import io
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from changes.models import ChangeRequest
from core import spreadsheets
from core.spreadsheets import MAX_CELL_CHARACTERS, SheetError, parse_uk_date
from meetings.models import Action, Decision
from mhhs_governance import spreadsheet_views
from mhhs_governance.registers import REGISTERS
from milestones.models import Milestone
from raid.models import RaidItem
from tests.changes.factories import ChangeRequestFactory
from tests.meetings.factories import MeetingFactory
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import GovernanceGroupFactory, OrganisationFactory
from tests.spreadsheets.helpers import sheet, stored

pytestmark = pytest.mark.django_db

MILESTONE_HEADERS = ["Milestone ID", "Forum", "Title", "Baseline Date", "Commentary", "Depends On"]
GOOD_MILESTONE = ["T3-DB-0001", "SITAG", "Data build complete", "30/05/2025", "", "M10"]
WATCHED = (Milestone, Milestone.depends_on.through, ChangeRequest, RaidItem, Action, Decision)


@pytest.fixture
def programme(db):
    """SITAG with its milestone M10, a DAG meeting (DAG26), a CR and a party: what good rows refer to."""
    sitag = GovernanceGroupFactory(code="SITAG", name="SIT Advisory Group")
    MilestoneFactory(ref="M10", forum=sitag, title="SIT complete")
    MeetingFactory(number="26")
    ChangeRequestFactory(ref="CR054", title="Introduce the MDR role")
    OrganisationFactory(name="Alpha Energy Ltd")


def milestone_file(*rows, fmt: str = "csv", headers=MILESTONE_HEADERS) -> bytes:
    return sheet(headers, GOOD_MILESTONE, *rows, fmt=fmt)


def run(kind: str, filename: str, content: bytes, actor=None):
    return REGISTERS[kind].sheet().run(filename, content, actor=actor, dry_run=False)


# --- the file as a whole ----------------------------------------------------------------------------------------


FILE_REFUSALS = [
    pytest.param("register.txt", b"Milestone ID,Forum,Title\nM11,SITAG,Go live\n", "Upload an .xlsx or .csv", id="txt"),
    pytest.param("register.pdf", b"%PDF-1.7 ...", "Upload an .xlsx or .csv", id="pdf"),
    pytest.param("register.csv", b"", "The file is empty", id="empty-csv"),
    pytest.param("register.xlsx", b"", "The file is empty", id="empty-xlsx"),
    pytest.param("register.csv", b" \r\n\n  ", "The file is empty", id="blank-csv"),
    pytest.param(
        "register.xlsx", b"Milestone ID,Forum,Title\nM11,SITAG,Go live\n", "not a readable .xlsx", id="csv-as-xlsx"
    ),
    pytest.param("register.xlsx", b"PK\x03\x04 not really a zip", "not a readable .xlsx", id="broken-zip"),
    pytest.param("register.csv", b"\x00\x81\xff" * 10, "not a text CSV", id="binary-csv"),
    pytest.param("register.csv", sheet(["Milestone ID", "Forum", "Title"]), "no data rows", id="header-only-template"),
]


@pytest.mark.parametrize(("filename", "content", "message"), FILE_REFUSALS)
def test_a_file_that_cannot_be_read_as_the_register_is_refused_whole(programme, filename, content, message):
    before = stored(*WATCHED)

    with pytest.raises(SheetError, match=message):
        run("milestones", filename, content)

    assert stored(*WATCHED) == before


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_unknown_column_is_refused_naming_it_and_listing_the_register_columns(programme, fmt):
    content = sheet([*MILESTONE_HEADERS, "Colour"], [*GOOD_MILESTONE, "blue"], fmt=fmt)

    with pytest.raises(SheetError) as refused:
        run("milestones", f"register.{fmt}", content)

    message = str(refused.value)
    assert message.startswith("Unknown column: Colour.")
    assert "Milestone ID" in message and "Forecast Date" in message
    assert not Milestone.objects.filter(ref="T3-DB-0001").exists()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_missing_required_column_is_refused_naming_it(programme, fmt):
    content = sheet(["Milestone ID", "Title"], ["T3-DB-0001", "Data build complete"], fmt=fmt)

    with pytest.raises(SheetError, match=r"^Missing required column: Forum\.$"):
        run("milestones", f"register.{fmt}", content)

    assert not Milestone.objects.filter(ref="T3-DB-0001").exists()


def test_documented_synonyms_are_read_as_their_columns(programme, pmo_user):
    baseline = timezone.localdate() + datetime.timedelta(weeks=26)
    forecast = baseline + datetime.timedelta(weeks=1)
    content = sheet(
        ["Ref", "Governance Group", "Milestone Description", "Baseline", "Forecast", "Comments"],
        [
            "T3-DB-0001",
            "SITAG",
            "Data build complete",
            f"{baseline:%d/%m/%Y}",
            f"{forecast:%d/%m/%Y}",
            "Slipped a week",
        ],
    )

    report = run("milestones", "register.csv", content, pmo_user)

    assert [row.outcome for row in report.rows] == ["create"]
    milestone = Milestone.objects.get(ref="T3-DB-0001")
    assert (milestone.forum.code, milestone.forecast_on, milestone.commentary) == (
        "SITAG",
        forecast,
        "Slipped a week",
    )


# --- dates -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["30/05/2024", "30/05/24", "Thu 30/05/24", "Thu 30/05/2024", "30-May-24", " 30/05/2024 ", "2024-05-30"]
)
def test_every_accepted_uk_date_format_reads_as_the_same_day(written):
    assert parse_uk_date(written) == datetime.date(2024, 5, 30)


def test_sep_24_reads_as_24_september_2024():
    assert parse_uk_date("24-Sep-24") == datetime.date(2024, 9, 24)


def test_a_file_with_each_uk_date_format_and_an_excel_date_cell_imports_those_dates(programme, pmo_user):
    content = sheet(
        ["Milestone ID", "Forum", "Title", "Baseline Date"],
        ["T3-DB-0001", "SITAG", "One", "30/05/2024"],
        ["T3-DB-0002", "SITAG", "Two", "30/05/24"],
        ["T3-DB-0003", "SITAG", "Three", "Thu 30/05/24"],
        ["T3-DB-0004", "SITAG", "Four", "24-Sep-24"],
        ["T3-DB-0005", "SITAG", "Five", datetime.datetime(2024, 5, 30)],  # a real date cell, as Excel stores it
        fmt="xlsx",
    )

    report = run("milestones", "register.xlsx", content, pmo_user)

    assert [row.outcome for row in report.rows] == ["create"] * 5
    baselines = dict(Milestone.objects.filter(ref__startswith="T3-DB-").values_list("ref", "baseline_on"))
    may30, sep24 = datetime.date(2024, 5, 30), datetime.date(2024, 9, 24)
    assert baselines == {
        "T3-DB-0001": may30,
        "T3-DB-0002": may30,
        "T3-DB-0003": may30,
        "T3-DB-0004": sep24,
        "T3-DB-0005": may30,
    }


@pytest.mark.parametrize("written", ["31/02/2024", "30/13/24", "2024/05/30", "next Tuesday", "Thu 31/02/24", "30/05"])
def test_a_malformed_date_is_refused_naming_the_row_column_and_value(programme, written):
    content = milestone_file(["T3-DB-0002", "SITAG", "Migration complete", written, "", ""])

    report = run("milestones", "register.csv", content)

    assert [(row.row, row.outcome) for row in report.rows] == [(2, "create"), (3, "error")]
    assert report.rows[1].errors == [
        f"Baseline Date: '{written.strip()}' is not a date (dd/mm/yyyy, dd/mm/yy, Thu 30/05/24 or 24-Sep-24)"
    ]
    assert not report.applied
    assert not Milestone.objects.filter(ref__in=["T3-DB-0001", "T3-DB-0002"]).exists()


def test_a_weekday_that_contradicts_the_date_is_refused_not_silently_ignored():
    """30/05/24 was a Thursday: "Mon 30/05/24" is a typo in either the day or the date, and reading it as
    30 May silently picks one."""
    with pytest.raises(ValueError, match="Mon 30/05/24"):
        parse_uk_date("Mon 30/05/24")


# --- rows --------------------------------------------------------------------------------------------------------


ROW_REFUSALS = [
    pytest.param(
        "milestones",
        MILESTONE_HEADERS,
        ["T3-DB-0002", "SITAG", "Migration complete", "", "", "M10, T3-XX-9999"],
        "Depends On: no milestone T3-XX-9999",
        id="milestone-depends-on-unknown-ref",
    ),
    pytest.param(
        "milestones",
        MILESTONE_HEADERS,
        ["T3-DB-0002", "NOPE", "Migration complete", "", "", ""],
        "Forum: no governance group NOPE",
        id="milestone-unknown-forum",
    ),
    pytest.param(
        "raid-items",
        ["Risk ID", "Type", "Title", "Likelihood", "Impact Level", "Groups"],
        ["R901", "Risk", "Environments late", "3", "4", "SITAG, NOPE"],
        "Groups: no governance group NOPE",
        id="raid-unknown-group-code",
    ),
    pytest.param(
        "actions",
        ["Ref", "Meeting", "Action", "Owner"],
        ["DAG99-01", "DAG99", "Circulate the note", "PMO"],
        "Meeting: no meeting DAG99",
        id="action-unknown-meeting",
    ),
    pytest.param(
        "decisions",
        ["Ref", "Meeting", "Decision"],
        ["DAG-DEC90", "DAG99", "Agreed"],
        "Meeting: no meeting DAG99",
        id="decision-unknown-meeting",
    ),
    pytest.param(
        "decisions",
        ["Ref", "Meeting", "Decision", "Change Request"],
        ["DAG-DEC90", "DAG26", "Agreed", "CR999"],
        "Change Request: no change request CR999",
        id="decision-unknown-cr",
    ),
    pytest.param(
        "change-requests",
        ["Ref.", "Key Detail", "Decision Body"],
        ["CR901", "A change", "NOPE"],
        "Decision Body: no governance group NOPE",
        id="cr-unknown-decision-body",
    ),
    pytest.param(
        "impact-responses",
        ["Change Request", "Organisation", "Response"],
        ["CR999", "Alpha Energy Ltd", "Support"],
        "Change Request: no change request CR999",
        id="response-unknown-cr",
    ),
    pytest.param(
        "impact-responses",
        ["Change Request", "Organisation", "Response"],
        ["CR054", "Nobody Ltd", "Support"],
        "Organisation: no programme party 'Nobody Ltd'",
        id="response-unknown-party",
    ),
    pytest.param(
        "milestones",
        [*MILESTONE_HEADERS, "Status"],
        ["T3-DB-0002", "SITAG", "Migration complete", "", "", "", "Finished"],
        "Status: 'Finished' is not one of Not started, In progress, Complete",
        id="unknown-choice",
    ),
    pytest.param(
        "milestones",
        MILESTONE_HEADERS,
        ["T3-DB-0002", "SITAG", "", "", "", ""],
        "Title: required",
        id="required-value-blank",
    ),
]


@pytest.mark.parametrize(("kind", "headers", "bad_row", "message"), ROW_REFUSALS)
def test_a_row_that_links_to_nothing_or_breaks_a_rule_is_refused_and_nothing_is_saved(
    programme, kind, headers, bad_row, message
):
    content = sheet(headers, bad_row)
    before = stored(*WATCHED)

    report = run(kind, f"{kind}.csv", content)

    assert [(row.row, row.outcome) for row in report.rows] == [(2, "error")]
    assert any(error.startswith(message) for error in report.rows[0].errors), report.rows[0].errors
    assert not report.applied
    assert stored(*WATCHED) == before


def test_one_refused_row_stops_the_good_rows_too(programme):
    content = milestone_file(["T3-DB-0002", "SITAG", "Migration complete", "", "", "T3-XX-9999"])

    report = run("milestones", "register.csv", content)

    assert report.counts == {"create": 1, "update": 0, "unchanged": 0, "error": 1}
    assert not Milestone.objects.filter(ref="T3-DB-0001").exists()


def test_every_refused_row_is_reported_not_just_the_first(programme):
    content = milestone_file(
        ["T3-DB-0002", "NOPE", "Migration complete", "", "", ""],
        ["T3-DB-0003", "SITAG", "Cut-over", "soon", "", ""],
    )

    report = run("milestones", "register.csv", content)

    assert [(row.row, row.ref, row.errors) for row in report.errors] == [
        (3, "T3-DB-0002", ["Forum: no governance group NOPE"]),
        (4, "T3-DB-0003", ["Baseline Date: 'soon' is not a date (dd/mm/yyyy, dd/mm/yy, Thu 30/05/24 or 24-Sep-24)"]),
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_ref_twice_in_the_file_is_refused_on_its_second_row_naming_the_first(programme, fmt):
    content = milestone_file(["T3-DB-0001", "SITAG", "Data build complete again", "", "", ""], fmt=fmt)

    report = run("milestones", f"register.{fmt}", content)

    assert [(row.row, row.outcome) for row in report.rows] == [(2, "create"), (3, "error")]
    assert report.rows[1].errors == ["T3-DB-0001 also appears on row 2"]
    assert not Milestone.objects.filter(ref="T3-DB-0001").exists()


def test_a_formula_cell_in_a_workbook_is_refused_asking_for_the_value(programme):
    content = milestone_file(["T3-DB-0002", "SITAG", "=SUM(A1)", "", "", ""], fmt="xlsx")

    report = run("milestones", "register.xlsx", content)

    assert [(row.row, row.outcome) for row in report.rows] == [(2, "create"), (3, "error")]
    assert report.rows[1].errors == ["Title: formulas are not imported; paste the value instead"]
    assert not Milestone.objects.filter(ref__startswith="T3-DB-").exists()


def test_a_formula_typed_into_a_csv_is_refused_too(programme):
    content = milestone_file(["T3-DB-0002", "SITAG", "Migration", "", '=HYPERLINK("http://x")', ""])

    report = run("milestones", "register.csv", content)

    assert report.rows[1].errors == ["Commentary: formulas are not imported; paste the value instead"]


def test_a_cell_over_ten_thousand_characters_is_refused_naming_its_column(programme):
    content = milestone_file(
        ["T3-DB-0002", "SITAG", "Migration complete", "", "x" * (MAX_CELL_CHARACTERS + 1), ""], fmt="xlsx"
    )

    report = run("milestones", "register.xlsx", content)

    assert [(row.row, row.outcome) for row in report.rows] == [(2, "create"), (3, "error")]
    assert report.rows[1].errors == [f"Commentary: longer than {MAX_CELL_CHARACTERS} characters"]
    assert not Milestone.objects.filter(ref__startswith="T3-DB-").exists()


def test_a_cell_of_exactly_ten_thousand_characters_is_accepted(programme, pmo_user):
    content = milestone_file(["T3-DB-0002", "SITAG", "Migration complete", "", "x" * MAX_CELL_CHARACTERS, ""])

    report = run("milestones", "register.csv", content, pmo_user)

    assert report.counts["create"] == 2
    assert len(Milestone.objects.get(ref="T3-DB-0002").commentary) == MAX_CELL_CHARACTERS


@pytest.mark.parametrize(
    ("kind", "headers", "bad_row", "column"),
    [
        pytest.param(
            "change-requests", ["Ref.", "Key Detail"], ["CR901", "x" * 300], "Key Detail", id="cr-key-detail-too-long"
        ),
        pytest.param(
            "raid-items",
            ["Risk ID", "Type", "Title", "Likelihood", "Impact Level"],
            ["R901", "Risk", "Environments late", "3", "9"],
            "Impact Level",
            id="raid-impact-level-out-of-range",
        ),
        pytest.param(
            "actions",
            ["Ref", "Action", "Owner", "Raised", "Due"],
            ["DAG26-05", "Circulate the note", "PMO", "30/05/2024", "01/05/2024"],
            "Due",
            id="action-due-before-raised",
        ),
    ],
)
def test_a_value_the_record_refuses_is_reported_under_the_spreadsheets_column_header(
    programme, kind, headers, bad_row, column
):
    """The person fixing the file sees the sheet's headers, not the model's field names: "Impact Level", not
    "impact" (which reads as the sheet's "Impact" text column)."""
    report = run(kind, f"{kind}.csv", sheet(headers, bad_row))

    assert [row.outcome for row in report.rows] == ["error"]
    assert all(error.startswith(f"{column}:") for error in report.rows[0].errors), report.rows[0].errors


# --- size ------------------------------------------------------------------------------------------------------


def _padded_csv(size: int) -> bytes:
    head = sheet(MILESTONE_HEADERS, GOOD_MILESTONE)
    return head + b"\n" * (size - len(head))


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(programme, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UPLOAD_BYTES", 1024 * 1024)

    def must_not_parse(*args, **kwargs):
        raise AssertionError("an over-size file was parsed")

    monkeypatch.setattr(spreadsheets, "_read_csv", must_not_parse)
    monkeypatch.setattr(spreadsheets, "_read_xlsx", must_not_parse)

    for filename in ("register.csv", "register.xlsx"):
        with pytest.raises(SheetError, match=r"^The file is larger than 1 MB\.$"):
            run("milestones", filename, _padded_csv(1024 * 1024 + 1))
    assert not Milestone.objects.filter(ref="T3-DB-0001").exists()


def test_a_file_at_the_size_limit_is_read(programme, monkeypatch, pmo_user):
    monkeypatch.setattr(spreadsheets, "MAX_UPLOAD_BYTES", 1024 * 1024)

    report = run("milestones", "register.csv", _padded_csv(1024 * 1024), pmo_user)

    assert [row.outcome for row in report.rows] == ["create"]


# --- the command -----------------------------------------------------------------------------------------------


def import_register(*args) -> str:
    out = io.StringIO()
    call_command("import_register", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_command_exits_non_zero_listing_each_refused_row_and_saves_nothing(programme, pmo_user, tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(
        milestone_file(
            ["T3-DB-0002", "SITAG", "Migration complete", "", "", "T3-XX-9999"],
            ["T3-DB-0003", "SITAG", "Cut-over", "31/02/2025", "", ""],
        )
    )
    out = io.StringIO()
    before = stored(*WATCHED)

    with pytest.raises(CommandError, match=r"Nothing imported: 2 row\(s\) refused"):
        call_command("import_register", "milestones", str(path), "--user", pmo_user.username, stdout=out)

    printed = out.getvalue()
    assert "row 3 T3-DB-0002: Depends On: no milestone T3-XX-9999" in printed
    assert "row 4 T3-DB-0003: Baseline Date: '31/02/2025' is not a date" in printed
    assert stored(*WATCHED) == before


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        pytest.param("register.txt", b"anything", "Upload an .xlsx or .csv file.", id="wrong-type"),
        pytest.param("register.csv", b"", "The file is empty.", id="empty"),
        pytest.param("register.xlsx", b"not a workbook", "not a readable .xlsx workbook", id="not-a-workbook"),
        pytest.param(
            "register.csv", sheet(["Milestone ID", "Colour"], ["M11", "blue"]), "Unknown column: Colour", id="column"
        ),
        pytest.param(
            "register.xlsx",
            sheet(MILESTONE_HEADERS, ["T3-DB-0002", "SITAG", "=SUM(A1)", "", "", ""], fmt="xlsx"),
            "Nothing imported: 1 row(s) refused",
            id="formula",
        ),
    ],
)
def test_the_command_exits_non_zero_on_a_file_it_refuses(programme, tmp_path, filename, content, message):
    path = tmp_path / filename
    path.write_bytes(content)

    with pytest.raises(CommandError) as refused:
        import_register("milestones", str(path))

    assert message in str(refused.value)
    assert not Milestone.objects.filter(ref__startswith="T3-DB-").exists()


def test_the_command_over_the_size_limit_exits_non_zero(programme, tmp_path, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UPLOAD_BYTES", 1024 * 1024)
    path = tmp_path / "register.csv"
    path.write_bytes(_padded_csv(1024 * 1024 + 1))

    with pytest.raises(CommandError, match="larger than 1 MB"):
        import_register("milestones", str(path))


def test_the_command_with_dry_run_checks_a_valid_file_and_writes_nothing(programme, tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(milestone_file(["T3-DB-0002", "SITAG", "Migration complete", "Thu 30/05/24", "", "M10"]))
    before = stored(*WATCHED)

    printed = import_register("milestones", str(path), "--dry-run")

    assert "Checked (dry run, nothing written) register.csv: 2 create, 0 update, 0 unchanged, 0 error." in printed
    assert stored(*WATCHED) == before


def test_the_command_imports_a_valid_file_as_the_named_user(programme, tmp_path, pmo_user):
    path = tmp_path / "Milestone Register.csv"
    path.write_bytes(milestone_file())

    printed = import_register("milestones", str(path), "--user", pmo_user.username)

    assert "Imported Milestone Register.csv: 1 create" in printed
    history = Milestone.objects.get(ref="T3-DB-0001").history.get()
    assert (history.history_user, history.history_change_reason) == (
        pmo_user,
        "Imported from Milestone Register.csv",
    )


def test_the_command_refuses_a_missing_file_an_unknown_user_and_an_unknown_kind(programme, tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(milestone_file())

    with pytest.raises(CommandError, match="No file"):
        import_register("milestones", str(tmp_path / "absent.csv"))
    with pytest.raises(CommandError, match="No user nobody"):
        import_register("milestones", str(path), "--user", "nobody")
    with pytest.raises(CommandError, match="invalid choice"):
        import_register("gantt-charts", str(path))
    assert not Milestone.objects.filter(ref="T3-DB-0001").exists()


# --- the page ----------------------------------------------------------------------------------------------------


def upload(client, filename: str, content: bytes, path: str = "/milestones/import/"):
    return client.post(path, {"file": SimpleUploadedFile(filename, content)})


def error_alert(response) -> str:
    html = response.content.decode()
    start = html.index('data-testid="import-error">') + len('data-testid="import-error">')
    return unescape(html[start : html.index("</div>", start)])


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        pytest.param("register.txt", b"Milestone ID\nM11\n", "Upload an .xlsx or .csv file.", id="wrong-type"),
        pytest.param("register.csv", b"", "The file is empty.", id="empty"),
        pytest.param("register.xlsx", b"not a workbook", "The file is not a readable .xlsx workbook.", id="renamed"),
        pytest.param(
            "register.csv",
            sheet(["Milestone ID", "Title"], ["T3-DB-0001", "Data build complete"]),
            "Missing required column: Forum.",
            id="missing-column",
        ),
    ],
)
def test_the_page_refuses_an_unreadable_file_with_its_message_and_keeps_nothing(
    programme, pmo_client, pending_uploads, filename, content, message
):
    before = stored(*WATCHED)

    response = upload(pmo_client, filename, content)

    assert response.status_code == 400
    assert error_alert(response) == message
    assert 'data-testid="import-report"' not in response.content.decode()
    assert stored(*WATCHED) == before
    assert not pending_uploads.exists() or not any(pending_uploads.iterdir())


def test_the_page_shows_each_refused_row_with_its_reason_and_offers_no_confirmation(
    programme, pmo_client, pending_uploads
):
    content = milestone_file(["T3-DB-0002", "SITAG", "Migration complete", "", "", "T3-XX-9999"], fmt="xlsx")

    response = upload(pmo_client, "register.xlsx", content)

    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "<td>3</td><td>T3-DB-0002</td><td>error</td>" in html
    assert "Depends On: no milestone T3-XX-9999" in html
    assert "1 to create, 0 to update, 0 unchanged, 1 refused" in html
    assert "Confirm the import" not in html and 'name="token"' not in html
    assert not pending_uploads.exists() or not any(pending_uploads.iterdir())
    assert not Milestone.objects.filter(ref__startswith="T3-DB-").exists()


def _must_not_read(*args, **kwargs):
    raise AssertionError("the page read a file over the size limit")


def test_the_page_refuses_a_file_over_the_limit_on_its_upload_size_before_reading_it(
    programme, pmo_client, pending_uploads, monkeypatch
):
    # The engine's limit, and the page's own reference to it (imported by name into spreadsheet_views).
    monkeypatch.setattr(spreadsheets, "MAX_UPLOAD_BYTES", 1024 * 1024)
    monkeypatch.setattr(spreadsheet_views, "MAX_UPLOAD_BYTES", 1024 * 1024)
    sheet_class = REGISTERS["milestones"].sheet
    monkeypatch.setattr(sheet_class, "check", _must_not_read)
    monkeypatch.setattr(sheet_class, "read", _must_not_read)

    response = upload(pmo_client, "register.csv", _padded_csv(1024 * 1024 + 1))

    assert response.status_code == 400
    assert error_alert(response) == "The file is larger than 1 MB."
    assert not Milestone.objects.filter(ref="T3-DB-0001").exists()
    assert not pending_uploads.exists() or not any(pending_uploads.iterdir())


def test_the_page_refuses_a_20_mb_file_before_reading_it(programme, pmo_client, pending_uploads, monkeypatch):
    sheet_class = REGISTERS["milestones"].sheet
    monkeypatch.setattr(sheet_class, "check", _must_not_read)
    monkeypatch.setattr(sheet_class, "read", _must_not_read)

    response = upload(pmo_client, "register.xlsx", b"\0" * (20 * 1024 * 1024))

    assert response.status_code == 400
    assert error_alert(response) == "The file is larger than 5 MB."


def test_the_page_asks_for_a_file_when_none_is_sent(pmo_client, pending_uploads):
    response = pmo_client.post("/milestones/import/", {})

    assert response.status_code == 400
    assert error_alert(response) == "Choose a file to upload."
