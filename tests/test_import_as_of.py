"""Back-filling history from dated spreadsheets: `import_register KIND FILE --as-of DATE` (and the import page's
"As of" date) records each row as it stood on that date — history dated the end of that day, naming the importer,
the file and the date, and the services' "today" that day. Monthly files imported oldest first rebuild the history
that movement, `?as_of=` and "what changed since" read; a file older than a record's history is refused for it."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from changes.models import ChangeRequest
from core.dates import end_of
from dashboards.selectors import changes_since
from milestones.models import Milestone
from raid.models import MitigationStep, RaidItem
from raid.selectors import movements
from tests.programme.factories import GovernanceGroupFactory
from tests.spreadsheets.helpers import sheet, stored

pytestmark = pytest.mark.django_db

HEADERS = ["Risk ID", "Type", "Title", "Likelihood", "Impact Level", "Status", "Groups"]
SWAGGER = "Swagger may not be aligned to approved design artefact (DES138)"
DESIGN = "Design queries not answered in time for Code drafting"
TESTING = "Testing identifies changes to baselined code"

# Three monthly RAID logs as the CCAG papers state them. Likelihood × impact on the default matrix:
# 3 × 4 = 20, 2 × 4 = 15, 1 × 5 = 10, 4 × 1 = 6.
FILES = {
    datetime.date(2024, 8, 7): [
        ["R920", "Risk", SWAGGER, 3, 4, "Open", "CCAG"],
        ["R485", "Risk", DESIGN, 2, 4, "Open", "CCAG"],
    ],
    datetime.date(2024, 9, 4): [
        ["R920", "Risk", SWAGGER, 3, 4, "Open", "CCAG"],
        ["R485", "Risk", DESIGN, 2, 4, "Open", "CCAG"],
        ["R202", "Risk", TESTING, 4, 1, "Open", "CCAG"],
    ],
    datetime.date(2024, 11, 27): [
        ["R920", "Risk", SWAGGER, 1, 5, "Open", "CCAG"],
        ["R485", "Risk", DESIGN, 2, 4, "Closed", "CCAG"],
        ["R202", "Risk", TESTING, 4, 1, "Live", "CCAG"],
    ],
}
AUGUST, SEPTEMBER, NOVEMBER = FILES


@pytest.fixture
def ccag(db):
    return GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group")


@pytest.fixture
def raid_logs(tmp_path, ccag):
    """Each month's log as a file named as the PMO keeps them (raid-2024-08.csv)."""
    paths = {}
    for day, rows in FILES.items():
        paths[day] = tmp_path / f"raid-{day:%Y-%m}.csv"
        paths[day].write_bytes(sheet(HEADERS, *rows))
    return paths


def import_raid(path, as_of: datetime.date, *options) -> str:
    out = io.StringIO()
    call_command("import_register", "raid-items", str(path), "--as-of", as_of.isoformat(), *options, stdout=out)
    return out.getvalue()


def scores_as_of(day: datetime.date, user) -> dict:
    api = APIClient()
    api.force_authenticate(user)
    response = api.get("/api/raid-items/", {"as_of": day.isoformat()})
    assert response.status_code == 200, response.content
    return {row["ref"]: (row["score"], row["status"]) for row in response.json()["results"]}


def test_monthly_files_imported_oldest_first_rebuild_movement_and_as_of(raid_logs, pmo_user):
    for day, path in raid_logs.items():
        import_raid(path, day, "--user", pmo_user.username)

    items = list(RaidItem.objects.unrestricted().order_by("ref"))
    since_september = {item.ref: m.text for item in items for m in [movements(items, end_of(SEPTEMBER))[item.pk]]}
    since_august = {item.ref: m.text for item in items for m in [movements(items, end_of(AUGUST))[item.pk]]}

    assert since_september == {"R202": "Score remains at 6", "R485": "Closed", "R920": "Score reduced from 20 to 10"}
    assert since_august["R202"] == "New item"
    assert scores_as_of(AUGUST, pmo_user) == {"R920": (20, "open"), "R485": (15, "open")}
    assert scores_as_of(SEPTEMBER, pmo_user) == {"R920": (20, "open"), "R485": (15, "open"), "R202": (6, "open")}
    assert scores_as_of(NOVEMBER, pmo_user) == {"R920": (10, "open"), "R485": (15, "closed"), "R202": (6, "open")}
    assert scores_as_of(AUGUST - datetime.timedelta(days=1), pmo_user) == {}


def test_what_changed_since_reads_the_back_filled_history(raid_logs, pmo_user):
    for day, path in raid_logs.items():
        import_raid(path, day)

    moved = {item.ref: movement.text for item, movement in changes_since(pmo_user, end_of(SEPTEMBER))["raid"]}

    assert moved == {"R920": "Score reduced from 20 to 10", "R485": "Closed"}


def test_each_history_row_is_dated_the_end_of_the_files_day_and_names_the_importer_the_file_and_the_date(
    raid_logs, pmo_user
):
    for day, path in raid_logs.items():
        import_raid(path, day, "--user", pmo_user.username)

    r920 = RaidItem.objects.unrestricted().get(ref="R920")
    # Raising an item writes two rows (the item, then its groups), both at the same moment.
    history = [
        (h.history_date, h.history_user, h.history_change_reason, h.score)
        for h in r920.history.order_by("history_date", "history_id")
    ]
    assert list(dict.fromkeys(history)) == [
        (end_of(AUGUST), pmo_user, "Imported from raid-2024-08.csv as of 07/08/2024", 20),
        (end_of(NOVEMBER), pmo_user, "Imported from raid-2024-11.csv as of 27/11/2024", 10),
    ]
    # The services' "today" was each file's day: the day an item was raised and the day it closed.
    r202 = RaidItem.objects.unrestricted().get(ref="R202")
    r485 = RaidItem.objects.unrestricted().get(ref="R485")
    assert (r920.raised_on, r202.raised_on, r485.closed_on) == (AUGUST, SEPTEMBER, NOVEMBER)


def test_a_file_older_than_a_records_history_is_refused_for_that_record_and_nothing_is_written(raid_logs):
    for day, path in raid_logs.items():
        import_raid(path, day)
    before = stored(RaidItem, MitigationStep, RaidItem.groups.through)
    out = io.StringIO()

    with pytest.raises(CommandError, match=r"Nothing imported: 2 row\(s\) refused"):
        call_command("import_register", "raid-items", str(raid_logs[SEPTEMBER]), "--as-of", "2024-09-04", stdout=out)

    output = out.getvalue()
    assert "row 2 R920: R920 was last changed on 27/11/2024, after 04/09/2024: import files oldest first" in output
    assert "row 3 R485: R485 was last changed on 27/11/2024, after 04/09/2024: import files oldest first" in output
    assert "R202" not in output, "R202 has not changed since 04/09/2024: not refused"
    assert stored(RaidItem, MitigationStep, RaidItem.groups.through) == before


def test_a_record_last_changed_on_the_files_own_day_is_not_out_of_order(raid_logs):
    import_raid(raid_logs[SEPTEMBER], SEPTEMBER)

    output = import_raid(raid_logs[SEPTEMBER], SEPTEMBER)

    assert "Imported raid-2024-09.csv as of 04/09/2024: 0 create, 0 update, 3 unchanged, 0 error." in output


def test_a_file_dated_in_the_future_is_refused(raid_logs, today):
    with pytest.raises(CommandError, match="is in the future"):
        import_raid(raid_logs[AUGUST], today + datetime.timedelta(days=1))

    assert not RaidItem.objects.unrestricted().exists()


def test_the_import_page_takes_the_as_of_date_through_check_and_confirm(raid_logs, client, pmo_user):
    client.force_login(pmo_user)
    content = raid_logs[AUGUST].read_bytes()

    preview = client.post(
        "/raid/import/", {"file": SimpleUploadedFile("raid-2024-08.csv", content), "as_of": "2024-08-07"}
    )

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "raid-2024-08.csv as of 07/08/2024: 2 to create" in html
    assert 'name="as_of" value="2024-08-07"' in html
    assert not RaidItem.objects.unrestricted().exists()

    confirm = client.post(
        "/raid/import/", {"token": preview.context["token"], "filename": "raid-2024-08.csv", "as_of": "2024-08-07"}
    )

    assert confirm.status_code == 302
    history = RaidItem.objects.unrestricted().get(ref="R920").history.all()
    assert {(h.history_date, h.history_user, h.history_change_reason) for h in history} == {
        (end_of(AUGUST), pmo_user, "Imported from raid-2024-08.csv as of 07/08/2024")
    }


def test_the_import_page_refuses_an_out_of_order_file_naming_the_record(raid_logs, client, pmo_user):
    import_raid(raid_logs[NOVEMBER], NOVEMBER)
    client.force_login(pmo_user)

    preview = client.post(
        "/raid/import/",
        {"file": SimpleUploadedFile("raid-2024-08.csv", raid_logs[AUGUST].read_bytes()), "as_of": "2024-08-07"},
    )

    html = preview.content.decode()
    assert "R920 was last changed on 27/11/2024, after 07/08/2024: import files oldest first" in html
    assert "Confirm the import" not in html


# --- the other registers' services take the file's day as "today" ----------------------------------------------


def test_a_cr_decided_in_a_dated_log_is_decided_on_that_day(tmp_path, groups):
    headers = ["Ref.", "Key Detail", "Change Type", "Stage", "Decision Body"]
    august, september = tmp_path / "change-log-2024-08.csv", tmp_path / "change-log-2024-09.csv"
    august.write_bytes(sheet(headers, ["CR053", "ISD Publication Frequency Change", "Fast Track", "Validated", "PSG"]))
    september.write_bytes(
        sheet(headers, ["CR053", "ISD Publication Frequency Change", "Fast Track", "Approved", "PSG"])
    )

    call_command("import_register", "change-requests", str(august), "--as-of", "2024-08-28", stdout=io.StringIO())
    call_command("import_register", "change-requests", str(september), "--as-of", "2024-09-04", stdout=io.StringIO())

    cr053 = ChangeRequest.objects.unrestricted().get(ref="CR053")
    assert (cr053.stage, cr053.status) == ("approved", "approved")
    assert cr053.decided_on == datetime.date(2024, 9, 4), "the approval step's 'today' is the file's day"
    assert [
        (h.history_date, h.history_change_reason) for h in cr053.history.order_by("history_date", "history_id")
    ] == [
        (end_of(datetime.date(2024, 8, 28)), "Imported from change-log-2024-08.csv as of 28/08/2024"),
        (end_of(datetime.date(2024, 9, 4)), "Approve — Imported from change-log-2024-09.csv as of 04/09/2024"),
    ]


def test_a_milestone_register_as_of_a_past_date_is_judged_and_recorded_on_that_day(tmp_path, groups):
    path = tmp_path / "milestones-2024-09.csv"
    path.write_bytes(
        sheet(
            ["Milestone ID", "Forum", "Title", "Baseline Date", "Forecast Date"],
            ["M8", "PSG", "Code changes in effect", "30/09/2024", "04/10/2024"],
        )
    )

    call_command("import_register", "milestones", str(path), "--as-of", "2024-09-04", stdout=io.StringIO())

    m8 = Milestone.objects.unrestricted().get(ref="M8")
    # A forecast in the past today, but not on 04/09/2024, is accepted; the history row is dated then.
    assert m8.forecast_on == datetime.date(2024, 10, 4)
    assert [(h.history_date, h.history_change_reason) for h in m8.history.all()] == [
        (end_of(datetime.date(2024, 9, 4)), "Imported from milestones-2024-09.csv as of 04/09/2024")
    ]
