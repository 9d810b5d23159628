"""The action RAG rule is one rule: the record's RAG, the register's condition and the overdue filter agree."""

import datetime

import pytest

from meetings.choices import ActionRag, ActionStatus
from meetings.models import Action
from meetings.rag import action_rag, due_soon_until, rag_condition
from tests.meetings.factories import ActionFactory, MeetingFactory, at, close

pytestmark = pytest.mark.django_db

# A Wednesday, so five working days ahead is the next Wednesday.
ON = datetime.date(2024, 9, 4)


def test_due_soon_counts_working_days_not_calendar_days():
    assert due_soon_until(ON) == datetime.date(2024, 9, 11)
    assert action_rag(ActionStatus.OPEN, datetime.date(2024, 9, 11), ON) == ActionRag.AMBER
    assert action_rag(ActionStatus.OPEN, datetime.date(2024, 9, 12), ON) == ActionRag.GREEN
    assert action_rag(ActionStatus.OPEN, datetime.date(2024, 9, 3), ON) == ActionRag.RED
    assert action_rag(ActionStatus.CLOSED, datetime.date(2024, 9, 3), ON) is None
    assert action_rag(ActionStatus.OPEN, None, ON) is None


def test_the_query_condition_selects_exactly_the_actions_the_rule_colours():
    meeting = MeetingFactory(starts_at=at(datetime.date(2024, 6, 5)))
    offsets = [-30, -1, 0, 1, 5, 7, 8, 40]
    actions = [ActionFactory(meeting=meeting, due_on=ON + datetime.timedelta(days=days)) for days in offsets]
    ActionFactory(meeting=meeting, due_on=None, due_text="ASAP")
    close(actions[0], MeetingFactory(starts_at=at(datetime.date(2024, 7, 3))))
    by_rule = {rag: set() for rag in ActionRag.values}
    for action in Action.objects.all():
        rag = action.rag(ON)
        if rag:
            by_rule[rag].add(action.ref)
    for rag in ActionRag.values:
        selected = set(Action.objects.filter(rag_condition(rag, ON)).values_list("ref", flat=True))
        assert selected == by_rule[rag], rag
    assert all(by_rule.values())
