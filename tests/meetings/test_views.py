"""The meetings pages: /meetings/ (by group, upcoming and past), /meetings/<ref>/ with its tabs and live
mode (htmx fragments), the headline report page, the /actions/ and /decisions/ registers, the action page
(update, close, reopen, edit), the agenda formset, and who may do what."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from changes.choices import ChangeStage, ChangeStatus
from changes.models import ChangeRequest
from core.choices import Classification
from core.roles import CHAIR, PARTICIPANT, PMO
from meetings import services
from meetings.choices import ActionStatus, HeadlineStatus, MeetingStatus
from meetings.models import Action, ActionUpdate, AgendaItem, Decision, DiscussionItem, Meeting, Vote
from programme.choices import GroupLevel
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory
from tests.meetings.factories import ActionFactory, MeetingFactory, at, close, dag
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory
from tests.raid.factories import RaidItemFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HELD = datetime.date(2024, 11, 13)
HTMX = {"HX-Request": "true"}

SEATS = [
    ("LARGE_SUPPLIER", "Large Supplier"),
    ("MEDIUM_SUPPLIER", "Medium Supplier"),
    ("SMALL_SUPPLIER", "Small Supplier"),
    ("IC_SUPPLIER", "I&C Supplier"),
    ("DNO", "DNO"),
    ("IDNO", "iDNO"),
    ("INDEPENDENT_AGENT", "Independent Agent"),
    ("SUPPLIER_AGENT", "Supplier Agent"),
    ("SOFTWARE_PROVIDER", "Software Provider"),
    ("REC_CODE_MANAGER", "REC Code Manager"),
    ("NG_ESO", "National Grid ESO"),
    ("CONSUMER", "Consumer"),
    ("ELEXON", "Elexon (Helix)"),
]


def signed_in(role):
    """A fresh page client for `role` (several roles can be used in one test)."""
    page = Client()
    page.force_login(UserFactory(username=f"{role.lower()}-page", role=role))
    return page


@pytest.fixture
def pmo_page():
    return signed_in(PMO)


@pytest.fixture
def chair_page():
    return signed_in(CHAIR)


@pytest.fixture
def participant_page():
    return signed_in(PARTICIPANT)


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def refs_in_table(response):
    return [row.record.ref for row in response.context["table"].page.object_list]


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def seats():
    return {code: ConstituencyFactory(code=code, name=name, position=i) for i, (code, name) in enumerate(SEATS)}


@pytest.fixture
def programme(seats, today):
    """DAG25-DAG28 (DAG26 held 13 November 2024, 10:00-12:00), a Restricted DAG24.1 before them, CCAG36, with
    DAG26's agenda, actions, decisions, votes and discussion, recorded as the meeting ended (papers about DAG26,
    which state their moment, find them in the history)."""
    with time_machine.travel(at(HELD, 12), tick=False):
        return _programme(today)


def _programme(today):
    group = dag()
    ccag = GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group", level=GroupLevel.ADVISORY)
    meetings = {
        "DAG25": MeetingFactory(
            group=group, number="25", starts_at=at(datetime.date(2024, 10, 9)), status=MeetingStatus.HELD
        ),
        "DAG26": MeetingFactory(
            group=group,
            number="26",
            starts_at=at(HELD),
            ends_at=at(HELD, 12),
            venue="Microsoft Teams",
            document_ref="MHHS-DEL3002",
            document_version="1.3",
            status=MeetingStatus.HELD,
        ),
        "DAG24.1": MeetingFactory(
            group=group,
            number="24.1",
            title="Extraordinary DAG on sensitive matters",
            starts_at=at(datetime.date(2024, 9, 25)),
            classification=Classification.RESTRICTED,
        ),
        "DAG27": MeetingFactory(group=group, number="27", starts_at=at(datetime.date(2024, 12, 11))),
        "DAG28": MeetingFactory(group=group, number="28", starts_at=at(today + 30 * DAY)),
        "CCAG36": MeetingFactory(group=ccag, number="36", starts_at=at(datetime.date(2024, 11, 27))),
    }
    dag26 = meetings["DAG26"]
    for position, title, minutes in [(1, "Welcome", 5), (2, "Minutes and actions", 15), (3, "Design update", 30)]:
        AgendaItem.objects.create(meeting=dag26, position=position, title=title, duration_minutes=minutes, lead="Chair")
    overdue = ActionFactory(
        meeting=dag26, area="Design", description="Publish the interface catalogue", due_on=today - 10 * DAY
    )
    services.action_update(action=overdue, actor=None, text="Drafting under way", status=ActionStatus.ONGOING)
    ActionFactory(meeting=dag26, area="Data", description="Confirm the data cleanse plan", due_on=today + 30 * DAY)
    ActionFactory(
        meeting=dag26,
        area="Design",
        description="Share the MDS timetable",
        owner="Design Authority",
        due_on=None,
        due_text="ASAP",
    )
    close(ActionFactory(meeting=meetings["DAG25"], description="Old closed action"), dag26)
    ActionFactory(
        meeting=meetings["DAG24.1"],
        description="Commercially sensitive follow-up",
        due_on=today + 20 * DAY,
        classification=Classification.RESTRICTED,
    )
    ActionFactory(meeting=meetings["CCAG36"], description="Update the code drafting plan", due_on=today + 20 * DAY)

    cr054 = ChangeRequestFactory(ref="CR054", stage=ChangeStage.AWAITING_DECISION)
    services.decision_record(
        meeting=dag26, actor=None, area="Design", text="Approve the design baseline", ref="DAG-DEC54"
    )
    services.decision_record(
        meeting=dag26,
        actor=None,
        area="Change",
        text="DAG approved CR054",
        change_request=cr054,
        change_request_step="approve",
    )
    services.decision_record(meeting=meetings["DAG24.1"], actor=None, text="Sensitive decision")
    services.votes_record(
        meeting=dag26,
        actor=None,
        subject="CR018",
        votes=[(code, "reject") for code, _ in SEATS[:6]]
        + [(code, "approve") for code, _ in SEATS[6:10]]
        + [(code, "abstain") for code, _ in SEATS[10:12]]
        + [(SEATS[12][0], "absent")],
    )
    DiscussionItem.objects.create(
        meeting=dag26, position=1, area="Design baseline", text="The group discussed the design baseline."
    )
    return meetings


# --- the list -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"group": "CCAG"}, ["CCAG36"]),
        ({"group": "DAG", "when": "upcoming"}, ["DAG28"]),
        ({"group": "DAG", "when": "past"}, ["DAG27", "DAG26", "DAG25"]),
        ({"status": "held"}, ["DAG26", "DAG25"]),
        ({"q": "MHHS-DEL3002"}, ["DAG26"]),
    ],
)
def test_the_meeting_list_is_filtered_by_group_and_time(participant_page, programme, params, expected):
    response = participant_page.get("/meetings/", params)

    assert response.status_code == 200
    assert refs_in_table(response) == expected


def test_the_meeting_list_links_each_meeting(participant_page, programme):
    html = html_of(participant_page.get("/meetings/"))

    for ref in ("DAG25", "DAG26", "DAG27", "DAG28", "CCAG36"):
        assert f'href="/meetings/{ref}/"' in html
    assert 'name="group"' in html
    assert 'name="when"' in html
    assert "DAG24.1" not in html


def test_the_pmo_may_schedule_a_meeting_from_the_page(pmo_page, programme):
    response = pmo_page.post(
        "/meetings/new/",
        {
            "group": programme["DAG26"].group.pk,
            "number": "29",
            "starts_at": "2025-02-12T10:00",
            "document_version": "1.0",
            "status": "planned",
            "classification": "public",
        },
    )

    assert response.status_code == 302, response.content
    assert response["Location"] == "/meetings/DAG29/"
    assert Meeting.objects.get(ref="DAG29").title == "Design Advisory Group #29"


def test_a_duplicate_meeting_is_refused_on_the_page(pmo_page, programme):
    response = pmo_page.post(
        "/meetings/new/",
        {
            "group": programme["DAG26"].group.pk,
            "number": "26",
            "starts_at": "2025-02-12T10:00",
            "document_version": "1.0",
            "status": "planned",
            "classification": "public",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Meeting.objects.filter(ref="DAG26").count() == 1


# --- the meeting page -----------------------------------------------------------------------------------


def test_the_meeting_page_shows_every_tab(participant_page, programme):
    services.headline_issue(meeting=programme["DAG26"], actor=None, issued_on=datetime.date(2024, 11, 15))

    response = participant_page.get("/meetings/DAG26/")

    html = html_of(response)
    assert "Design Advisory Group #26" in html
    assert "Microsoft Teams" in html
    assert "MHHS-DEL3002 v1.3" in html
    agenda = html.split('data-testid="agenda"', 1)[1].split("</table>", 1)[0]
    for text in ("Welcome", "10:00-10:05", "Minutes and actions", "10:05-10:20", "Design update", "10:20-10:50"):
        assert text in agenda
    actions = html.split('data-testid="actions-log"', 1)[1].split("</table>", 1)[0]
    for text in ("DAG26-01", "Drafting under way", "DAG26-02", "DAG26-03", "ASAP", "DAG25-01", "Overdue"):
        assert text in actions
    decisions = html.split('data-testid="decisions-log"', 1)[1].split("</table>", 1)[0]
    for text in ("DAG-DEC54", "Approve the design baseline", "DAG-DEC55", 'href="/changes/CR054/"'):
        assert text in decisions
    tally = html.split('data-testid="tally"', 1)[1].split("</table>", 1)[0]
    assert "CR018" in tally
    assert "Six voted to reject, four to approve, two abstained, one not in attendance" in tally
    assert "The group discussed the design baseline." in html
    headline = html.split('id="headline-tab"', 1)[1]
    assert "Issued" in headline
    assert "15 November 2024" in headline
    assert [action.ref for action in response.context["action_review"]] == [
        "DAG26-01",
        "DAG26-02",
        "DAG26-03",
        "DAG25-01",
    ], "the latest meeting's first, as the papers list them"


def test_the_meeting_page_hides_restricted_records_and_meetings_from_a_participant(participant_page, programme):
    MeetingFactory(
        group=programme["DAG27"].group,
        number="27.1",
        title="Extraordinary DAG on a confidential matter",
        starts_at=at(datetime.date(2024, 12, 18)),
        classification=Classification.RESTRICTED,
    )

    leaks = []
    for path in ("/meetings/DAG25/", "/meetings/DAG27/", "/meetings/DAG27/headline-report/"):
        html = html_of(participant_page.get(path))
        for hidden in ("DAG24.1", "DAG27.1", "Extraordinary DAG", "Commercially sensitive", "Sensitive decision"):
            if hidden in html:
                leaks.append((path, hidden))

    assert leaks == []


def build_meeting(group, number, *, actions, decisions, votes, pmo_user):
    meeting = MeetingFactory(group=group, number=number, starts_at=at(datetime.date(2024, 6, 5)))
    previous = MeetingFactory(group=group, number=str(int(number) - 1), starts_at=at(datetime.date(2024, 5, 1)))
    MeetingFactory(group=group, number=str(int(number) + 1), starts_at=at(datetime.date(2024, 7, 3)))
    organisation = OrganisationFactory()
    change_request = ChangeRequestFactory()
    raid_item = RaidItemFactory()
    milestone = MilestoneFactory()
    for i in range(4):
        AgendaItem.objects.create(meeting=meeting, position=i + 1, title=f"Item {i}", duration_minutes=10)
    for i in range(actions):
        action = services.action_raise(
            meeting=meeting if i % 2 else previous,
            actor=pmo_user,
            area=f"Area {i % 3}",
            description=f"Action {i}",
            owner="PMO",
            owner_organisation=organisation,
            due_on=timezone.localdate() + (i - 50) * DAY,
            links={"change_requests": [change_request], "raid_items": [raid_item], "milestones": [milestone]},
        )
        if i % 5 == 0:
            close(action, meeting)
    for i in range(decisions):
        services.decision_record(
            meeting=meeting, actor=pmo_user, area=f"Area {i % 3}", text=f"Decision {i}", change_request=change_request
        )
    services.votes_record(
        meeting=meeting, actor=pmo_user, subject="CR018", votes=[(code, "approve") for code, _ in SEATS[:votes]]
    )
    DiscussionItem.objects.create(meeting=meeting, area="Design", text="Discussed")
    services.headline_issue(meeting=previous, actor=pmo_user, issued_on=datetime.date(2024, 5, 2))
    services.headline_approve(meeting=previous, at_meeting=meeting, actor=pmo_user)
    return meeting


@pytest.mark.parametrize("role", [PARTICIPANT, PMO])
def test_the_meeting_page_takes_the_same_queries_for_a_big_meeting_as_a_small_one(seats, pmo_user, role):
    small = build_meeting(dag(), "10", actions=4, decisions=2, votes=2, pmo_user=pmo_user)
    ccag = GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group", level=GroupLevel.ADVISORY)
    big = build_meeting(ccag, "10", actions=100, decisions=50, votes=13, pmo_user=pmo_user)
    page = signed_in(role)
    page.get(f"/meetings/{small.ref}/?live=1")

    with CaptureQueriesContext(connection) as few:
        small_page = page.get(f"/meetings/{small.ref}/?live=1")
    with CaptureQueriesContext(connection) as many:
        big_page = page.get(f"/meetings/{big.ref}/?live=1")

    assert small_page.status_code == big_page.status_code == 200
    assert len(big_page.context["action_review"]) == 100
    assert len(big_page.context["decisions"]) == 51
    assert big_page.context["tallies"][0].approve == 13
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]


# --- live mode ------------------------------------------------------------------------------------------


def test_live_mode_offers_the_quick_forms_to_the_pmo(pmo_page, participant_page, programme):
    live = html_of(pmo_page.get("/meetings/DAG27/?live=1"))
    as_participant = html_of(participant_page.get("/meetings/DAG27/?live=1"))

    for url in ("actions/new/", "decisions/new/", "votes/new/", "discussion/new/"):
        assert f'hx-post="/meetings/DAG27/{url}"' in live
        assert f'hx-post="/meetings/DAG27/{url}"' not in as_participant


def test_live_mode_raises_an_action_and_returns_the_actions_tab(pmo_page, programme):
    response = pmo_page.post(
        "/meetings/DAG27/actions/new/",
        {
            "action-area": "Data",
            "action-description": "Circulate the migration plan",
            "action-owner": "Data Working Group",
            "action-due_text": "ASAP",
        },
        headers=HTMX,
    )

    html = html_of(response)
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="actions-tab">')
    assert "DAG27-01" in html
    assert "Circulate the migration plan" in html
    assert "DAG27-01 raised." in html
    action = Action.objects.get(ref="DAG27-01")
    assert (action.owner, action.due_text, action.raised_on) == (
        "Data Working Group",
        "ASAP",
        datetime.date(2024, 12, 11),
    )


def test_a_plain_post_in_live_mode_goes_back_to_the_tab(pmo_page, programme):
    response = pmo_page.post(
        "/meetings/DAG27/actions/new/", {"action-description": "Circulate the plan", "action-owner": "PMO"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/meetings/DAG27/?tab=actions&live=1"
    assert Action.objects.filter(ref="DAG27-01").exists()


def test_live_mode_records_a_decision_and_returns_the_decisions_tab(pmo_page, programme):
    ChangeRequestFactory(ref="CR056", stage=ChangeStage.AWAITING_DECISION)

    response = pmo_page.post(
        "/meetings/DAG27/decisions/new/",
        {
            "decision-area": "Change",
            "decision-text": "DAG approved CR056",
            "decision-change_request": "CR056",
            "decision-change_request_step": "approve",
        },
        headers=HTMX,
    )

    html = html_of(response)
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="decisions-tab">')
    assert "DAG-DEC57 recorded." in html  # after DAG-DEC56, a Restricted decision at DAG24.1
    assert "DAG approved CR056" in html
    assert ChangeRequest.objects.get(ref="CR056").status == ChangeStatus.APPROVED


def test_live_mode_records_votes_and_returns_the_tally(pmo_page, programme):
    response = pmo_page.post(
        "/meetings/DAG27/votes/new/",
        {"votes-subject": "CR019", "votes-vote_DNO": "approve", "votes-vote_IDNO": "reject", "votes-vote_CONSUMER": ""},
        headers=HTMX,
    )

    html = html_of(response)
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="votes-tab">')
    assert "CR019" in html
    assert "One voted to reject, one to approve" in html
    assert dict(Vote.objects.filter(meeting__ref="DAG27").values_list("constituency__code", "vote")) == {
        "DNO": "approve",
        "IDNO": "reject",
    }


def test_live_mode_adds_a_discussion_item(pmo_page, programme):
    response = pmo_page.post(
        "/meetings/DAG27/discussion/new/",
        {"discussion-area": "Data", "discussion-text": "The group discussed data cleanse."},
        headers=HTMX,
    )

    html = html_of(response)
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="discussion-tab">')
    assert "The group discussed data cleanse." in html
    assert DiscussionItem.objects.get(meeting__ref="DAG27").position == 1


@pytest.fixture
def page_errors(pmo_page):
    """The PMO page client answering an unhandled error with a 500 page rather than raising it."""
    pmo_page.raise_request_exception = False
    return pmo_page


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"action-owner": "PMO"}, "Action not raised"),
        ({"action-description": "Too early", "action-owner": "PMO", "action-due_on": "2024-12-01"}, "due before"),
    ],
    ids=["no description", "due before raised"],
)
def test_a_refused_action_shows_a_message_and_saves_nothing(page_errors, programme, data, words):
    before = Action.objects.count()

    response = page_errors.post("/meetings/DAG27/actions/new/", data, headers=HTMX)

    html = html_of(response)
    assert 'role="alert"' in html
    assert words in html
    assert Action.objects.count() == before
    assert not Action.objects.filter(meeting__ref="DAG27").exists()


def test_a_refused_decision_shows_a_message_and_saves_nothing(page_errors, programme):
    ChangeRequestFactory(ref="CR057", stage=ChangeStage.RAISED)

    response = page_errors.post(
        "/meetings/DAG27/decisions/new/",
        {
            "decision-text": "DAG approved CR057",
            "decision-change_request": "CR057",
            "decision-change_request_step": "approve",
        },
        headers=HTMX,
    )

    html = html_of(response)
    assert 'role="alert"' in html
    assert not Decision.objects.filter(meeting__ref="DAG27").exists()
    assert ChangeRequest.objects.get(ref="CR057").stage == ChangeStage.RAISED


def test_a_decision_step_without_a_cr_is_refused(page_errors, programme):
    response = page_errors.post(
        "/meetings/DAG27/decisions/new/",
        {"decision-text": "Approve something", "decision-change_request_step": "approve"},
        headers=HTMX,
    )

    html = html_of(response)
    assert "Choose the change request" in html
    assert not Decision.objects.filter(meeting__ref="DAG27").exists()


def test_votes_with_no_seat_chosen_are_refused(page_errors, programme):
    response = page_errors.post("/meetings/DAG27/votes/new/", {"votes-subject": "CR019"}, headers=HTMX)

    html = html_of(response)
    assert "Record at least one constituency" in html
    assert not Vote.objects.filter(meeting__ref="DAG27").exists()


def test_an_empty_discussion_item_is_refused(page_errors, programme):
    response = page_errors.post("/meetings/DAG27/discussion/new/", {"discussion-area": "Data"}, headers=HTMX)

    html = html_of(response)
    assert "Discussion item not added" in html
    assert not DiscussionItem.objects.filter(meeting__ref="DAG27").exists()


# --- the headline report --------------------------------------------------------------------------------


def test_the_headline_report_is_laid_out_like_the_papers(participant_page, programme):
    services.headline_issue(meeting=programme["DAG26"], actor=None, issued_on=datetime.date(2024, 11, 15))

    html = html_of(participant_page.get("/meetings/DAG26/headline-report/"))

    assert "Design Advisory Group (DAG) Headline Report" in html
    header = html.split('data-testid="headline-header"', 1)[1].split("</table>", 1)[0]
    for text in (
        "Meeting number",
        "DAG 26",
        "Venue",
        "Microsoft Teams",
        "Date and time",
        "13 November 2024, 10:00–12:00",
        "Classification",
        "Public",
        "Issue date",
        "15 November 2024",
    ):
        assert text in header
    sections = [section.split("</h2>", 1)[0] for section in html.split('<h2 class="h5">')[1:]]
    assert sections == ["Actions", "Decisions", "Key discussion items", "Votes", "Next meeting"]
    actions = html.split('<h2 class="h5">Actions</h2>', 1)[1].split("<h2 ", 1)[0]
    for text in ("DAG26-01", "DAG26-02", "DAG26-03", "Publish the interface catalogue"):
        assert text in actions
    assert "DAG25-01" not in actions
    decisions = html.split('<h2 class="h5">Decisions</h2>', 1)[1].split("<h2 ", 1)[0]
    assert "DAG-DEC54" in decisions and "DAG-DEC55" in decisions
    assert "The group discussed the design baseline." in html
    assert "Six voted to reject, four to approve, two abstained, one not in attendance" in html
    next_meeting = html.split('<h2 class="h5">Next meeting</h2>', 1)[1]
    assert "Wednesday 11 December 2024, 10:00" in next_meeting


def test_the_headline_report_lists_actions_and_decisions_in_one_table_each_in_agenda_then_ref_order(
    participant_page, programme
):
    with time_machine.travel(at(HELD, 12), tick=False):
        services.decision_record(meeting=programme["DAG26"], actor=None, area="Design", text="Approve the MDS")

    html = html_of(participant_page.get("/meetings/DAG26/headline-report/"))

    actions = html.split('<h2 class="h5">Actions</h2>', 1)[1].split("<h2 ", 1)[0]
    assert actions.count("<table") == 1 and "<h3" not in actions, "one table, the area a column"
    # "Design" is the agenda's item 3 ("Design update"); "Data" is not on the agenda, so it comes after.
    assert _refs_in_order(actions, ("DAG26-01", "DAG26-02", "DAG26-03")) == ["DAG26-01", "DAG26-03", "DAG26-02"]
    decisions = html.split('<h2 class="h5">Decisions</h2>', 1)[1].split("<h2 ", 1)[0]
    assert decisions.count("<table") == 1
    # DEC56 went to the Restricted DAG24.1.
    assert _refs_in_order(decisions, ("DAG-DEC54", "DAG-DEC55", "DAG-DEC57")) == ["DAG-DEC54", "DAG-DEC57", "DAG-DEC55"]
    assert 'class="text-nowrap ref"' in decisions, "refs never wrap"


def _refs_in_order(html: str, refs) -> list[str]:
    return sorted(refs, key=lambda ref: html.index(f">{ref}<"))


def test_a_draft_headline_report_says_it_is_not_issued(participant_page, programme):
    html = html_of(participant_page.get("/meetings/DAG27/headline-report/"))

    assert "Not yet issued (draft)" in html
    assert "No new actions." in html
    assert "No decisions." in html


# --- the headline report workflow from the page ---------------------------------------------------------


def test_the_chair_issues_and_approves_the_headline_report_from_the_page(chair_page, programme):
    page = html_of(chair_page.get("/meetings/DAG26/?tab=headline"))
    assert 'action="/meetings/DAG26/headline/issue/"' in page

    issued = chair_page.post("/meetings/DAG26/headline/issue/", {"issue-issued_on": "2024-11-15"}, headers=HTMX)

    assert "Headline report of DAG26 issued." in html_of(issued)
    assert Meeting.objects.get(ref="DAG26").headline_status == HeadlineStatus.ISSUED

    approved = chair_page.post(
        "/meetings/DAG27/headline/approve/",
        {"approve-meeting": "DAG26", "approve-with_amendments": "on"},
        headers=HTMX,
    )

    html = html_of(approved)
    assert "<html" not in html
    text = "Minutes and Headline Report of the DAG meeting held 13 November 2024 approved with amendments"
    assert text in html
    assert Decision.objects.get(meeting__ref="DAG27").text == text
    assert Meeting.objects.get(ref="DAG26").headline_approved_at.ref == "DAG27"


def test_approving_a_never_issued_report_from_the_page_is_refused(chair_page, programme):
    response = chair_page.post("/meetings/DAG27/headline/approve/", {"approve-meeting": "DAG26"}, headers=HTMX)

    html = html_of(response)
    assert 'role="alert"' in html
    assert not Decision.objects.filter(meeting__ref="DAG27").exists()
    assert Meeting.objects.get(ref="DAG26").headline_status == HeadlineStatus.DRAFT


def test_issuing_before_the_meeting_from_the_page_is_refused(chair_page, programme):
    response = chair_page.post("/meetings/DAG26/headline/issue/", {"issue-issued_on": "2024-11-01"}, headers=HTMX)

    assert "issued after its meeting" in html_of(response)
    assert Meeting.objects.get(ref="DAG26").headline_status == HeadlineStatus.DRAFT


def test_the_chair_records_decisions_and_votes_but_not_actions(chair_page, programme):
    decision = chair_page.post("/meetings/DAG27/decisions/new/", {"decision-text": "Noted"}, headers=HTMX)
    votes = chair_page.post(
        "/meetings/DAG27/votes/new/", {"votes-subject": "CR019", "votes-vote_DNO": "approve"}, headers=HTMX
    )
    action = chair_page.post(
        "/meetings/DAG27/actions/new/", {"action-description": "x", "action-owner": "y"}, headers=HTMX
    )

    assert (decision.status_code, votes.status_code, action.status_code) == (200, 200, 403)
    assert Decision.objects.filter(meeting__ref="DAG27").count() == 1
    assert Vote.objects.filter(meeting__ref="DAG27").count() == 1
    assert not Action.objects.filter(meeting__ref="DAG27").exists()


# --- registers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"group": "DAG", "status": "ongoing"}, ["DAG26-01"]),
        ({"group": "CCAG"}, ["CCAG36-01"]),
        ({"status": "closed"}, ["DAG25-01"]),
        ({"owner": "design authority"}, ["DAG26-03"]),
        ({"overdue": "true"}, ["DAG26-01"]),
        ({"due_after": 1 * DAY, "due_before": 25 * DAY}, ["CCAG36-01"]),
        ({"q": "cleanse"}, ["DAG26-02"]),
    ],
)
def test_the_actions_register_is_filtered(participant_page, programme, params, expected, dates_from_today):
    response = participant_page.get("/actions/", dates_from_today(params))

    assert response.status_code == 200
    assert sorted(refs_in_table(response)) == sorted(expected)


def test_the_actions_register_has_the_filter_form_and_hides_restricted_actions(participant_page, programme):
    html = html_of(participant_page.get("/actions/"))

    for name in ("q", "group", "status", "owner", "overdue", "due_after", "due_before"):
        assert f'name="{name}"' in html
    assert "DAG24.1-01" not in html
    assert "Commercially sensitive follow-up" not in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"group": "DAG"}, ["DAG-DEC54", "DAG-DEC55"]),
        ({"change_request": "CR054"}, ["DAG-DEC55"]),
        ({"q": "baseline"}, ["DAG-DEC54"]),
        ({"group": "CCAG"}, []),
    ],
)
def test_the_decisions_register_is_filtered(participant_page, programme, params, expected):
    response = participant_page.get("/decisions/", params)

    assert response.status_code == 200
    assert sorted(refs_in_table(response)) == expected


def test_the_decisions_register_hides_restricted_decisions(participant_page, chair_page, programme):
    assert "DAG-DEC56" not in refs_in_table(participant_page.get("/decisions/"))
    assert "DAG-DEC56" in refs_in_table(chair_page.get("/decisions/"))
    assert participant_page.get("/decisions/DAG-DEC56/").status_code == 404
    assert "DAG approved CR054" in html_of(participant_page.get("/decisions/DAG-DEC55/"))


# --- the action page ------------------------------------------------------------------------------------


def test_the_action_page_shows_the_log_and_the_forms(pmo_page, programme):
    html = html_of(pmo_page.get("/actions/DAG26-01/"))

    assert "Publish the interface catalogue" in html
    log = html.split('data-testid="action-log"', 1)[1].split("</ol>", 1)[0]
    assert "Drafting under way" in log
    assert 'action="/actions/DAG26-01/update/"' in html
    assert 'action="/actions/DAG26-01/close/"' in html
    assert 'href="/actions/DAG26-01/edit/"' in html


def test_an_update_is_added_from_the_action_page(pmo_page, programme):
    response = pmo_page.post("/actions/DAG26-02/update/", {"text": "Plan shared", "status": "recommend_closed"})

    assert response.status_code == 302
    assert response["Location"] == "/actions/DAG26-02/"
    action = Action.objects.get(ref="DAG26-02")
    assert (action.status, action.latest_update) == (ActionStatus.RECOMMEND_CLOSED, "Plan shared")
    assert "Plan shared" in html_of(pmo_page.get("/actions/DAG26-02/"))


def test_an_empty_update_is_refused_on_the_action_page(pmo_page, programme):
    response = pmo_page.post("/actions/DAG26-02/update/", {"text": ""}, follow=True)

    assert "Say what the update is." in messages_of(response)
    assert not ActionUpdate.objects.filter(action__ref="DAG26-02").exists()


def test_an_action_is_closed_at_a_meeting_and_reopened_from_its_page(pmo_page, programme):
    closed = pmo_page.post("/actions/DAG26-02/close/", {"at_meeting": "DAG27", "text": "Done"})

    assert closed.status_code == 302
    action = Action.objects.get(ref="DAG26-02")
    assert (action.status, action.closed_at.ref, action.closed_on) == (
        ActionStatus.CLOSED,
        "DAG27",
        datetime.date(2024, 12, 11),
    )
    page = html_of(pmo_page.get("/actions/DAG26-02/"))
    assert 'action="/actions/DAG26-02/reopen/"' in page
    assert 'href="/actions/DAG26-02/edit/"' not in page

    reopened = pmo_page.post("/actions/DAG26-02/reopen/", {"text": "More to do"})

    assert reopened.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.closed_at, action.latest_update) == (ActionStatus.OPEN, None, "More to do")


def test_an_action_is_not_closed_at_an_earlier_meeting_from_its_page(pmo_page, programme):
    response = pmo_page.post("/actions/DAG26-02/close/", {"at_meeting": "DAG25"}, follow=True)

    assert "Choose the meeting it was closed at." in messages_of(response)
    assert Action.objects.get(ref="DAG26-02").status == ActionStatus.OPEN


def test_an_unknown_action_step_answers_404(pmo_page, programme):
    assert pmo_page.post("/actions/DAG26-02/explode/").status_code == 404


def edit_data(action, **changes):
    data = {
        "area": action.area,
        "description": action.description,
        "owner": action.owner,
        "raised_on": action.raised_on.isoformat(),
        "due_on": action.due_on.isoformat() if action.due_on else "",
        "due_text": action.due_text,
        "classification": action.classification,
        "version": action.version,
    }
    data.update(changes)
    return data


def test_an_open_action_is_edited(pmo_page, programme):
    action = Action.objects.get(ref="DAG26-02")

    response = pmo_page.post("/actions/DAG26-02/edit/", edit_data(action, owner="Data Working Group"))

    assert response.status_code == 302
    assert Action.objects.get(ref="DAG26-02").owner == "Data Working Group"


def test_the_edit_form_refuses_a_closed_action(pmo_page, programme):
    action = Action.objects.get(ref="DAG25-01")

    response = pmo_page.post("/actions/DAG25-01/edit/", edit_data(action, owner="Someone else"))

    assert response.status_code == 200
    assert "reopen it before editing" in str(response.context["form"].errors)
    assert Action.objects.get(ref="DAG25-01").owner == "Programme PMO"


def test_the_edit_form_refuses_a_due_date_before_raised(pmo_page, programme, today):
    action = Action.objects.get(ref="DAG26-02")

    response = pmo_page.post("/actions/DAG26-02/edit/", edit_data(action, due_on="2024-11-01"))

    assert response.status_code == 200
    assert "due before it was raised" in str(response.context["form"].errors)
    assert Action.objects.get(ref="DAG26-02").due_on == today + 30 * DAY


def test_the_edit_form_refuses_a_blank_raised_date_with_a_message(page_errors, programme):
    action = Action.objects.get(ref="DAG26-02")

    response = page_errors.post("/actions/DAG26-02/edit/", edit_data(action, raised_on=""))

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Action.objects.get(ref="DAG26-02").raised_on == HELD


def test_a_stale_action_edit_answers_409(pmo_page, programme):
    action = Action.objects.get(ref="DAG26-02")
    stale = edit_data(action, owner="Second")
    services.action_edit(action=action, actor=None, owner="First")

    response = pmo_page.post("/actions/DAG26-02/edit/", stale)

    assert response.status_code == 409
    assert Action.objects.get(ref="DAG26-02").owner == "First"


# --- the agenda formset ---------------------------------------------------------------------------------


def agenda_post(rows, initial=0):
    data = {
        "agenda_items-TOTAL_FORMS": str(len(rows)),
        "agenda_items-INITIAL_FORMS": str(initial),
        "agenda_items-MIN_NUM_FORMS": "0",
        "agenda_items-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"agenda_items-{i}-{name}"] = value
    return data


def test_the_agenda_is_edited_as_a_formset(pmo_page, programme):
    assert 'name="agenda_items-TOTAL_FORMS"' in html_of(pmo_page.get("/meetings/DAG27/agenda/"))
    rows = [
        {"position": "1", "title": "Welcome", "item_type": "information", "lead": "Chair", "duration_minutes": "5"},
        {"position": "2", "title": "CR019 decision", "item_type": "decision", "lead": "PMO", "duration_minutes": "25"},
        {"position": "3", "title": "AOB", "item_type": "discussion", "lead": "Chair", "duration_minutes": "10"},
    ]

    response = pmo_page.post("/meetings/DAG27/agenda/", agenda_post(rows))

    assert response.status_code == 302
    assert response["Location"] == "/meetings/DAG27/?tab=agenda"
    html = html_of(pmo_page.get("/meetings/DAG27/"))
    agenda = html.split('data-testid="agenda"', 1)[1].split("</table>", 1)[0]
    for text in ("10:00-10:05", "CR019 decision", "10:05-10:30", "AOB", "10:30-10:40"):
        assert text in agenda


def test_the_agenda_formset_edits_and_removes_items(pmo_page, programme):
    items = list(AgendaItem.objects.filter(meeting__ref="DAG26").order_by("position"))
    rows = [
        {"id": str(item.pk), "position": str(item.position), "title": item.title, "item_type": item.item_type,
         "lead": item.lead, "duration_minutes": str(item.duration_minutes)}
        for item in items
    ]  # fmt: skip
    rows[0]["DELETE"] = "on"
    rows[1]["duration_minutes"] = "45"

    response = pmo_page.post("/meetings/DAG26/agenda/", agenda_post(rows, initial=3))

    assert response.status_code == 302
    assert list(AgendaItem.objects.filter(meeting__ref="DAG26").values_list("title", "duration_minutes")) == [
        ("Minutes and actions", 45),
        ("Design update", 30),
    ]


def test_an_agenda_with_two_items_in_one_position_is_refused(page_errors, programme):
    rows = [
        {"position": "1", "title": "Welcome", "item_type": "information", "duration_minutes": "5"},
        {"position": "1", "title": "Clash", "item_type": "information", "duration_minutes": "5"},
    ]

    response = page_errors.post("/meetings/DAG27/agenda/", agenda_post(rows))

    assert response.status_code == 200
    assert not AgendaItem.objects.filter(meeting__ref="DAG27").exists()


# --- permissions ----------------------------------------------------------------------------------------

PAGE_WRITES = [
    ("/meetings/DAG27/actions/new/", {"action-description": "x", "action-owner": "y"}),
    ("/meetings/DAG27/decisions/new/", {"decision-text": "x"}),
    ("/meetings/DAG27/votes/new/", {"votes-subject": "CR019", "votes-vote_DNO": "approve"}),
    ("/meetings/DAG27/discussion/new/", {"discussion-area": "x", "discussion-text": "y"}),
    ("/meetings/DAG26/headline/issue/", {"issue-issued_on": "2024-11-15"}),
    ("/meetings/DAG27/headline/approve/", {"approve-meeting": "DAG26"}),
    ("/meetings/DAG27/agenda/", agenda_post([{"position": "1", "title": "x", "duration_minutes": "5"}])),
    ("/meetings/DAG27/edit/", {"title": "Renamed"}),
    ("/meetings/new/", {"number": "40"}),
    ("/actions/DAG26-02/update/", {"text": "x"}),
    ("/actions/DAG26-02/close/", {"at_meeting": "DAG27"}),
    ("/actions/DAG25-01/reopen/", {"text": "x"}),
    ("/actions/DAG26-02/edit/", {"owner": "x"}),
]


def page_fingerprint():
    return (
        list(Meeting.objects.order_by("pk").values_list("ref", "title", "headline_status", "version")),
        list(Action.objects.order_by("pk").values_list("ref", "owner", "status", "latest_update", "version")),
        Decision.objects.count(),
        Vote.objects.count(),
        DiscussionItem.objects.count(),
        AgendaItem.objects.count(),
        ActionUpdate.objects.count(),
    )


def test_a_participant_may_not_write_from_any_page(participant_page, programme):
    before = page_fingerprint()

    statuses = {path: participant_page.post(path, data).status_code for path, data in PAGE_WRITES}

    assert statuses == {path: 403 for path, _ in PAGE_WRITES}
    assert page_fingerprint() == before


def test_a_participant_may_not_open_the_edit_forms(participant_page, programme):
    paths = ["/meetings/DAG27/agenda/", "/meetings/DAG27/edit/", "/meetings/new/", "/actions/DAG26-02/edit/"]

    assert {path: participant_page.get(path).status_code for path in paths} == dict.fromkeys(paths, 403)


RESTRICTED_PAGES = [
    "/meetings/DAG24.1/",
    "/meetings/DAG24.1/headline-report/",
    "/actions/DAG24.1-01/",
    "/decisions/DAG-DEC56/",
]


def test_a_participant_gets_404_for_restricted_records(participant_page, chair_page, programme):
    assert {path: participant_page.get(path).status_code for path in RESTRICTED_PAGES} == dict.fromkeys(
        RESTRICTED_PAGES, 404
    )
    assert {path: chair_page.get(path).status_code for path in RESTRICTED_PAGES} == dict.fromkeys(RESTRICTED_PAGES, 200)


def test_a_participant_sees_no_write_forms_on_the_meeting_or_action_page(participant_page, programme):
    meeting = html_of(participant_page.get("/meetings/DAG26/?live=1"))
    action = html_of(participant_page.get("/actions/DAG26-01/"))

    assert "<form" not in meeting.split('<ul class="nav nav-tabs"', 1)[1]
    assert 'action="/actions/DAG26-01/update/"' not in action
    assert 'href="/actions/DAG26-01/edit/"' not in action


def test_anonymous_visitors_are_sent_to_login(client, programme):
    for path in ("/meetings/", "/meetings/DAG26/", "/meetings/DAG26/headline-report/", "/actions/", "/decisions/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_the_actions_tab_exports_the_groups_log_as_it_stood_at_the_meetings_papers(pmo_page, programme):
    later = Action.objects.unrestricted().get(ref="DAG26-01")
    services.action_update(action=later, actor=None, text="Written long after DAG27")

    page = html_of(pmo_page.get("/meetings/DAG27/?tab=actions"))
    assert "/actions/export.csv?group=DAG&amp;as_of=DAG27" in page
    export = pmo_page.get("/actions/export.csv", {"group": "DAG", "as_of": "DAG27"})

    assert export.status_code == 200
    text = export.content.decode("utf-8-sig")
    assert "Drafting under way" in text, "the update DAG27's papers would print"
    assert "Written long after DAG27" not in text
    assert "CCAG36-01" not in text, "the group's actions only"
