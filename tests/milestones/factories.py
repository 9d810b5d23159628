"""Milestone factories.

`MilestoneFactory` writes rows directly (no service checks), to put a milestone in any state a test needs:
a tier 3 DB-workstream milestone, baseline eight weeks out, forecast on baseline, not started (Green). Its
stored `rag` is left blank unless given; tests of the rules call milestones.services.recompute_rag.

Pass `history_date=<aware datetime>` to date its history rows (django-simple-history honours
`instance._history_date`, for the row of the save and for the m2m row of `depends_on`); `save_at` re-saves a
milestone with changes under a dated history row. Together they build the dated histories that previous
RAG and `?as_of=` read."""

import datetime

import factory
from django.utils import timezone

from core.choices import Classification
from milestones.choices import MilestoneStatus
from milestones.models import Milestone
from milestones.refs import parse_ref
from tests.programme.factories import GovernanceGroupFactory


def aware(day: datetime.date, hour: int = 12) -> datetime.datetime:
    """Midday (by default) of `day`, in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone
        skip_postgeneration_save = True

    ref = factory.Sequence(lambda n: f"T3-DB-{n + 1:04d}")
    tier = factory.LazyAttribute(lambda m: parse_ref(m.ref)[0] or 3)
    title = factory.Sequence(lambda n: f"Milestone number {n}")
    forum = factory.SubFactory(GovernanceGroupFactory)
    responsible = "Programme PMO"
    baseline_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=56))
    forecast_on = factory.LazyAttribute(lambda m: m.baseline_on)
    actual_on = None
    status = MilestoneStatus.NOT_STARTED
    classification = Classification.PUBLIC

    @classmethod
    def _create(cls, model_class, *args, history_date=None, **kwargs):
        instance = model_class(*args, **kwargs)
        if history_date is not None:
            instance._history_date = history_date
        instance._change_reason = "Created"
        instance.save()
        return instance

    @factory.post_generation
    def depends_on(self, create, extracted, **kwargs):
        if create and extracted:
            self.depends_on.set(extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # The dependencies' history row takes the creation date too; later saves are dated by their own.
        if hasattr(instance, "_history_date"):
            del instance._history_date


def save_at(milestone: Milestone, when: datetime.datetime, reason: str = "Updated", **changes) -> Milestone:
    """`milestone` with `changes` saved, under a history row dated `when` (no service checks)."""
    depends_on = changes.pop("depends_on", None)
    for name, value in changes.items():
        setattr(milestone, name, value)
    milestone._history_date = when
    milestone._change_reason = reason
    milestone.save()
    if depends_on is not None:
        milestone.depends_on.set(depends_on)
    del milestone._history_date
    return milestone
