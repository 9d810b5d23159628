"""The clock keeps which version of each record stood at a moment while the register's history is unchanged
(PostgreSQL): a second reader of the same moment gets the same records as a fresh read, narrowed to what they may
see, and any change — a back-dated one, a deletion, a new record — is seen at once. Outside a transaction, as
requests read (the other tests run inside one, where nothing is kept)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from core import clock
from core.choices import Classification
from core.roles import PARTICIPANT, PMO
from milestones.models import Milestone
from tests.factories import UserFactory
from tests.milestones.factories import MilestoneFactory, aware, save_at

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the picking is kept on PostgreSQL only (DATABASE_URL is SQLite)"
)

DAY = datetime.timedelta(days=1)


def _as_of(user, moment) -> list[tuple]:
    versions = clock.as_of_queryset(Milestone.objects.restrict(user), moment)
    return [(v.id, v.title, v.classification, v.rag) for v in versions]


def _fresh(user, moment) -> list[tuple]:
    """The same read inside a transaction, where nothing is kept: the versions picked in the database."""
    with transaction.atomic():
        return _as_of(user, moment)


@postgresql_only
def test_a_moment_read_again_is_the_fresh_read_for_every_reader_until_the_history_changes(committed):
    pmo, participant = UserFactory(role=PMO), UserFactory(role=PARTICIPANT)
    today = timezone.localdate()
    long_ago, moment = aware(today - 60 * DAY), aware(today - 10 * DAY)
    public = MilestoneFactory(title="Public then", history_date=long_ago)
    restricted = MilestoneFactory(classification=Classification.RESTRICTED, history_date=long_ago)
    renamed = MilestoneFactory(title="Old name", history_date=long_ago)
    save_at(renamed, aware(today - 2 * DAY), title="New name")  # after the moment: not seen as of it
    MilestoneFactory(title="Born later", history_date=aware(today - DAY))

    first = _as_of(pmo, moment)
    register_order = ("tier", "baseline_on", "ref", "id")
    kept = clock.kept_while_unchanged(
        Milestone,
        ("clock.newest-versions", moment.isoformat(), *register_order),
        lambda: pytest.fail("the picking was not kept"),
    )
    assert len(kept) == 3
    assert _as_of(pmo, moment) == first == _fresh(pmo, moment)
    assert {row[0] for row in first} == {public.pk, restricted.pk, renamed.pk}
    assert "Old name" in {row[1] for row in first}
    assert _as_of(participant, moment) == _fresh(participant, moment)
    assert restricted.pk not in {row[0] for row in _as_of(participant, moment)}

    # Back-dated: a rename recorded as of a month ago changes the past, and the next read sees it.
    save_at(public, aware(today - 30 * DAY), title="Renamed in the past")
    assert "Renamed in the past" in {row[1] for row in _as_of(pmo, moment)}
    assert _as_of(pmo, moment) == _fresh(pmo, moment)

    # Deleted now: gone from the past too, as in a fresh read.
    renamed.delete()
    assert renamed.pk not in {row[0] for row in _as_of(pmo, moment)}
    assert _as_of(pmo, moment) == _fresh(pmo, moment)


def test_inside_a_transaction_nothing_is_kept(db):
    cache.clear()
    MilestoneFactory(history_date=aware(timezone.localdate() - 5 * DAY))

    assert clock.kept_while_unchanged(Milestone, ("test",), lambda: "computed") is None
    assert _as_of(UserFactory(role=PMO), timezone.now())


@postgresql_only
def test_an_api_list_as_of_a_moment_pages_the_kept_picking_as_a_fresh_read_does(committed, client, statements):
    """Every record's kept version, in the list's order, is counted without a query and paged by the page's own
    versions: each page, ties in the ordering and the last page included, is the fresh read's; a filtered list and
    a Participant's are counted and paged by the database, alike."""
    today = timezone.localdate()
    long_ago, moment = aware(today - 60 * DAY), aware(today - 10 * DAY)
    same_day = today + 40 * DAY
    for n in range(23):
        MilestoneFactory(
            baseline_on=same_day if n % 3 else today + n * DAY,
            classification=Classification.RESTRICTED if n % 5 == 0 else Classification.PUBLIC,
            history_date=long_ago,
        )
    pmo, participant = UserFactory(role=PMO), UserFactory(role=PARTICIPANT)
    as_of = moment.date().isoformat()

    def read(user, query):
        client.force_login(user)
        url = f"/api/milestones/?as_of={as_of}&page_size=5&{query}"
        with statements() as sql:
            kept = client.get(url).json()
        with transaction.atomic():
            fresh = client.get(url).json()
        return kept, fresh, any("COUNT(" in statement for statement in sql)

    for page in ("page=1", "page=2", "page=3", "page=last"):
        kept, fresh, counted = read(pmo, page)
        assert kept == fresh and kept["count"] == 23 and len(kept["results"]) in (5, 3)
        assert not counted
    for user, query in ((pmo, "page=2&classification=public"), (participant, "page=2")):
        kept, fresh, counted = read(user, query)
        assert kept == fresh and kept["count"] == 18
        assert counted
