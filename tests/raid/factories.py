"""RAID factories.

`RaidItemFactory` raises items through raid.services.raid_item_create, so every item it makes has a generated
ref, a matrix score and a "Raised" history row, exactly as the pages and the API make them.

`raid_item_at`, `rescore_at` and `close_at` write rows directly, with the score from raid.scoring.load_scoring()
and a history row dated `when` (django-simple-history honours `instance._history_date`), to build the dated
histories that score movement is read from."""

import datetime

import factory
from django.utils import timezone

from core.choices import Classification
from core.refs import claim_ref
from raid import services
from raid.choices import RaidKind, RaidStatus
from raid.models import RaidItem, RaidTheme
from raid.scoring import load_scoring


class RaidThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RaidTheme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    summary = "What the theme covers."
    mitigation_approach = "How the programme mitigates it."


class RaidItemFactory(factory.Factory):
    """A risk by default (likelihood 3 × impact 4); pass kind="issue" for an issue (no likelihood)."""

    class Meta:
        model = RaidItem

    kind = RaidKind.RISK
    title = factory.Sequence(lambda n: f"RAID item number {n}")
    description = "What might happen."
    owner = "Programme PMO"
    likelihood = factory.LazyAttribute(lambda item: None if item.kind == RaidKind.ISSUE else 3)
    impact = 4
    classification = Classification.PUBLIC
    actor = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.raid_item_create(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("actor", None)
        return model_class(**kwargs)


def aware(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _save_at(item: RaidItem, when: datetime.datetime, reason: str, groups=None) -> RaidItem:
    item.score = load_scoring().score(item.kind, item.likelihood, item.impact)
    item._history_date = when
    item._change_reason = reason
    item.save()
    if groups is not None:
        item.groups.set(groups)  # the m2m history row takes the same date
    del item._history_date
    return item


def raid_item_at(
    when: datetime.datetime,
    *,
    ref: str,
    kind: str = RaidKind.RISK,
    likelihood: int | None = 3,
    impact: int = 4,
    groups=None,
    **fields,
) -> RaidItem:
    """An item as raised at `when`: one "+" history row dated `when`."""
    item = RaidItem(
        ref=ref,
        kind=kind,
        title=fields.pop("title", f"Item {ref}"),
        likelihood=None if kind == RaidKind.ISSUE else likelihood,
        impact=impact,
        raised_on=when.date(),
        **fields,
    )
    item.initial_score = load_scoring().score(item.kind, item.likelihood, item.impact)
    _save_at(item, when, "Raised", groups)
    claim_ref(RaidKind(kind).prefix, ref)
    return item


def rescore_at(item: RaidItem, when: datetime.datetime, *, likelihood: int | None = None, impact: int) -> RaidItem:
    """The item re-scored at `when` (a "~" history row dated `when`)."""
    item.likelihood = likelihood
    item.impact = impact
    return _save_at(item, when, "Re-scored")


def close_at(item: RaidItem, when: datetime.datetime) -> RaidItem:
    item.status = RaidStatus.CLOSED
    item.closed_on = when.date()
    return _save_at(item, when, "Closed")
