"""Meeting factories.

`MeetingFactory` schedules meetings through meetings.services.meeting_create, so every meeting has its ref
(DAG26, DAG20.1) and a "Scheduled" history row. By default a DAG meeting at 10:00 on a Wednesday well in the
past; give `group`, `number` and `starts_at` to place it.

`ActionFactory` and `DecisionFactory` go through meetings.services too (action_raise, decision_record), so
refs are generated exactly as the pages and the API generate them; pass `ref=` for an imported one.
`close` closes an action at a meeting through the service."""

import datetime

import factory
from django.utils import timezone

from core.choices import Classification
from meetings import services
from meetings.models import Action, Decision, Meeting
from programme.choices import GroupLevel
from tests.programme.factories import GovernanceGroupFactory


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """`day` at `hour`:`minute`, in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def dag():
    return GovernanceGroupFactory(code="DAG", name="Design Advisory Group", level=GroupLevel.ADVISORY)


class MeetingFactory(factory.Factory):
    class Meta:
        model = Meeting

    group = factory.LazyFunction(dag)
    number = factory.Sequence(lambda n: str(n + 1))
    starts_at = factory.LazyAttribute(
        lambda m: at(datetime.date(2024, 1, 3)) + datetime.timedelta(weeks=float(m.number))
    )
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + datetime.timedelta(hours=2))
    venue = "Teams"
    classification = Classification.PUBLIC
    actor = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.meeting_create(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("actor", None)
        return model_class(**kwargs)


class ActionFactory(factory.Factory):
    """An open action raised at a meeting, due four weeks after it."""

    class Meta:
        model = Action

    meeting = factory.SubFactory(MeetingFactory)
    area = "Design"
    description = factory.Sequence(lambda n: f"Circulate the design note number {n}")
    owner = "Programme PMO"
    due_on = factory.LazyAttribute(lambda a: a.meeting.held_on + datetime.timedelta(weeks=4))
    classification = Classification.PUBLIC
    actor = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.action_raise(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("actor", None)
        return model_class(**kwargs)


class DecisionFactory(factory.Factory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    area = "Design"
    text = factory.Sequence(lambda n: f"The group agreed design baseline change number {n}")
    actor = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.decision_record(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("actor", None)
        return model_class(**kwargs)


def close(action: Action, at_meeting: Meeting, text: str = "") -> Action:
    return services.action_close(action=action, actor=None, at_meeting=at_meeting, text=text)
