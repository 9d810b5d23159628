"""raid.selectors: the papers' movement wording, movement between two dates read from dated history (one query
for any number of items), heat-map counts, visibility and the score trend."""

import datetime

import pytest
from django.utils import timezone

from core.choices import Classification
from core.dates import parse_moment
from raid import selectors
from raid.choices import MovementKind, RaidKind, RaidStatus
from raid.models import RaidItem
from raid.scoring import load_scoring
from tests.raid.factories import RaidItemFactory, aware, close_at, raid_item_at, rescore_at

pytestmark = pytest.mark.django_db

OPEN, CLOSED = RaidStatus.OPEN, RaidStatus.CLOSED
# The CCAG #35 → #36 window of the papers.
BEFORE = aware(2024, 10, 1)
SINCE = aware(2024, 10, 23, 18)
AFTER = aware(2024, 11, 20)


# --- the wording -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "now", "kind", "previous", "current", "text"),
    [
        (None, (17, OPEN), MovementKind.NEW, None, 17, "New item"),
        (None, (5, CLOSED), MovementKind.NEW, None, 5, "New item"),
        ((25, OPEN), (25, OPEN), MovementKind.UNCHANGED, 25, 25, "Score remains at 25"),
        ((12, OPEN), (18, OPEN), MovementKind.INCREASED, 12, 18, "Score increased from 12 to 18"),
        ((20, OPEN), (10, OPEN), MovementKind.REDUCED, 20, 10, "Score reduced from 20 to 10"),
        ((18, OPEN), (15, OPEN), MovementKind.REDUCED, 18, 15, "Score reduced from 18 to 15"),
        ((20, OPEN), (20, CLOSED), MovementKind.CLOSED, 20, 20, "Closed"),
        ((20, OPEN), (6, CLOSED), MovementKind.CLOSED, 20, 6, "Closed"),
    ],
)
def test_describe_movement_uses_the_papers_wording(before, now, kind, previous, current, text):
    movement = selectors.describe_movement(before, now)

    assert (movement.kind, movement.previous, movement.current, movement.text) == (kind, previous, current, text)
    assert movement.as_dict() == {"kind": kind, "from": previous, "to": current, "text": text}


def test_an_item_already_closed_at_the_start_is_not_closed_again():
    movement = selectors.describe_movement((9, CLOSED), (9, CLOSED))

    assert movement.kind == MovementKind.UNCHANGED
    assert movement.text == "Score remains at 9"


def test_a_reopened_item_is_described_by_its_score():
    movement = selectors.describe_movement((9, CLOSED), (14, OPEN))

    assert movement.text == "Score increased from 9 to 14"


def test_each_movement_kind_has_a_colour():
    assert {
        selectors.describe_movement(*case).colour
        for case in [
            (None, (1, OPEN)),
            ((1, OPEN), (1, OPEN)),
            ((1, OPEN), (2, OPEN)),
            ((2, OPEN), (1, OPEN)),
            ((2, OPEN), (2, CLOSED)),
        ]
    } == {"primary", "secondary", "danger", "success", "dark"}


# --- movement from dated history -------------------------------------------------------------------------


@pytest.fixture
def window():
    """R1 raised at 20 before `since` and re-scored to 10 after it; R2 raised at 25 before and unchanged; R3
    raised after `since`; R4 raised at 17 before and closed after; I1 (an issue) raised at 22 before and raised
    to 29 after."""
    reduced = raid_item_at(BEFORE, ref="R1", likelihood=3, impact=4)
    rescore_at(reduced, AFTER, likelihood=1, impact=5)
    unchanged = raid_item_at(BEFORE, ref="R2", likelihood=3, impact=6)
    new = raid_item_at(AFTER, ref="R3", likelihood=2, impact=2)
    closed = raid_item_at(BEFORE, ref="R4", likelihood=5, impact=2)
    close_at(closed, AFTER)
    issue = raid_item_at(BEFORE, ref="I1", kind=RaidKind.ISSUE, impact=3)
    rescore_at(issue, AFTER, impact=5)
    return {item.ref: RaidItem.objects.get(pk=item.pk) for item in (reduced, unchanged, new, closed, issue)}


def texts(moves, items):
    return {item.ref: moves[item.pk].text for item in items.values()}


def test_movements_read_each_items_score_at_since_from_the_history(window):
    moves = selectors.movements(window.values(), SINCE)

    assert texts(moves, window) == {
        "R1": "Score reduced from 20 to 10",
        "R2": "Score remains at 25",
        "R3": "New item",
        "R4": "Closed",
        "I1": "Score increased from 22 to 29",
    }
    assert moves[window["R3"].pk].as_dict() == {"kind": "new", "from": None, "to": 7, "text": "New item"}
    assert moves[window["R4"].pk].as_dict() == {"kind": "closed", "from": 17, "to": 17, "text": "Closed"}


def test_movements_since_a_moment_after_every_change_are_all_unchanged(window):
    moves = selectors.movements(window.values(), aware(2024, 12, 1))

    assert texts(moves, window) == {
        "R1": "Score remains at 10",
        "R2": "Score remains at 25",
        "R3": "Score remains at 7",
        "R4": "Score remains at 17",
        "I1": "Score remains at 29",
    }


def test_movements_since_a_moment_before_any_history_are_all_new(window):
    moves = selectors.movements(window.values(), aware(2024, 1, 1))

    assert {move.kind for move in moves.values()} == {MovementKind.NEW}


def test_a_bare_date_counts_the_whole_of_that_day(window):
    # A change recorded at noon on the `since` day is part of the state at `since`.
    item = raid_item_at(aware(2024, 10, 23, 9), ref="R9", likelihood=3, impact=4)
    rescore_at(item, aware(2024, 10, 23, 15), likelihood=4, impact=4)

    moves = selectors.movements([item], parse_moment("2024-10-23"))

    assert moves[item.pk].text == "Score remains at 24"


def test_the_last_change_before_since_is_the_starting_point():
    item = raid_item_at(aware(2024, 9, 1), ref="R5", likelihood=1, impact=1)
    rescore_at(item, aware(2024, 9, 15), likelihood=3, impact=4)
    rescore_at(item, aware(2024, 10, 1), likelihood=5, impact=4)
    rescore_at(item, AFTER, likelihood=4, impact=4)

    moves = selectors.movements([item], SINCE)

    assert moves[item.pk].text == "Score reduced from 26 to 24"


def test_movements_for_500_items_take_at_most_two_queries(django_assert_max_num_queries):
    scoring = load_scoring()
    RaidItem.objects.bulk_create(
        RaidItem(
            ref=f"R{n}",
            kind=RaidKind.RISK,
            title=f"Risk {n}",
            likelihood=1 + n % 5,
            impact=1 + n % 6,
            score=scoring.matrix[(1 + n % 5, 1 + n % 6)],
        )
        for n in range(1, 501)
    )
    items = list(RaidItem.objects.order_by("pk"))
    RaidItem.history.bulk_history_create(items, default_date=BEFORE)
    raised = [item for item in items[:100] if item.score != 30]
    for item in raised:
        item.likelihood, item.impact, item.score = 5, 6, 30
    RaidItem.objects.bulk_update(raised, ["likelihood", "impact", "score"])
    RaidItem.history.bulk_history_create(raised, default_date=AFTER)

    with django_assert_max_num_queries(2):
        moves = selectors.movements(items, SINCE)

    assert len(moves) == 500
    increased = {pk for pk, move in moves.items() if move.kind == MovementKind.INCREASED}
    assert increased == {item.pk for item in raised}
    assert all(moves[item.pk].text.endswith("to 30") for item in raised)
    assert {move.kind for pk, move in moves.items() if pk not in increased} == {MovementKind.UNCHANGED}


def test_movements_of_no_items_is_empty():
    assert selectors.movements([], SINCE) == {}


# --- the heat map ----------------------------------------------------------------------------------------


@pytest.fixture
def register():
    """Open: two risks at L3×I4, one at L1×I2, an assumption at L3×I4, a Restricted risk at L3×I4, two issues at
    impact 6; closed: a risk at L3×I4."""
    return [
        RaidItemFactory(likelihood=3, impact=4),
        RaidItemFactory(likelihood=3, impact=4),
        RaidItemFactory(likelihood=1, impact=2),
        RaidItemFactory(kind=RaidKind.ASSUMPTION, likelihood=3, impact=4),
        RaidItemFactory(likelihood=3, impact=4, classification=Classification.RESTRICTED),
        RaidItemFactory(kind=RaidKind.ISSUE, impact=6),
        RaidItemFactory(kind=RaidKind.ISSUE, impact=6),
        RaidItemFactory(likelihood=3, impact=4, status=RaidStatus.CLOSED),
    ]


def test_the_heat_map_counts_open_items_per_cell_with_issues_in_the_top_row(register, pmo_user):
    counts = selectors.heat_map(pmo_user)

    assert dict(counts) == {(3, 4): 4, (1, 2): 1, (5, 6): 2}
    assert counts.total() == 7


def test_the_heat_map_can_show_one_kind(register, pmo_user):
    assert dict(selectors.heat_map(pmo_user, kind=RaidKind.RISK)) == {(3, 4): 3, (1, 2): 1}
    assert dict(selectors.heat_map(pmo_user, kind=RaidKind.ISSUE)) == {(5, 6): 2}
    assert dict(selectors.heat_map(pmo_user, kind=RaidKind.DEPENDENCY)) == {}


def test_the_heat_map_can_count_closed_items(register, pmo_user):
    assert dict(selectors.heat_map(pmo_user, status=RaidStatus.CLOSED)) == {(3, 4): 1}


def test_a_participants_heat_map_leaves_restricted_items_out(register, participant_user, chair_user):
    assert selectors.heat_map(participant_user)[(3, 4)] == 3
    assert selectors.heat_map(participant_user).total() == 6
    assert selectors.heat_map(chair_user)[(3, 4)] == 4


def test_the_heat_map_is_one_query(register, pmo_user, django_assert_max_num_queries):
    pmo_user.has_perm("programme.view_restricted")  # permission cache warmed: the map itself is measured
    with django_assert_max_num_queries(1):
        selectors.heat_map(pmo_user)


def test_raid_items_hides_restricted_items_from_participants(register, participant_user, pmo_user):
    restricted = register[4]

    assert restricted not in selectors.raid_items(participant_user)
    assert restricted in selectors.raid_items(pmo_user)
    assert selectors.raid_items(participant_user).count() == 7


# --- the score trend -------------------------------------------------------------------------------------


def test_the_trend_has_one_point_per_score_change_oldest_first():
    item = raid_item_at(aware(2024, 8, 7), ref="R920", likelihood=3, impact=6)
    item.title = "Renamed, same score"
    item._history_date = aware(2024, 9, 1)
    item.save()
    rescore_at(item, aware(2024, 10, 23), likelihood=3, impact=4)
    rescore_at(item, aware(2024, 11, 27), likelihood=1, impact=5)

    points = selectors.score_trend(item)

    assert points == [(aware(2024, 8, 7), 25), (aware(2024, 10, 23), 20), (aware(2024, 11, 27), 10)]


def test_a_new_item_has_a_single_point_trend():
    item = RaidItemFactory(likelihood=2, impact=2)

    points = selectors.score_trend(item)

    assert [score for _, score in points] == [7]
    assert points[0][0] <= timezone.now()
    assert isinstance(points[0][0], datetime.datetime)
