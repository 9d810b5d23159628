"""Spreadsheet test helpers: reading and writing .xlsx / .csv bytes as a person editing in Excel would, a
snapshot of what is stored (to prove an import wrote nothing), and one small scenario per register built with
the factories: a record to edit, another Public one, a Restricted one, and a new row to add."""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook

from changes.choices import ChangeStage, ImpactResponseChoice
from changes.models import ChangeRequest, ImpactResponse
from core.choices import Classification
from meetings.models import Action, Decision
from milestones.models import Milestone
from raid.choices import RaidKind
from raid.models import MitigationStep, RaidItem
from tests.changes.factories import ChangeRequestFactory, ImpactResponseFactory
from tests.meetings.factories import ActionFactory, DecisionFactory, MeetingFactory
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import GovernanceGroupFactory, OrganisationFactory
from tests.raid.factories import RaidItemFactory, RaidThemeFactory

RESTRICTED = Classification.RESTRICTED
KINDS = ("change-requests", "impact-responses", "raid-items", "milestones", "actions", "decisions")
FORMATS = ("xlsx", "csv")
LIST_PATHS = {
    "change-requests": "changes",
    "impact-responses": "changes/responses",
    "raid-items": "raid",
    "milestones": "milestones",
    "actions": "actions",
    "decisions": "decisions",
}


# --- files ----------------------------------------------------------------------------------------------------


def read_table(content: bytes, fmt: str) -> list[list[str]]:
    """Every row of the first sheet (header first), each cell as text ("" for an empty cell)."""
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        return [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def read_rows(content: bytes, fmt: str) -> list[dict[str, str]]:
    headers, *body = read_table(content, fmt)
    return [dict(zip(headers, row, strict=False)) for row in body]


def write_table(rows: list[list], fmt: str) -> bytes:
    """A new file holding `rows` (the header row first), as Excel would save it."""
    if fmt == "xlsx":
        workbook = Workbook()
        for row in rows:
            workbook.active.append(row)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def sheet(headers: list[str], *rows: list, fmt: str = "csv") -> bytes:
    return write_table([headers, *rows], fmt)


def _matches(row: dict[str, str], match: dict[str, str]) -> bool:
    return all(row.get(header) == value for header, value in match.items())


def edit_cell(content: bytes, fmt: str, match: dict[str, str], header: str, value: str) -> bytes:
    """The file with `header` set to `value` on the one row whose cells equal `match` (the exported workbook
    itself is edited, keeping its formatting, as a person editing in Excel would)."""
    if fmt == "xlsx":
        workbook = load_workbook(io.BytesIO(content))
        worksheet = workbook.worksheets[0]
        rows = list(worksheet.iter_rows())
        headers = ["" if cell.value is None else str(cell.value) for cell in rows[0]]
        hits = [
            row
            for row in rows[1:]
            if _matches({h: "" if c.value is None else str(c.value) for h, c in zip(headers, row, strict=False)}, match)
        ]
        assert len(hits) == 1, f"expected one row matching {match}, found {len(hits)}"
        hits[0][headers.index(header)].value = value
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
    headers, *body = read_table(content, fmt)
    hits = [row for row in body if _matches(dict(zip(headers, row, strict=False)), match)]
    assert len(hits) == 1, f"expected one row matching {match}, found {len(hits)}"
    hits[0][headers.index(header)] = value
    return write_table([headers, *body], fmt)


def append_row(content: bytes, fmt: str, values: dict[str, str]) -> bytes:
    """The file with one more row, holding `values` under their headers (other cells empty)."""
    if fmt == "xlsx":
        workbook = load_workbook(io.BytesIO(content))
        worksheet = workbook.worksheets[0]
        headers = [cell.value for cell in next(worksheet.iter_rows(max_row=1))]
        worksheet.append([values.get(header) for header in headers])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
    headers, *body = read_table(content, fmt)
    return write_table([headers, *body, [values.get(header, "") for header in headers]], fmt)


# --- what is stored ---------------------------------------------------------------------------------------------


def stored(*models) -> dict:
    """Every row of `models` and how many history rows each has: equal before and after means nothing was
    written (an unchanged re-save would add a history row and bump the version)."""
    state = {}
    for model in models:
        state[model.__name__] = list(model._default_manager.order_by("pk").values())
        if hasattr(model, "history"):
            state[f"{model.__name__} history"] = model.history.count()
    return state


def newest_history(record):
    return record.history.order_by("-history_date", "-history_id").first()


# --- one scenario per register -------------------------------------------------------------------------------


@dataclass
class Scenario:
    kind: str
    watched: tuple  # the models an import of this register writes
    edit_match: dict[str, str]  # the cells that pick the row to edit
    edit_header: str
    edit_value: str
    edited: Callable[[], object]  # the edited record, fresh from the database
    edited_field: str
    new_row: dict[str, str]
    created: Callable[[], object]  # the record the new row creates (DoesNotExist until then)
    restricted_match: dict[str, str]
    public_match: dict[str, str]


def change_requests() -> Scenario:
    elexon = OrganisationFactory(name="Elexon Ltd")
    dag = GovernanceGroupFactory(code="DAG", name="Design Advisory Group")
    ChangeRequestFactory(
        ref="CR101",
        title="Introduce the MDR role",
        raised_by="Ann Raiser",
        raiser_organisation=elexon,
        decision_body=dag,
        raised_on=datetime.date(2024, 5, 30),
        ia_opens_on=datetime.date(2024, 6, 3),
        ia_closes_on=datetime.date(2024, 6, 28),
        implementation_target="IR8.1 June-24",
        change_owner="Design Team",
    )
    ChangeRequestFactory(ref="CR102", title="Change the DIP message", raised_on=datetime.date(2024, 9, 24))
    ChangeRequestFactory(ref="CR103", title="Commercially sensitive change", classification=RESTRICTED)
    return Scenario(
        kind="change-requests",
        watched=(ChangeRequest,),
        edit_match={"Ref.": "CR101"},
        edit_header="Key Detail",
        edit_value="Introduce the MDR role (revised scope)",
        edited=lambda: ChangeRequest.objects.get(ref="CR101"),
        edited_field="title",
        new_row={
            "Ref.": "CR150",
            "Key Detail": "A CR brought in from the Change Control Log",
            "Approval Status": "Open",
            "Raised": "30/05/2024",
        },
        created=lambda: ChangeRequest.objects.get(ref="CR150"),
        restricted_match={"Ref.": "CR103"},
        public_match={"Ref.": "CR102"},
    )


def impact_responses() -> Scenario:
    cr = ChangeRequestFactory(ref="CR201", title="Change under assessment", stage=ChangeStage.IMPACT_ASSESSMENT)
    secret = ChangeRequestFactory(ref="CR202", title="Restricted CR", classification=RESTRICTED)
    alpha = OrganisationFactory(name="Alpha Energy Ltd")
    beta = OrganisationFactory(name="Beta Supply Ltd")
    OrganisationFactory(name="Gamma Networks Ltd")
    ImpactResponseFactory(change_request=cr, organisation=alpha, comments="No impact on our systems")
    ImpactResponseFactory(change_request=cr, organisation=beta, response=ImpactResponseChoice.REJECT, comments="")
    ImpactResponseFactory(change_request=secret, organisation=alpha, response=ImpactResponseChoice.ABSTAIN)
    return Scenario(
        kind="impact-responses",
        watched=(ImpactResponse,),
        edit_match={"Change Request": "CR201", "Organisation": "Alpha Energy Ltd"},
        edit_header="Comments",
        edit_value="Impact on our MDR build: three sprints",
        edited=lambda: ImpactResponse.objects.get(change_request__ref="CR201", organisation__name="Alpha Energy Ltd"),
        edited_field="comments",
        new_row={"Change Request": "CR201", "Organisation": "Gamma Networks Ltd", "Response": "Support"},
        created=lambda: ImpactResponse.objects.get(
            change_request__ref="CR201", organisation__name="Gamma Networks Ltd"
        ),
        restricted_match={"Change Request": "CR202"},
        public_match={"Change Request": "CR201", "Organisation": "Beta Supply Ltd"},
    )


def raid_items() -> Scenario:
    sitag = GovernanceGroupFactory(code="SITAG", name="SIT Advisory Group")
    theme = RaidThemeFactory(name="Testing")
    RaidItemFactory(
        ref="R101",
        title="SIT environments late",
        theme=theme,
        groups=[sitag],
        mitigation=[{"text": "Replan the SIT cycles"}, {"text": "Escalate to PSG"}],
        raised_on=datetime.date(2024, 5, 30),
    )
    RaidItemFactory(ref="I101", kind=RaidKind.ISSUE, title="DIP outage during testing", impact=5)
    RaidItemFactory(ref="R102", title="Restricted supplier risk", classification=RESTRICTED)
    return Scenario(
        kind="raid-items",
        watched=(RaidItem, MitigationStep, RaidItem.groups.through),
        edit_match={"Risk ID": "R101"},
        edit_header="Title",
        edit_value="SIT environments delivered late",
        edited=lambda: RaidItem.objects.get(ref="R101"),
        edited_field="title",
        new_row={
            "Risk ID": "R150",
            "Type": "Risk",
            "Title": "Data migration slips",
            "Likelihood": "2",
            "Impact Level": "3",
            "Groups": "SITAG",
            "Mitigation Plan": "1. Weekly tracking\n2. Contingency plan",
        },
        created=lambda: RaidItem.objects.get(ref="R150"),
        restricted_match={"Risk ID": "R102"},
        public_match={"Risk ID": "I101"},
    )


def milestones() -> Scenario:
    sitag = GovernanceGroupFactory(code="SITAG", name="SIT Advisory Group")
    m10 = MilestoneFactory(
        ref="M10",
        forum=sitag,
        title="SIT complete",
        baseline_on=datetime.date(2025, 3, 31),
        forecast_on=datetime.date(2025, 3, 31),
    )
    MilestoneFactory(
        ref="T3-DB-0153",
        forum=sitag,
        title="Data build complete",
        baseline_on=datetime.date(2025, 2, 28),
        forecast_on=datetime.date(2025, 3, 7),
        commentary="Forecast slipped a week",
        depends_on=[m10],
    )
    MilestoneFactory(ref="T3-DB-0154", forum=sitag, title="Restricted milestone", classification=RESTRICTED)
    return Scenario(
        kind="milestones",
        watched=(Milestone, Milestone.depends_on.through),
        edit_match={"Milestone ID": "T3-DB-0153"},
        edit_header="Title",
        edit_value="Data build complete (all environments)",
        edited=lambda: Milestone.objects.get(ref="T3-DB-0153"),
        edited_field="title",
        new_row={
            "Milestone ID": "T2-DB-0600",
            "Forum": "SITAG",
            "Title": "Migration rehearsal",
            "Baseline Date": "30/05/2025",
            "Depends On": "M10",
        },
        created=lambda: Milestone.objects.get(ref="T2-DB-0600"),
        restricted_match={"Milestone ID": "T3-DB-0154"},
        public_match={"Milestone ID": "M10"},
    )


def actions() -> Scenario:
    meeting = MeetingFactory(number="26")  # DAG26
    ActionFactory(meeting=meeting, ref="DAG26-01", description="Circulate the design note", owner="Design Team")
    ActionFactory(meeting=meeting, ref="DAG26-02", description="Confirm the DIP date", due_on=None, due_text="ASAP")
    ActionFactory(meeting=meeting, ref="DAG26-03", description="Restricted action", classification=RESTRICTED)
    return Scenario(
        kind="actions",
        watched=(Action,),
        edit_match={"Ref": "DAG26-01"},
        edit_header="Action",
        edit_value="Circulate the revised design note",
        edited=lambda: Action.objects.get(ref="DAG26-01"),
        edited_field="description",
        new_row={
            "Ref": "DAG26-10",
            "Meeting": "DAG26",
            "Action": "Publish the migration plan",
            "Owner": "Programme PMO",
            "Due": "24-Sep-24",
        },
        created=lambda: Action.objects.get(ref="DAG26-10"),
        restricted_match={"Ref": "DAG26-03"},
        public_match={"Ref": "DAG26-02"},
    )


def decisions() -> Scenario:
    meeting = MeetingFactory(number="26")  # DAG26
    DecisionFactory(meeting=meeting, ref="DAG-DEC55", text="The group agreed the design baseline")
    DecisionFactory(
        meeting=meeting,
        ref="DAG-DEC56",
        text="The group recommended CR301",
        change_request=ChangeRequestFactory(ref="CR301"),
    )
    DecisionFactory(meeting=meeting, ref="DAG-DEC57", text="Restricted decision", classification=RESTRICTED)
    return Scenario(
        kind="decisions",
        watched=(Decision,),
        edit_match={"Ref": "DAG-DEC55"},
        edit_header="Decision",
        edit_value="The group agreed the revised design baseline",
        edited=lambda: Decision.objects.get(ref="DAG-DEC55"),
        edited_field="text",
        new_row={"Ref": "DAG-DEC60", "Meeting": "DAG26", "Decision": "The group agreed to defer CR301"},
        created=lambda: Decision.objects.get(ref="DAG-DEC60"),
        restricted_match={"Ref": "DAG-DEC57"},
        public_match={"Ref": "DAG-DEC56"},
    )


SCENARIOS = {
    "change-requests": change_requests,
    "impact-responses": impact_responses,
    "raid-items": raid_items,
    "milestones": milestones,
    "actions": actions,
    "decisions": decisions,
}


def rows_matching(rows: list[dict[str, str]], match: dict[str, str]) -> list[dict[str, str]]:
    return [row for row in rows if _matches(row, match)]
