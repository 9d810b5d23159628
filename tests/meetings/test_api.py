"""The meetings API (DESIGN §5): /api/meetings/, /api/agenda-items/, /api/actions/, /api/decisions/,
/api/votes/, /api/discussion-items/ — contract fields, lookup by ref, filters, the workflow endpoints (action
updates, headline report issue and approval, the tally), refusals with field messages, permissions by role,
classification scoping and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from changes.choices import ChangeStage, ChangeStatus
from core.choices import Classification
from meetings import services
from meetings.choices import ActionStatus, HeadlineStatus, MeetingStatus
from meetings.models import Action, ActionUpdate, AgendaItem, Decision, DiscussionItem, Meeting, Vote
from programme.choices import GroupLevel
from tests.changes.factories import ChangeRequestFactory
from tests.meetings.factories import ActionFactory, MeetingFactory, at, close, dag
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HELD = datetime.date(2024, 11, 13)

MEETINGS = "/api/meetings/"
AGENDA = "/api/agenda-items/"
ACTIONS = "/api/actions/"
DECISIONS = "/api/decisions/"
VOTES = "/api/votes/"
DISCUSSION = "/api/discussion-items/"

MEETING_FIELDS = {
    "ref",
    "group",
    "number",
    "title",
    "starts_at",
    "ends_at",
    "venue",
    "classification",
    "document_ref",
    "version",
    "status",
}
AGENDA_FIELDS = {
    "id",
    "meeting",
    "position",
    "title",
    "objective",
    "item_type",
    "lead",
    "duration_minutes",
    "starts_at",
}
ACTION_FIELDS = {
    "ref",
    "meeting",
    "area",
    "description",
    "owner",
    "raised_on",
    "due_on",
    "due_text",
    "status",
    "latest_update",
    "rag",
}
DECISION_FIELDS = {"ref", "meeting", "area", "text", "decided_by", "change_request"}
VOTE_FIELDS = {"id", "meeting", "subject", "constituency", "vote"}
DISCUSSION_FIELDS = {"id", "meeting", "area", "text"}


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def refs(response):
    return [row["ref"] for row in results(response)]


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.fixture
def pmo_api(api_for):
    return api_for("PMO")


@pytest.fixture
def chair_api(api_for):
    return api_for("Chair")


@pytest.fixture
def participant_api(api_for):
    return api_for("Participant")


@pytest.fixture
def seats():
    return {
        code: ConstituencyFactory(code=code, name=name, position=i)
        for i, (code, name) in enumerate(
            [("LARGE_SUPPLIER", "Large Supplier"), ("DNO", "DNO"), ("IDNO", "iDNO"), ("CONSUMER", "Consumer")]
        )
    }


@pytest.fixture
def programme(seats, today):
    """DAG25-DAG28 (DAG26 held 13 November 2024), a Restricted extraordinary DAG26.1, CCAG36; their actions,
    decisions (an imported DAG-DEC54, then DAG-DEC55 approving CR054), agenda, votes and discussion."""
    group = dag()
    ccag = GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group", level=GroupLevel.ADVISORY)
    meetings = {
        "DAG25": MeetingFactory(group=group, number="25", starts_at=at(datetime.date(2024, 10, 9))),
        "DAG26": MeetingFactory(
            group=group,
            number="26",
            title="Design Advisory Group #26",
            starts_at=at(HELD),
            ends_at=at(HELD, 12),
            venue="Microsoft Teams",
            document_ref="MHHS-DEL3002",
            document_version="1.3",
            status=MeetingStatus.HELD,
        ),
        "DAG26.1": MeetingFactory(
            group=group,
            number="26.1",
            title="Extraordinary DAG",
            starts_at=at(datetime.date(2024, 11, 20)),
            classification=Classification.RESTRICTED,
        ),
        "DAG27": MeetingFactory(group=group, number="27", starts_at=at(datetime.date(2024, 12, 11))),
        "DAG28": MeetingFactory(group=group, number="28", starts_at=at(today + 30 * DAY)),
        "CCAG36": MeetingFactory(group=ccag, number="36", starts_at=at(datetime.date(2024, 11, 27))),
    }
    dag26 = meetings["DAG26"]
    overdue = ActionFactory(
        meeting=dag26, area="Design", description="Publish the interface catalogue", due_on=today - 10 * DAY
    )
    services.action_update(action=overdue, actor=None, text="Drafting under way", status=ActionStatus.ONGOING)
    ActionFactory(meeting=dag26, area="Data", description="Confirm the data cleanse plan", due_on=today + 30 * DAY)
    ActionFactory(meeting=dag26, area="Data", description="Share the MDS timetable", owner="Design Authority",
                  due_on=None, due_text="ASAP")  # fmt: skip
    close(ActionFactory(meeting=meetings["DAG25"], due_on=datetime.date(2024, 11, 6)), dag26)
    ActionFactory(
        meeting=meetings["DAG26.1"],
        description="Commercially sensitive follow-up",
        due_on=today + 20 * DAY,
        classification=Classification.RESTRICTED,
    )
    ccag_action = ActionFactory(
        meeting=meetings["CCAG36"], description="Update the code drafting plan", due_on=today + 20 * DAY
    )
    services.action_update(action=ccag_action, actor=None, text="Started", status=ActionStatus.ONGOING)

    cr054 = ChangeRequestFactory(ref="CR054", stage=ChangeStage.AWAITING_DECISION)
    services.decision_record(meeting=dag26, actor=None, text="Approve the design baseline", ref="DAG-DEC54")
    services.decision_record(
        meeting=dag26,
        actor=None,
        area="Change",
        text="DAG approved CR054",
        change_request=cr054,
        change_request_step="approve",
    )
    services.decision_record(meeting=meetings["DAG26.1"], actor=None, text="Sensitive decision")

    for position, title, minutes in [(1, "Welcome", 5), (2, "Minutes and actions", 15), (3, "Design update", 30)]:
        AgendaItem.objects.create(
            meeting=dag26, position=position, title=title, duration_minutes=minutes, item_type="information"
        )
    AgendaItem.objects.create(meeting=meetings["DAG26.1"], position=1, title="Sensitive item", duration_minutes=30)
    services.votes_record(
        meeting=dag26,
        actor=None,
        subject="CR018",
        votes=[("LARGE_SUPPLIER", "reject"), ("DNO", "approve"), ("IDNO", "abstain"), ("CONSUMER", "absent")],
    )
    services.votes_record(meeting=meetings["DAG26.1"], actor=None, subject="CR099", votes=[("DNO", "approve")])
    DiscussionItem.objects.create(meeting=dag26, position=1, area="Design", text="The group discussed the baseline.")
    DiscussionItem.objects.create(meeting=meetings["DAG26.1"], position=1, area="Sensitive", text="Not for all.")
    return meetings


# --- the contract ---------------------------------------------------------------------------------------


def test_a_meeting_has_the_contract_fields(participant_api, programme):
    response = participant_api.get(f"{MEETINGS}DAG26/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) >= MEETING_FIELDS
    assert {name: body[name] for name in MEETING_FIELDS - {"starts_at", "ends_at"}} == {
        "ref": "DAG26",
        "group": "DAG",
        "number": "26",
        "title": "Design Advisory Group #26",
        "venue": "Microsoft Teams",
        "classification": "public",
        "document_ref": "MHHS-DEL3002",
        "version": "1.3",
        "status": "held",
    }
    assert instant(body["starts_at"]) == at(HELD)
    assert instant(body["ends_at"]) == at(HELD, 12)


def test_an_extraordinary_meeting_is_read_by_its_point_ref(pmo_api, programme):
    body = pmo_api.get(f"{MEETINGS}DAG26.1/").json()

    assert (body["ref"], body["number"]) == ("DAG26.1", "26.1")


def test_agenda_items_have_the_contract_fields_and_computed_start_times(participant_api, programme):
    rows = results(participant_api.get(AGENDA, {"meeting__ref": "DAG26"}))

    assert all(set(row) >= AGENDA_FIELDS for row in rows)
    assert [(row["meeting"], row["position"], row["title"], row["item_type"]) for row in rows] == [
        ("DAG26", 1, "Welcome", "information"),
        ("DAG26", 2, "Minutes and actions", "information"),
        ("DAG26", 3, "Design update", "information"),
    ]
    assert [instant(row["starts_at"]) for row in rows] == [at(HELD, 10, 0), at(HELD, 10, 5), at(HELD, 10, 20)]


def test_a_new_agenda_item_answers_with_its_start_time(pmo_api, programme):
    response = pmo_api.post(
        AGENDA,
        {"meeting": "DAG26", "position": 4, "title": "AOB", "item_type": "discussion", "duration_minutes": 10},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert instant(response.json()["starts_at"]) == at(HELD, 10, 50)


def test_an_action_has_the_contract_fields(participant_api, programme, today):
    response = participant_api.get(f"{ACTIONS}DAG26-01/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) >= ACTION_FIELDS
    assert {name: body[name] for name in ACTION_FIELDS} == {
        "ref": "DAG26-01",
        "meeting": "DAG26",
        "area": "Design",
        "description": "Publish the interface catalogue",
        "owner": "Programme PMO",
        "raised_on": "2024-11-13",
        "due_on": (today - 10 * DAY).isoformat(),
        "due_text": "",
        "status": "ongoing",
        "latest_update": "Drafting under way",
        "rag": "red",
    }


def test_an_undated_action_gives_its_due_text_and_no_rag(participant_api, programme):
    body = participant_api.get(f"{ACTIONS}DAG26-03/").json()

    assert (body["due_on"], body["due_text"], body["rag"]) == (None, "ASAP", None)


def test_a_closed_action_has_no_rag(participant_api, programme):
    body = participant_api.get(f"{ACTIONS}DAG25-01/").json()

    assert (body["status"], body["rag"]) == ("closed", None)


def test_a_decision_has_the_contract_fields(participant_api, programme):
    response = participant_api.get(f"{DECISIONS}DAG-DEC55/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) >= DECISION_FIELDS
    assert {name: body[name] for name in DECISION_FIELDS} == {
        "ref": "DAG-DEC55",
        "meeting": "DAG26",
        "area": "Change",
        "text": "DAG approved CR054",
        "decided_by": "DAG",
        "change_request": "CR054",
    }
    assert participant_api.get(f"{DECISIONS}DAG-DEC54/").json()["change_request"] is None


def test_votes_have_the_contract_fields(participant_api, programme):
    rows = results(participant_api.get(VOTES, {"meeting__ref": "DAG26"}))

    assert all(set(row) >= VOTE_FIELDS for row in rows)
    assert sorted((row["meeting"], row["subject"], row["constituency"], row["vote"]) for row in rows) == [
        ("DAG26", "CR018", "CONSUMER", "absent"),
        ("DAG26", "CR018", "DNO", "approve"),
        ("DAG26", "CR018", "IDNO", "abstain"),
        ("DAG26", "CR018", "LARGE_SUPPLIER", "reject"),
    ]


def test_discussion_items_have_the_contract_fields(participant_api, programme):
    rows = results(participant_api.get(DISCUSSION, {"meeting__ref": "DAG26"}))

    assert [{name: row[name] for name in DISCUSSION_FIELDS - {"id"}} for row in rows] == [
        {"meeting": "DAG26", "area": "Design", "text": "The group discussed the baseline."}
    ]
    assert set(rows[0]) >= DISCUSSION_FIELDS


def test_the_tally_has_one_row_per_subject(participant_api, programme):
    response = participant_api.get(f"{MEETINGS}DAG26/votes/")

    assert response.status_code == 200
    assert response.json() == [
        {
            "subject": "CR018",
            "approve": 1,
            "reject": 1,
            "abstain": 1,
            "absent": 1,
            "text": "one voted to reject, one to approve, one abstained, one not in attendance",
        }
    ]


# --- filters --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"group": "DAG", "status": "ongoing"}, ["DAG26-01"]),
        ({"status": "ongoing"}, ["DAG26-01", "CCAG36-01"]),
        ({"group": "CCAG"}, ["CCAG36-01"]),
        ({"meeting": "DAG25"}, ["DAG25-01"]),
        ({"status": "closed"}, ["DAG25-01"]),
        ({"overdue": "true"}, ["DAG26-01"]),
        ({"group": "DAG", "overdue": "false"}, ["DAG25-01", "DAG26-02", "DAG26-03", "DAG26.1-01"]),
        ({"owner": "design auth"}, ["DAG26-03"]),
        ({"q": "cleanse"}, ["DAG26-02"]),
        ({"search": "interface catalogue"}, ["DAG26-01"]),
        ({"q": "drafting"}, ["DAG26-01", "CCAG36-01"]),
    ],
)
def test_actions_are_filtered(pmo_api, programme, params, expected):
    assert refs(pmo_api.get(ACTIONS, params)) == expected


def test_actions_are_filtered_by_due_dates(pmo_api, programme, today):
    between = {"due_after": (today - 11 * DAY).isoformat(), "due_before": (today + 15 * DAY).isoformat()}

    assert refs(pmo_api.get(ACTIONS, between)) == ["DAG26-01"]
    assert refs(pmo_api.get(ACTIONS, {"due_after": today.isoformat()})) == ["DAG26-02", "DAG26.1-01", "CCAG36-01"]
    assert refs(
        pmo_api.get(
            ACTIONS, {"due_after": (today + 20 * DAY).isoformat(), "due_before": (today + 20 * DAY).isoformat()}
        )
    ) == ["DAG26.1-01", "CCAG36-01"]
    assert refs(pmo_api.get(ACTIONS, {"due_before": "2024-11-30"})) == ["DAG25-01"]


def test_a_bad_filter_value_answers_400(pmo_api, programme):
    response = pmo_api.get(ACTIONS, {"due_after": "next week"})

    assert response.status_code == 400
    assert response.json() == {"due": ["Enter a valid date."]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"group": "DAG"}, ["DAG-DEC54", "DAG-DEC55", "DAG-DEC56"]),
        ({"change_request": "CR054"}, ["DAG-DEC55"]),
        ({"meeting": "DAG26"}, ["DAG-DEC54", "DAG-DEC55"]),
        ({"q": "baseline"}, ["DAG-DEC54"]),
    ],
)
def test_decisions_are_filtered(pmo_api, programme, params, expected):
    assert refs(pmo_api.get(DECISIONS, params)) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"group": "CCAG"}, ["CCAG36"]),
        ({"group": "DAG", "when": "upcoming"}, ["DAG28"]),
        ({"group": "DAG", "when": "past"}, ["DAG27", "DAG26.1", "DAG26", "DAG25"]),
        ({"status": "held"}, ["DAG26"]),
        ({"q": "MHHS-DEL3002"}, ["DAG26"]),
    ],
)
def test_meetings_are_filtered(pmo_api, programme, params, expected):
    assert refs(pmo_api.get(MEETINGS, params)) == expected


# --- writes ---------------------------------------------------------------------------------------------


def test_pmo_schedules_a_meeting(pmo_api, programme):
    response = pmo_api.post(
        MEETINGS,
        {"group": "DAG", "number": "29", "starts_at": "2025-02-12T10:00:00Z", "version": "1.0"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert (response.json()["ref"], response.json()["title"]) == ("DAG29", "Design Advisory Group #29")
    assert Meeting.objects.get(ref="DAG29").document_version == "1.0"


def test_a_duplicate_meeting_answers_400_under_number(pmo_api, programme):
    response = pmo_api.post(
        MEETINGS, {"group": "DAG", "number": "26", "starts_at": "2025-02-12T10:00:00Z"}, format="json"
    )

    assert response.status_code == 400
    assert "DAG26 already exists" in response.json()["number"][0]
    assert Meeting.objects.filter(ref="DAG26").count() == 1


def test_a_meeting_ending_before_it_starts_answers_400(pmo_api, programme):
    response = pmo_api.post(
        MEETINGS,
        {"group": "DAG", "number": "29", "starts_at": "2025-02-12T10:00:00Z", "ends_at": "2025-02-12T09:00:00Z"},
        format="json",
    )

    assert response.status_code == 400
    assert "ends_at" in response.json()
    assert not Meeting.objects.filter(ref="DAG29").exists()


def test_pmo_raises_an_action_with_the_next_ref(pmo_api, programme):
    response = pmo_api.post(
        ACTIONS,
        {"meeting": "DAG26", "description": "Write up the design decision", "owner": "Programme PMO"},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["ref"], body["raised_on"], body["status"]) == ("DAG26-04", "2024-11-13", "open")
    assert Action.objects.get(ref="DAG26-04").history.first().history_user.username == "pmo-user"


def test_an_imported_action_ref_is_kept_and_the_next_follows_it(pmo_api, programme):
    imported = pmo_api.post(
        ACTIONS, {"ref": "DAG26-09", "meeting": "DAG26", "description": "Imported", "owner": "PMO"}, format="json"
    )
    following = pmo_api.post(ACTIONS, {"meeting": "DAG26", "description": "New", "owner": "PMO"}, format="json")

    assert (imported.status_code, imported.json()["ref"]) == (201, "DAG26-09")
    assert (following.status_code, following.json()["ref"]) == (201, "DAG26-10")


def test_an_action_links_records_by_ref(pmo_api, programme):
    MilestoneFactory(ref="T3-DB-0153")

    response = pmo_api.post(
        ACTIONS,
        {
            "meeting": "DAG26",
            "description": "Check the milestone",
            "owner": "PMO",
            "change_requests": ["CR054"],
            "milestones": ["T3-DB-0153"],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert (response.json()["change_requests"], response.json()["milestones"]) == (["CR054"], ["T3-DB-0153"])


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"ref": "DAG26-01"}, "ref", "already exists"),
        ({"ref": "DAG25-07"}, "ref", "DAG26-NN"),
        ({"ref": "not a ref"}, "ref", ""),
        ({"raised_on": "2024-11-13", "due_on": "2024-11-01"}, "due_on", "cannot be due before it was raised"),
        ({"meeting": "DAG99"}, "meeting", ""),
        ({"description": ""}, "description", ""),
    ],
)
def test_a_bad_action_answers_400_with_the_field_and_saves_nothing(pmo_api, programme, data, field, words):
    before = Action.objects.count()
    payload = {"meeting": "DAG26", "description": "Bad one", "owner": "PMO", **data}

    response = pmo_api.post(ACTIONS, payload, format="json")

    assert response.status_code == 400
    assert words in " ".join(response.json()[field])
    assert Action.objects.count() == before
    assert not Action.objects.filter(description="Bad one").exists()


def test_pmo_edits_an_open_action(pmo_api, programme):
    response = pmo_api.patch(f"{ACTIONS}DAG26-02/", {"owner": "Data Working Group"}, format="json")

    assert response.status_code == 200, response.content
    assert Action.objects.get(ref="DAG26-02").owner == "Data Working Group"


def test_a_meetings_group_and_number_cannot_change(pmo_api, programme):
    response = pmo_api.patch(f"{MEETINGS}DAG27/", {"number": "30"}, format="json")

    assert response.status_code == 400
    assert "number" in response.json()
    assert Meeting.objects.filter(ref="DAG27", number="27").exists()


def test_an_actions_ref_and_meeting_cannot_change(pmo_api, programme):
    moved = pmo_api.patch(f"{ACTIONS}DAG26-02/", {"meeting": "DAG27"}, format="json")
    renamed = pmo_api.patch(f"{ACTIONS}DAG26-02/", {"ref": "DAG26-99"}, format="json")

    assert (moved.status_code, renamed.status_code) == (400, 400)
    assert ("meeting" in moved.json(), "ref" in renamed.json()) == (True, True)
    assert Action.objects.get(ref="DAG26-02").meeting.ref == "DAG26"


def test_editing_a_closed_action_answers_400(pmo_api, programme):
    response = pmo_api.patch(f"{ACTIONS}DAG25-01/", {"owner": "Someone else"}, format="json")

    assert response.status_code == 400
    assert "reopen it before editing" in response.json()["detail"][0]
    assert Action.objects.get(ref="DAG25-01").owner == "Programme PMO"


def test_a_stale_action_edit_answers_412(pmo_api, programme):
    etag = pmo_api.get(f"{ACTIONS}DAG26-02/")["ETag"]
    assert (
        pmo_api.patch(f"{ACTIONS}DAG26-02/", {"owner": "First"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    )

    stale = pmo_api.patch(f"{ACTIONS}DAG26-02/", {"owner": "Second"}, format="json", HTTP_IF_MATCH=etag)

    assert stale.status_code == 412
    assert Action.objects.get(ref="DAG26-02").owner == "First"


def test_a_stale_meeting_edit_answers_412(pmo_api, programme):
    etag = pmo_api.get(f"{MEETINGS}DAG27/")["ETag"]
    first = pmo_api.patch(f"{MEETINGS}DAG27/", {"venue": "Elexon, London"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200, first.content

    stale = pmo_api.patch(f"{MEETINGS}DAG27/", {"venue": "Teams"}, format="json", HTTP_IF_MATCH=etag)

    assert stale.status_code == 412
    assert Meeting.objects.get(ref="DAG27").venue == "Elexon, London"


def test_an_update_is_appended_to_the_log(pmo_api, programme, pmo_user, today):
    response = pmo_api.post(
        f"{ACTIONS}DAG26-02/updates/", {"text": "Plan shared", "status": "recommend_closed"}, format="json"
    )

    assert response.status_code == 201, response.content
    assert (response.json()["latest_update"], response.json()["status"]) == ("Plan shared", "recommend_closed")
    entry = ActionUpdate.objects.get(action__ref="DAG26-02")
    assert (entry.text, entry.status, entry.on, entry.author) == ("Plan shared", "recommend_closed", today, pmo_user)


def test_an_update_without_status_keeps_it(pmo_api, programme):
    response = pmo_api.post(f"{ACTIONS}DAG26-01/updates/", {"text": "Nearly there"}, format="json")

    assert response.status_code == 201
    assert (response.json()["latest_update"], response.json()["status"]) == ("Nearly there", "ongoing")
    assert ActionUpdate.objects.filter(action__ref="DAG26-01").count() == 2


@pytest.mark.parametrize(
    ("ref", "data", "field"),
    [
        ("DAG26-02", {"text": "Done", "status": "closed"}, "status"),
        ("DAG26-02", {"text": ""}, "text"),
        ("DAG26-02", {"status": "ongoing"}, "text"),
        ("DAG25-01", {"text": "News on a closed action"}, "detail"),
    ],
)
def test_a_refused_update_answers_400_and_logs_nothing(pmo_api, programme, ref, data, field):
    before = ActionUpdate.objects.count()
    latest = Action.objects.get(ref=ref).latest_update

    response = pmo_api.post(f"{ACTIONS}{ref}/updates/", data, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert ActionUpdate.objects.count() == before
    assert Action.objects.get(ref=ref).latest_update == latest


def test_an_update_to_an_unknown_action_answers_404(pmo_api, programme):
    assert pmo_api.post(f"{ACTIONS}DAG26-99/updates/", {"text": "x"}, format="json").status_code == 404


def test_a_decision_is_recorded_with_the_next_ref(chair_api, programme):
    response = chair_api.post(DECISIONS, {"meeting": "DAG27", "text": "Approve the MDS timetable"}, format="json")

    assert response.status_code == 201, response.content
    assert (response.json()["ref"], response.json()["decided_by"]) == ("DAG-DEC57", "DAG")


def test_a_decision_on_a_cr_decides_it(chair_api, programme):
    ChangeRequestFactory(ref="CR056", stage=ChangeStage.AWAITING_DECISION)

    response = chair_api.post(
        DECISIONS,
        {"meeting": "DAG27", "text": "DAG rejected CR056", "change_request": "CR056", "change_request_step": "reject"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["change_request"] == "CR056"
    cr = ChangeRequestFactory._meta.model.objects.get(ref="CR056")
    assert (cr.status, cr.stage, cr.decided_on) == (
        ChangeStatus.REJECTED,
        ChangeStage.CLOSED,
        datetime.date(2024, 12, 11),
    )


def test_an_illegal_cr_step_answers_400_and_records_no_decision(chair_api, programme):
    ChangeRequestFactory(ref="CR057", stage=ChangeStage.RAISED)

    response = chair_api.post(
        DECISIONS,
        {"meeting": "DAG27", "text": "DAG approved CR057", "change_request": "CR057", "change_request_step": "approve"},
        format="json",
    )

    assert response.status_code == 400
    assert not Decision.objects.filter(text="DAG approved CR057").exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"ref": "DAG-DEC54"}, "ref"),
        ({"ref": "CCAG-DEC3"}, "ref"),
        ({"ref": "DEC3"}, "ref"),
        ({"text": ""}, "text"),
        ({"meeting": "DAG99"}, "meeting"),
    ],
)
def test_a_bad_decision_answers_400_with_the_field(chair_api, programme, data, field):
    before = Decision.objects.count()

    response = chair_api.post(DECISIONS, {"meeting": "DAG27", "text": "A decision", **data}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert Decision.objects.count() == before


def test_decisions_are_not_edited(pmo_api, programme):
    response = pmo_api.patch(f"{DECISIONS}DAG-DEC54/", {"text": "Rewritten"}, format="json")

    assert response.status_code == 405
    assert Decision.objects.get(ref="DAG-DEC54").text == "Approve the design baseline"


def test_a_vote_is_recorded_and_a_second_replaces_it(chair_api, programme):
    vote = {"meeting": "DAG27", "subject": "CR019", "constituency": "DNO", "vote": "approve"}

    first = chair_api.post(VOTES, vote, format="json")
    second = chair_api.post(VOTES, {**vote, "vote": "reject"}, format="json")

    assert (first.status_code, second.status_code) == (201, 201)
    assert list(Vote.objects.filter(meeting__ref="DAG27").values_list("constituency__code", "vote")) == [
        ("DNO", "reject")
    ]
    assert chair_api.get(f"{MEETINGS}DAG27/votes/").json()[0]["reject"] == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [({"constituency": "MARTIANS"}, "constituency"), ({"vote": "maybe"}, "vote"), ({"subject": ""}, "subject")],
)
def test_a_bad_vote_answers_400_with_the_field(chair_api, programme, data, field):
    before = Vote.objects.count()
    vote = {"meeting": "DAG27", "subject": "CR019", "constituency": "DNO", "vote": "approve", **data}

    response = chair_api.post(VOTES, vote, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert Vote.objects.count() == before


def test_pmo_adds_a_discussion_item(pmo_api, programme):
    response = pmo_api.post(DISCUSSION, {"meeting": "DAG27", "area": "Data", "text": "Data cleanse"}, format="json")

    assert response.status_code == 201, response.content
    assert DiscussionItem.objects.get(meeting__ref="DAG27").text == "Data cleanse"


# --- the headline report --------------------------------------------------------------------------------


def issue(api, ref="DAG26", issued_on="2024-11-15"):
    return api.post(f"{MEETINGS}{ref}/issue-headline-report/", {"issued_on": issued_on}, format="json")


def approve(api, ref="DAG26", **data):
    return api.post(f"{MEETINGS}{ref}/approve-headline-report/", {"at_meeting": "DAG27", **data}, format="json")


@pytest.mark.parametrize("role", ["Chair", "PMO"])
def test_issuing_the_headline_report(api_for, programme, role):
    response = issue(api_for(role))

    assert response.status_code == 200, response.content
    assert (response.json()["headline_status"], response.json()["headline_issued_on"]) == ("issued", "2024-11-15")
    assert Meeting.objects.get(ref="DAG26").headline_status == HeadlineStatus.ISSUED


def test_issuing_before_the_meeting_answers_400(pmo_api, programme):
    response = issue(pmo_api, issued_on="2024-11-12")

    assert response.status_code == 400
    assert "issued_on" in response.json()
    assert Meeting.objects.get(ref="DAG26").headline_status == HeadlineStatus.DRAFT


def test_issuing_without_a_date_answers_400(pmo_api, programme):
    response = pmo_api.post(f"{MEETINGS}DAG26/issue-headline-report/", {}, format="json")

    assert response.status_code == 400
    assert "issued_on" in response.json()


@pytest.mark.parametrize("role", ["Chair", "PMO"])
def test_approving_the_headline_report_answers_the_decision(api_for, programme, role):
    api = api_for(role)
    assert issue(api).status_code == 200

    response = approve(api, with_amendments=True, by_correspondence=True)

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["ref"], body["meeting"]) == ("DAG-DEC57", "DAG27")
    assert body["text"] == (
        "Minutes and Headline Report of the DAG meeting held 13 November 2024 "
        "approved with amendments by correspondence"
    )
    meeting = api.get(f"{MEETINGS}DAG26/").json()
    assert (meeting["headline_status"], meeting["headline_approved_at"]) == ("approved", "DAG27")
    assert (meeting["headline_approved_with_amendments"], meeting["headline_approved_by_correspondence"]) == (
        True,
        True,
    )


def test_approving_defaults_to_no_amendments(pmo_api, programme):
    issue(pmo_api)

    body = approve(pmo_api).json()

    assert (
        body["text"]
        == "Minutes and Headline Report of the DAG meeting held 13 November 2024 approved with no amendments"
    )


def test_approving_a_never_issued_report_answers_400(pmo_api, programme):
    response = approve(pmo_api)

    assert response.status_code == 400
    assert "has not been issued" in response.json()["detail"][0]
    assert not Decision.objects.filter(meeting__ref="DAG27").exists()


@pytest.mark.parametrize(
    ("at_meeting", "field"), [("DAG25", "at_meeting"), ("CCAG36", "at_meeting"), ("DAG99", "at_meeting")]
)
def test_approving_at_an_earlier_or_other_groups_meeting_answers_400(pmo_api, programme, at_meeting, field):
    issue(pmo_api)

    response = approve(pmo_api, at_meeting=at_meeting)

    assert response.status_code == 400
    assert field in response.json()
    assert Meeting.objects.get(ref="DAG26").headline_status == HeadlineStatus.ISSUED


def test_approving_twice_answers_400(pmo_api, programme):
    issue(pmo_api)
    assert approve(pmo_api).status_code == 201

    response = pmo_api.post(f"{MEETINGS}DAG26/approve-headline-report/", {"at_meeting": "DAG28"}, format="json")

    assert response.status_code == 400
    assert "already approved" in response.json()["detail"][0]
    assert Decision.objects.filter(area="Minutes and Headline Report").count() == 1


# --- permissions ----------------------------------------------------------------------------------------

WRITES = [
    ("post", MEETINGS, {"group": "DAG", "number": "40", "starts_at": "2025-06-11T10:00:00Z"}),
    ("patch", f"{MEETINGS}DAG27/", {"venue": "Somewhere"}),
    ("post", AGENDA, {"meeting": "DAG27", "position": 1, "title": "Welcome", "duration_minutes": 5}),
    ("post", ACTIONS, {"meeting": "DAG27", "description": "Anything", "owner": "PMO"}),
    ("patch", f"{ACTIONS}DAG26-02/", {"owner": "Someone"}),
    ("post", f"{ACTIONS}DAG26-02/updates/", {"text": "News"}),
    ("post", DECISIONS, {"meeting": "DAG27", "text": "Something"}),
    ("post", VOTES, {"meeting": "DAG27", "subject": "CR019", "constituency": "DNO", "vote": "approve"}),
    ("post", DISCUSSION, {"meeting": "DAG27", "area": "Data", "text": "Talked"}),
    ("post", f"{MEETINGS}DAG26/issue-headline-report/", {"issued_on": "2024-11-15"}),
    ("post", f"{MEETINGS}DAG25/approve-headline-report/", {"at_meeting": "DAG27"}),
]


def fingerprint():
    return (
        list(Meeting.objects.order_by("pk").values_list("ref", "venue", "headline_status", "version")),
        list(Action.objects.order_by("pk").values_list("ref", "owner", "latest_update", "version")),
        Decision.objects.count(),
        Vote.objects.count(),
        DiscussionItem.objects.count(),
        AgendaItem.objects.count(),
        ActionUpdate.objects.count(),
    )


def answers(api, writes):
    """{(method, path): status} for each write, and whether the records were left as they were."""
    before = fingerprint()
    statuses = {
        (method, path): getattr(api, method)(path, data, format="json").status_code for method, path, data in writes
    }
    return statuses, fingerprint() == before


def test_a_participant_may_not_write(participant_api, programme):
    statuses, unchanged = answers(participant_api, WRITES)

    assert statuses == {(method, path): 403 for method, path, _ in WRITES}
    assert unchanged


# What a Chair may not do: schedule or edit meetings and their agendas, raise, edit or update actions, add
# discussion items (PMO work).
CHAIR_REFUSED = [WRITES[i] for i in (0, 1, 2, 3, 4, 5, 8)]


def test_a_chair_may_not_raise_or_edit_actions_or_meetings(chair_api, programme):
    statuses, unchanged = answers(chair_api, CHAIR_REFUSED)

    assert statuses == {(method, path): 403 for method, path, _ in CHAIR_REFUSED}
    assert unchanged


def test_a_chair_issues_and_approves_headline_reports_and_records_decisions_and_votes(chair_api, programme):
    services.headline_issue(meeting=programme["DAG25"], actor=None, issued_on=datetime.date(2024, 10, 10))
    chair_writes = [write for write in WRITES if write not in CHAIR_REFUSED]

    statuses, _ = answers(chair_api, chair_writes)

    assert statuses == {
        ("post", DECISIONS): 201,
        ("post", VOTES): 201,
        ("post", f"{MEETINGS}DAG26/issue-headline-report/"): 200,
        ("post", f"{MEETINGS}DAG25/approve-headline-report/"): 201,
    }
    assert Meeting.objects.get(ref="DAG26").headline_status == HeadlineStatus.ISSUED
    assert Meeting.objects.get(ref="DAG25").headline_approved_at == programme["DAG27"]


def test_pmo_may_write_everything(pmo_api, programme):
    services.headline_issue(meeting=programme["DAG25"], actor=None, issued_on=datetime.date(2024, 10, 10))

    statuses, _ = answers(pmo_api, WRITES)

    assert statuses == {
        (method, path): 201 if method == "post" and not path.endswith("issue-headline-report/") else 200
        for method, path, _ in WRITES
    }


READS = [
    MEETINGS,
    f"{MEETINGS}DAG26/",
    f"{MEETINGS}DAG26/votes/",
    AGENDA,
    ACTIONS,
    f"{ACTIONS}DAG26-01/",
    DECISIONS,
    f"{DECISIONS}DAG-DEC55/",
    VOTES,
    DISCUSSION,
]


def test_anonymous_callers_get_401(api_for, programme):
    anonymous = api_for("anonymous")

    assert {path: anonymous.get(path).status_code for path in READS} == dict.fromkeys(READS, 401)
    statuses, unchanged = answers(anonymous, WRITES)
    assert statuses == {(method, path): 401 for method, path, _ in WRITES}
    assert unchanged


# --- classification -------------------------------------------------------------------------------------


def test_a_participant_never_sees_restricted_meetings_actions_or_decisions(participant_api, programme):
    assert "DAG26.1" not in refs(participant_api.get(MEETINGS, {"page_size": 100}))
    assert "DAG26.1-01" not in refs(participant_api.get(ACTIONS, {"page_size": 100}))
    assert "DAG-DEC56" not in refs(participant_api.get(DECISIONS, {"page_size": 100}))
    assert participant_api.get(ACTIONS, {"q": "sensitive"}).json()["count"] == 0
    assert participant_api.get(DECISIONS, {"q": "sensitive"}).json()["count"] == 0
    for path in (f"{MEETINGS}DAG26.1/", f"{MEETINGS}DAG26.1/votes/", f"{ACTIONS}DAG26.1-01/", f"{DECISIONS}DAG-DEC56/"):
        assert participant_api.get(path).status_code == 404, path


def test_a_participant_never_sees_a_restricted_meetings_agenda_votes_or_discussion(participant_api, programme):
    assert "Sensitive item" not in [row["title"] for row in results(participant_api.get(AGENDA, {"page_size": 100}))]
    assert "CR099" not in [row["subject"] for row in results(participant_api.get(VOTES, {"page_size": 100}))]
    assert "Sensitive" not in [row["area"] for row in results(participant_api.get(DISCUSSION, {"page_size": 100}))]


def test_the_chair_and_pmo_see_restricted_records(chair_api, pmo_api, programme):
    for api in (chair_api, pmo_api):
        assert "DAG26.1" in refs(api.get(MEETINGS))
        assert api.get(f"{ACTIONS}DAG26.1-01/").status_code == 200
        assert api.get(f"{DECISIONS}DAG-DEC56/").json()["meeting"] == "DAG26.1"


# --- speed ----------------------------------------------------------------------------------------------


@pytest.fixture
def many_actions(programme, today):
    cr = ChangeRequestFactory(ref="CR070")
    milestone = MilestoneFactory(ref="T3-DB-0170")
    for _ in range(60):
        services.action_raise(
            meeting=programme["DAG27"],
            actor=None,
            description="A bulk action",
            owner="PMO",
            due_on=today + 3 * DAY,
            links={"change_requests": [cr], "milestones": [milestone]},
        )


@pytest.mark.parametrize("role", ["Participant", "PMO"])
def test_the_action_list_query_count_is_constant_in_page_size(api_for, many_actions, role):
    api = api_for(role)
    api.get(ACTIONS, {"page_size": 1})  # the user's permissions are cached after the first request

    with CaptureQueriesContext(connection) as small:
        small_page = api.get(ACTIONS, {"page_size": 5, "meeting": "DAG27"})
    with CaptureQueriesContext(connection) as large:
        large_page = api.get(ACTIONS, {"page_size": 50, "meeting": "DAG27"})

    assert len(results(small_page)) == 5
    assert len(results(large_page)) == 50
    assert large_page.json()["results"][-1]["change_requests"] == ["CR070"]
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    assert len(large) <= 8


def test_other_list_query_counts_are_constant_in_page_size(pmo_api, programme, pmo_user):
    for i in range(60):
        services.decision_record(meeting=programme["DAG27"], actor=pmo_user, text=f"Decision {i}")
        AgendaItem.objects.create(meeting=programme["DAG27"], position=i + 1, title=f"Item {i}")
    pmo_api.get(DECISIONS, {"page_size": 1})

    for path in (DECISIONS, AGENDA, MEETINGS, VOTES, DISCUSSION):
        with CaptureQueriesContext(connection) as small:
            assert pmo_api.get(path, {"page_size": 2}).status_code == 200
        with CaptureQueriesContext(connection) as large:
            assert pmo_api.get(path, {"page_size": 50}).status_code == 200
        assert len(large) == len(small), (path, [q["sql"] for q in large.captured_queries])
        assert len(large) <= 8, path
