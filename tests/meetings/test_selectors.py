"""meetings.selectors and Action.rag: the agenda's time slots, the action review a pack lists, the action RAG
(DESIGN §4), the tally, and a meeting's neighbours in its group's series."""

import datetime

import pytest

from core.choices import Classification
from meetings import selectors, services
from meetings.choices import ActionRag, ActionStatus, MeetingStatus
from meetings.models import Action, AgendaItem
from programme.choices import GroupLevel
from tests.meetings.factories import ActionFactory, MeetingFactory, at, close, dag
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory

DAY = datetime.timedelta(days=1)
MONDAY = datetime.date(2024, 11, 11)
FRIDAY = datetime.date(2024, 11, 15)


@pytest.fixture
def group(db):
    return dag()


@pytest.fixture
def series(group):
    """DAG25, DAG26, DAG27 a month apart, and DAG28 to come."""
    return {
        number: MeetingFactory(group=group, number=number, starts_at=at(day))
        for number, day in [
            ("25", datetime.date(2024, 10, 9)),
            ("26", datetime.date(2024, 11, 13)),
            ("27", datetime.date(2024, 12, 11)),
            ("28", datetime.date(2025, 1, 15)),
        ]
    }


# --- agenda ---------------------------------------------------------------------------------------------


def test_the_agenda_runs_from_the_start_through_each_duration(series):
    meeting = series["26"]
    for position, title, minutes in [(3, "Design update", 30), (1, "Welcome", 5), (2, "Minutes and actions", 15)]:
        AgendaItem.objects.create(meeting=meeting, position=position, title=title, duration_minutes=minutes)

    slots = selectors.agenda(meeting)

    assert [(slot.item.title, slot.starts_at.strftime("%H:%M"), slot.ends_at.strftime("%H:%M")) for slot in slots] == [
        ("Welcome", "10:00", "10:05"),
        ("Minutes and actions", "10:05", "10:20"),
        ("Design update", "10:20", "10:50"),
    ]
    assert slots[0].starts_at == meeting.starts_at


def test_an_agenda_in_summer_time_keeps_local_times(group):
    meeting = MeetingFactory(group=group, number="20", starts_at=at(datetime.date(2024, 9, 4), 10, 0))
    AgendaItem.objects.create(meeting=meeting, position=1, title="Welcome", duration_minutes=10)

    [slot] = selectors.agenda(meeting)

    assert (slot.starts_at.strftime("%H:%M"), slot.ends_at.strftime("%H:%M")) == ("10:00", "10:10")


def test_a_meeting_without_items_has_an_empty_agenda(series):
    assert selectors.agenda(series["26"]) == []


# --- action review --------------------------------------------------------------------------------------


@pytest.fixture
def log(series, pmo_user):
    ccag = GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group", level=GroupLevel.ADVISORY)
    ccag36 = MeetingFactory(group=ccag, number="36", starts_at=at(datetime.date(2024, 11, 27)))
    actions = {
        "open since 25": ActionFactory(meeting=series["25"]),
        "ongoing since 26": ActionFactory(meeting=series["26"]),
        "closed at 26": close(ActionFactory(meeting=series["25"]), series["26"]),
        "closed at 27": close(ActionFactory(meeting=series["26"]), series["27"]),
        "raised at 27": ActionFactory(meeting=series["27"]),
        "raised at 28": ActionFactory(meeting=series["28"]),
        "restricted": ActionFactory(meeting=series["26"], classification=Classification.RESTRICTED),
        "other group": ActionFactory(meeting=ccag36),
    }
    services.action_update(
        action=actions["ongoing since 26"], actor=pmo_user, text="In hand", status=ActionStatus.ONGOING
    )
    return {name: action.ref for name, action in actions.items()}


def review(meeting, user):
    return [action.ref for action in selectors.action_review(meeting, user)]


def test_the_review_lists_outstanding_actions_and_those_closed_since_the_last_meeting_latest_first(
    series, log, pmo_user
):
    # The latest meeting's first, as the programme's papers list them (PSG35-0x, then PSG34-0x, PSG33-01).
    assert review(series["27"], pmo_user) == [
        log["raised at 27"],
        log["ongoing since 26"],
        log["closed at 27"],
        log["restricted"],
        log["open since 25"],
    ]


def test_the_review_leaves_out_actions_closed_before_the_last_meeting(series, log, pmo_user):
    assert log["closed at 26"] not in review(series["27"], pmo_user)
    assert log["closed at 26"] in review(series["26"], pmo_user)


def test_the_review_leaves_out_other_groups_and_later_meetings(series, log, pmo_user):
    refs = review(series["27"], pmo_user)

    assert log["other group"] not in refs
    assert log["raised at 28"] not in refs


def test_the_review_at_a_groups_first_meeting_lists_all_its_closed_actions(group, pmo_user):
    first = MeetingFactory(group=group, number="1", starts_at=at(datetime.date(2024, 1, 10)))
    action = close(ActionFactory(meeting=first), first)

    assert review(first, pmo_user) == [action.ref]


def test_the_review_hides_restricted_actions_from_participants(series, log, participant_user):
    refs = review(series["27"], participant_user)

    assert log["restricted"] not in refs
    assert log["open since 25"] in refs


def test_the_review_carries_status_latest_update_and_rag(series, log, pmo_user):
    rows = {action.ref: action for action in selectors.action_review(series["27"], pmo_user)}

    ongoing = rows[log["ongoing since 26"]]
    assert (ongoing.status, ongoing.latest_update) == (ActionStatus.ONGOING, "In hand")
    assert ongoing.rag() == ActionRag.RED  # due December 2024, long past
    assert rows[log["closed at 27"]].rag() is None


# --- action RAG -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "due_on", "expected"),
    [
        (MONDAY, MONDAY - DAY, ActionRag.RED),
        (MONDAY, MONDAY - 30 * DAY, ActionRag.RED),
        (MONDAY, MONDAY, ActionRag.AMBER),
        (MONDAY, MONDAY + 7 * DAY, ActionRag.AMBER),  # Monday week: the fifth working day
        (MONDAY, MONDAY + 8 * DAY, ActionRag.GREEN),
        (FRIDAY, FRIDAY + 7 * DAY, ActionRag.AMBER),  # five working days over the weekend
        (FRIDAY, FRIDAY + 8 * DAY, ActionRag.GREEN),
        (FRIDAY, FRIDAY + 3 * DAY, ActionRag.AMBER),
    ],
)
def test_action_rag_by_due_date(today, due_on, expected):
    action = Action(raised_on=today - 30 * DAY, due_on=due_on, status=ActionStatus.OPEN)

    assert action.rag(today) == expected


@pytest.mark.parametrize("status", [ActionStatus.OPEN, ActionStatus.ONGOING, ActionStatus.RECOMMEND_CLOSED])
def test_an_overdue_action_is_red_until_it_is_closed(status):
    assert Action(due_on=MONDAY - DAY, status=status).rag(MONDAY) == ActionRag.RED


def test_a_closed_action_has_no_rag():
    assert Action(due_on=MONDAY - DAY, status=ActionStatus.CLOSED).rag(MONDAY) is None


def test_an_undated_action_has_no_rag():
    assert Action(due_on=None, due_text="ASAP", status=ActionStatus.OPEN).rag(MONDAY) is None


# --- tally ----------------------------------------------------------------------------------------------


def test_the_tally_has_one_row_per_subject_in_one_query(series, pmo_user, django_assert_num_queries):
    for i, code in enumerate(["DNO", "IDNO", "LARGE_SUPPLIER", "SMALL_SUPPLIER"]):
        ConstituencyFactory(code=code, name=code.title(), position=i)
    meeting = series["26"]
    services.votes_record(
        meeting=meeting,
        actor=pmo_user,
        subject="CR018",
        votes=[("DNO", "approve"), ("IDNO", "approve"), ("LARGE_SUPPLIER", "reject"), ("SMALL_SUPPLIER", "absent")],
    )
    services.votes_record(
        meeting=meeting, actor=pmo_user, subject="CR017", votes=[("DNO", "reject"), ("IDNO", "abstain")]
    )
    services.votes_record(meeting=series["27"], actor=pmo_user, subject="CR019", votes=[("DNO", "approve")])

    with django_assert_num_queries(1):
        rows = selectors.tally(meeting)

    assert [row.as_dict() for row in rows] == [
        {
            "subject": "CR017",
            "approve": 0,
            "reject": 1,
            "abstain": 1,
            "absent": 0,
            "text": "one voted to reject, one abstained",
        },
        {
            "subject": "CR018",
            "approve": 2,
            "reject": 1,
            "abstain": 0,
            "absent": 1,
            "text": "one voted to reject, two to approve, one not in attendance",
        },
    ]


def test_a_meeting_without_votes_has_no_tally(series):
    assert selectors.tally(series["26"]) == []


def test_the_wording_of_a_unanimous_approval():
    assert selectors.Tally(subject="CR054", approve=13).text == "thirteen voted to approve"


# --- neighbours -----------------------------------------------------------------------------------------


def test_previous_and_next_meeting_of_the_group(series):
    assert selectors.previous_meeting(series["26"]) == series["25"]
    assert selectors.next_meeting(series["26"]) == series["27"]
    assert selectors.previous_meeting(series["25"]) is None
    assert selectors.next_meeting(series["28"]) is None


def test_neighbours_come_from_the_same_group_only(series):
    ccag = GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group", level=GroupLevel.ADVISORY)
    MeetingFactory(group=ccag, number="36", starts_at=at(datetime.date(2024, 11, 27)))

    assert selectors.next_meeting(series["26"]) == series["27"]
    assert selectors.previous_meeting(series["27"]) == series["26"]


def test_an_extraordinary_meeting_sits_between_its_neighbours(series):
    extraordinary = MeetingFactory(group=series["26"].group, number="26.1", starts_at=at(datetime.date(2024, 11, 20)))

    assert selectors.next_meeting(series["26"]) == extraordinary
    assert selectors.previous_meeting(series["27"]) == extraordinary


def test_a_cancelled_meeting_is_neither_the_previous_nor_the_next(series):
    MeetingFactory(
        group=series["26"].group,
        number="26.1",
        starts_at=at(datetime.date(2024, 11, 20)),
        status=MeetingStatus.CANCELLED,
    )

    assert selectors.previous_meeting(series["27"]) == series["26"]
    assert selectors.next_meeting(series["26"]) == series["27"]
