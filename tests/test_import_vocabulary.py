"""Imports read real tables: a choice cell is read by its label or code, the wordings the programme's papers use
(CCAG #36: "Awaiting Authority decision", "Under Development", "Voting"…; PSG #36: "Awaiting PSG approval
decision"), near wordings and clear misspellings, and the report says how each was read. A wording no rule reads
stops its row with the choices, until the PMO maps it once (--map or the preview's form); the mapping is kept."""

import io
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from changes.models import ChangeRequest
from changes.spreadsheets import ChangeRequestSheet
from core.models import ChoiceMapping
from core.roles import PARTICIPANT, PMO
from core.vocabulary import UnknownChoice, Vocabulary
from programme.choices import GroupLevel
from tests.factories import UserFactory
from tests.programme.factories import GovernanceGroupFactory
from tests.spreadsheets.helpers import sheet, stored

pytestmark = pytest.mark.django_db

HEADERS = ["Ref.", "Key Detail", "Approval Status", "Stage", "Decision Body"]

# A CR table as the seeds word it, and how each row is stored.
SEED_WORDINGS = [
    # (row, stage cell, approval status cell, decision body cell) → (stage, status, decision body)
    (["CR901", "DCP445 support", "", "Awaiting Authority decision", ""], ("awaiting_decision", "open", "OFGEM")),
    (["CR902", "REC R0209", "", "Awaiting Authority approval", "Ofgem"], ("awaiting_decision", "open", "OFGEM")),
    (["CR903", "NFRs for LDSOs", "Open", "Awaiting PSG approval decision", ""], ("awaiting_decision", "open", "PSG")),
    (["CR904", "Additional settlement runs", "", "Withdrawn", ""], ("closed", "withdrawn", None)),
    (["CR905", "ERDS/CSS discrepancies", "", "Under Development", ""], ("raised", "open", None)),
    (["CR906", "RMP status rules", "", "Initial Assessment", ""], ("raised", "open", None)),
    (["CR907", "Supercustomer reports", "", "New", ""], ("raised", "open", None)),
    (["CR908", "PARC updates", "", "Voting", "CCAG"], ("awaiting_decision", "open", "CCAG")),
    (["CR909", "Role code format", "", "Validated by the Change Board", ""], ("validated", "open", None)),
]
EXPECTED_READINGS = {
    "CR901": ["Stage: read 'Awaiting Authority decision' as 'Awaiting approval decision' (decision body: Ofgem)"],
    "CR902": ["Stage: read 'Awaiting Authority approval' as 'Awaiting approval decision' (decision body: Ofgem)"],
    "CR903": [
        "Stage: read 'Awaiting PSG approval decision' as 'Awaiting approval decision' "
        "(decision body: Programme Steering Group)"
    ],
    "CR904": ["Stage: read 'Withdrawn' as 'Closed' (approval status: Withdrawn)"],
    "CR905": ["Stage: read 'Under Development' as 'Raised'"],
    "CR906": ["Stage: read 'Initial Assessment' as 'Raised'"],
    "CR907": ["Stage: read 'New' as 'Raised'"],
    "CR908": ["Stage: read 'Voting' as 'Awaiting approval decision'"],
    "CR909": ["Stage: read 'Validated by the Change Board' as 'Validated by Change Board'"],
}


@pytest.fixture
def bodies(db):
    """The decision bodies as the demo has them: Ofgem ("the Authority"), PSG, the Change Board and CCAG."""
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    return {
        "OFGEM": GovernanceGroupFactory(code="OFGEM", name="Ofgem", level=GroupLevel.AUTHORITY),
        "PSG": psg,
        "CB": GovernanceGroupFactory(code="CB", name="Change Board", parent=psg),
        "CCAG": GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group", parent=psg),
    }


@pytest.fixture
def seed_table(tmp_path):
    path = tmp_path / "ccag-36-cr-status.csv"
    path.write_bytes(sheet(HEADERS, *[row for row, _ in SEED_WORDINGS]))
    return path


def stored_places() -> dict:
    return {
        cr.ref: (cr.stage, cr.status, cr.decision_body.code if cr.decision_body else None)
        for cr in ChangeRequest.objects.unrestricted().select_related("decision_body")
    }


def import_command(*args) -> str:
    out = io.StringIO()
    call_command("import_register", "change-requests", *map(str, args), stdout=out)
    return out.getvalue()


# --- the seeds' wordings ---------------------------------------------------------------------------------------


def test_a_cr_table_in_the_seeds_wording_imports_through_the_command_saying_how_each_wording_was_read(
    bodies, seed_table, pmo_user
):
    output = import_command(seed_table, "--user", pmo_user.username)

    assert stored_places() == {row[0]: place for row, place in SEED_WORDINGS}
    for number, (row, _) in enumerate(SEED_WORDINGS, start=2):
        for reading in EXPECTED_READINGS[row[0]]:
            assert f"row {number} {row[0]}: {reading}" in output
    assert "Imported ccag-36-cr-status.csv: 9 create, 0 update, 0 unchanged, 0 error." in output


def test_the_report_keeps_each_rows_readings_and_a_label_or_code_needs_no_note(bodies, pmo_user):
    content = sheet(
        HEADERS,
        *[row for row, _ in SEED_WORDINGS],
        ["CR910", "Written as the register labels it", "Open", "Awaiting approval decision", "PSG"],
        ["CR911", "Written as the register codes it", "open", "raised", ""],
    )

    report = ChangeRequestSheet().run("log.csv", content, actor=pmo_user, dry_run=False)

    assert report.applied, [row.errors for row in report.errors]
    assert {row.ref: row.readings for row in report.rows} == {**EXPECTED_READINGS, "CR910": [], "CR911": []}


def test_the_same_table_imports_through_the_browser_preview_and_confirm(bodies, seed_table, client, pmo_user):
    client.force_login(pmo_user)

    preview = client.post("/changes/import/", {"file": SimpleUploadedFile(seed_table.name, seed_table.read_bytes())})

    html = unescape(preview.content.decode())
    assert preview.status_code == 200
    assert "Confirm the import" in html
    for readings in EXPECTED_READINGS.values():
        for reading in readings:
            assert f'data-testid="import-reading">{reading}</div>' in html
    assert not ChangeRequest.objects.unrestricted().exists(), "the preview writes nothing"

    confirm = client.post("/changes/import/", {"token": preview.context["token"], "filename": seed_table.name})

    assert confirm.status_code == 302
    assert stored_places() == {row[0]: place for row, place in SEED_WORDINGS}


def test_a_terminal_word_in_the_stage_column_that_contradicts_the_status_column_stops_the_row(bodies, pmo_user):
    content = sheet(HEADERS, ["CR920", "Withdrawn but open?", "Open", "Withdrawn", ""])

    report = ChangeRequestSheet().run("log.csv", content, actor=pmo_user, dry_run=False)

    assert [row.errors for row in report.rows] == [
        ["Stage: 'Withdrawn' means Approval Status Withdrawn, but the row says Open"]
    ]
    assert not report.applied


def test_a_wording_naming_another_decision_body_than_the_rows_is_refused(bodies, pmo_user):
    content = sheet(HEADERS, ["CR921", "Whose decision?", "", "Awaiting Authority decision", "PSG"])

    report = ChangeRequestSheet().run("log.csv", content, actor=pmo_user, dry_run=False)

    assert report.rows[0].errors == [
        "Stage: 'Awaiting Authority decision' means Decision Body Ofgem, but the row says Programme Steering Group"
    ]


def test_a_decided_word_in_the_stage_column_moves_an_existing_cr_along_the_lifecycle(bodies, pmo_user):
    ChangeRequestSheet().run(
        "log.csv",
        sheet(HEADERS, ["CR922", "Awaiting the Authority", "", "Voting", "OFGEM"]),
        actor=pmo_user,
        dry_run=False,
    )
    # No Decision Body column: the CR keeps its own (a blank cell would clear it).
    content = sheet(
        ["Ref.", "Key Detail", "Stage", "Decided"], ["CR922", "Awaiting the Authority", "Rejected", "11/12/2024"]
    )

    report = ChangeRequestSheet().run("log.csv", content, actor=pmo_user, dry_run=False)

    assert report.applied, report.rows[0].errors
    assert report.rows[0].readings == ["Stage: read 'Rejected' as 'Closed' (approval status: Rejected)"]
    assert stored_places()["CR922"] == ("closed", "rejected", "OFGEM")


# --- how near a wording may be ---------------------------------------------------------------------------------


def test_a_clear_misspelling_is_read_as_its_choice_and_says_so(bodies, pmo_user):
    content = sheet(
        [*HEADERS, "Change Type"],
        ["CR930", "Typos in the log", "", "Awaiting Authority decison", "", "Full Impact Assesment"],
    )

    report = ChangeRequestSheet().run("log.csv", content, actor=pmo_user, dry_run=False)

    assert report.applied, report.rows[0].errors
    assert report.rows[0].readings == [
        "Change Type: read 'Full Impact Assesment' as 'Full Impact Assessment' (nearest choice)",
        "Stage: read 'Awaiting Authority decison' as 'Awaiting approval decision' (decision body: Ofgem; nearest "
        "choice)",
    ]
    assert stored_places()["CR930"] == ("awaiting_decision", "open", "OFGEM")


@pytest.mark.parametrize(
    ("wording", "message"),
    [
        pytest.param(
            "Unapproved",
            "'Unapproved' could be 'Approved' or 'Rejected': map it to one of Open, Approved, Rejected, Withdrawn, "
            "On Hold",
            id="a-negation-is-never-taken-for-its-opposite",
        ),
        pytest.param(
            "Finished",
            "'Finished' is not one of Open, Approved, Rejected, Withdrawn, On Hold",
            id="nothing-near",
        ),
    ],
)
def test_a_wording_no_rule_reads_stops_with_the_choices_and_the_nearest(wording, message):
    status = ChangeRequestSheet().choice_columns()["status"].parse.vocabulary()

    with pytest.raises(UnknownChoice) as refused:
        status.read(wording)

    assert str(refused.value) == message


def test_a_wording_as_near_to_two_choices_is_ambiguous_and_names_both():
    vocabulary = Vocabulary([("support", "Support"), ("supportive", "Supportive of the principle")])

    with pytest.raises(UnknownChoice) as refused:
        vocabulary.read("supportiv")

    assert refused.value.ambiguous
    assert [value for value, _ in refused.value.suggestions] == ["supportive", "support"]


def test_filler_words_case_and_punctuation_do_not_matter():
    vocabulary = Vocabulary([("validated", "Validated by Change Board")])

    reading = vocabulary.read("VALIDATED - by the change board.")

    assert (reading.value, reading.how) == ("validated", "near")


# --- unknown wordings, mapped once ------------------------------------------------------------------------------

UNKNOWN = ["CR940", "Sign-off pending", "", "Awaiting Board sign-off", ""]
STAGES = (
    "Raised, Validated by Change Board, Impact Assessment, Awaiting approval decision, Approved, awaiting "
    "implementation, Implementation, Complete, Closed"
)


def test_an_unknown_wording_is_refused_with_its_choices_and_the_command_says_how_to_map_it(bodies, tmp_path, pmo_user):
    path = tmp_path / "log.csv"
    path.write_bytes(sheet(HEADERS, UNKNOWN))
    out = io.StringIO()

    with pytest.raises(CommandError, match="Nothing imported: 1 row"):
        call_command("import_register", "change-requests", str(path), stdout=out)

    output = out.getvalue()
    assert f"row 2 CR940: Stage: 'Awaiting Board sign-off' is not one of {STAGES} (nearest: " in output
    assert 'Map it once: --map "Stage=Awaiting Board sign-off:<choice>"' in output
    assert not ChangeRequest.objects.unrestricted().exists()


def test_map_reads_the_wording_keeps_the_mapping_and_the_next_import_reuses_it(bodies, tmp_path, pmo_user):
    first = tmp_path / "log-august.csv"
    first.write_bytes(sheet(HEADERS, UNKNOWN))

    output = import_command(
        first, "--user", pmo_user.username, "--map", "Stage=Awaiting Board sign-off:Awaiting approval decision"
    )

    assert "row 2 CR940: Stage: read 'Awaiting Board sign-off' as 'Awaiting approval decision' (kept mapping)" in output
    assert stored_places()["CR940"] == ("awaiting_decision", "open", None)
    mapping = ChoiceMapping.objects.get()
    assert (mapping.kind, mapping.column, mapping.value, mapping.choice, mapping.created_by) == (
        "change-requests",
        "stage",
        "awaiting board sign off",
        "awaiting_decision",
        pmo_user,
    )

    later = tmp_path / "log-september.csv"
    later.write_bytes(sheet(HEADERS, ["CR941", "Another one", "", "awaiting board sign-off", ""]))
    output = import_command(later)

    assert "row 2 CR941: Stage: read 'awaiting board sign-off' as 'Awaiting approval decision' (kept mapping)" in output
    assert stored_places()["CR941"] == ("awaiting_decision", "open", None)


def test_a_dry_run_reads_with_its_map_but_keeps_nothing(bodies, tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(sheet(HEADERS, UNKNOWN))

    output = import_command(path, "--dry-run", "--map", "current stage=Awaiting Board sign-off:awaiting_decision")

    assert "Checked (dry run, nothing written) log.csv: 1 create" in output
    assert not ChoiceMapping.objects.exists()
    assert not ChangeRequest.objects.unrestricted().exists()


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("Stage=Awaiting Board sign-off:Signed off", "'Signed off' is not a Current Stage in Change Control choice: "),
        ("Key Detail=Anything:raised", "'Key Detail' is not a choice column of the Change Control Log: "),
        ("Stage:raised", 'write it as "COLUMN=WORDING:CHOICE"'),
    ],
)
def test_a_map_naming_no_choice_of_the_column_is_refused_before_anything_is_read(bodies, tmp_path, option, message):
    path = tmp_path / "log.csv"
    path.write_bytes(sheet(HEADERS, UNKNOWN))

    with pytest.raises(CommandError, match="--map") as refused:
        import_command(path, "--map", option)

    assert message in str(refused.value)
    assert not ChoiceMapping.objects.exists()


def test_the_browser_preview_maps_an_unknown_wording_then_checks_again_and_imports(bodies, client, pmo_user):
    client.force_login(pmo_user)
    content = sheet(HEADERS, UNKNOWN, ["CR942", "A second row, same wording", "", "Awaiting Board sign-off", ""])

    preview = client.post("/changes/import/", {"file": SimpleUploadedFile("log.csv", content)})

    html = unescape(preview.content.decode())
    assert "Confirm the import" not in html
    assert f"Stage: 'Awaiting Board sign-off' is not one of {STAGES}" in html
    # One form for the wording, however many rows use it.
    assert len(preview.context["report"].unknown_values) == 1
    assert html.count('name="map"') == 1
    token = preview.context["token"]

    mapped = client.post(
        "/changes/import/",
        {
            "map": "1",
            "token": token,
            "filename": "log.csv",
            "column": "stage",
            "value": "Awaiting Board sign-off",
            "choice": "awaiting_decision",
        },
    )

    html = unescape(mapped.content.decode())
    assert mapped.status_code == 200
    assert "'Awaiting Board sign-off' is read as awaiting_decision in this and every later import." in html
    assert "Confirm the import" in html
    assert "Stage: read 'Awaiting Board sign-off' as 'Awaiting approval decision' (kept mapping)" in html
    assert ChoiceMapping.objects.get().created_by == pmo_user
    assert not ChangeRequest.objects.unrestricted().exists(), "mapping checks again; it imports nothing"

    confirm = client.post("/changes/import/", {"token": mapped.context["token"], "filename": "log.csv"})

    assert confirm.status_code == 302
    assert stored_places() == {
        "CR940": ("awaiting_decision", "open", None),
        "CR942": ("awaiting_decision", "open", None),
    }


def test_the_browser_refuses_a_mapping_to_a_choice_the_column_does_not_have(bodies, client, pmo_user):
    client.force_login(pmo_user)
    preview = client.post("/changes/import/", {"file": SimpleUploadedFile("log.csv", sheet(HEADERS, UNKNOWN))})

    response = client.post(
        "/changes/import/",
        {
            "map": "1",
            "token": preview.context["token"],
            "filename": "log.csv",
            "column": "stage",
            "value": "Awaiting Board sign-off",
            "choice": "signed_off",
        },
    )

    assert response.status_code == 400
    assert "'signed_off' is not a Current Stage in Change Control choice" in unescape(response.content.decode())
    assert not ChoiceMapping.objects.exists()


def test_a_participant_cannot_map_wordings(bodies, client, participant_user):
    client.force_login(participant_user)
    before = stored(ChoiceMapping)

    response = client.post(
        "/changes/import/",
        {"map": "1", "token": "0" * 32, "column": "stage", "value": "x", "choice": "raised"},
    )

    assert response.status_code == 403
    assert stored(ChoiceMapping) == before


def test_the_admin_keeps_a_mapping_by_code_or_label_and_refuses_a_choice_the_column_does_not_have(client, db):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))

    refused = client.post(
        "/admin/core/choicemapping/add/",
        {"kind": "raid-items", "column": "status", "value": "Parked", "choice": "Dormant"},
    )
    kept = client.post(
        "/admin/core/choicemapping/add/",
        {"kind": "raid-items", "column": "Status", "value": "Parked!", "choice": "Closed"},
    )

    assert "&#x27;Dormant&#x27; is not a Status choice: Open, Closed" in refused.content.decode()
    assert kept.status_code == 302
    mapping = ChoiceMapping.objects.get()
    assert (mapping.kind, mapping.column, mapping.value, mapping.choice) == ("raid-items", "status", "parked", "closed")


def test_pmo_staff_keep_the_mappings_in_the_admin_and_participants_cannot(client, db):
    client.force_login(UserFactory(username="pmo-admin", role=PMO, is_staff=True))
    kept = client.post(
        "/admin/core/choicemapping/add/",
        {"kind": "raid-items", "column": "Status", "value": "Parked", "choice": "Closed"},
    )
    assert kept.status_code == 302, "PMO keep the wordings as they keep the registers"
    assert client.get("/admin/core/choicemapping/").status_code == 200

    client.force_login(UserFactory(username="participant-admin", role=PARTICIPANT, is_staff=True))
    assert client.get("/admin/core/choicemapping/").status_code == 403
