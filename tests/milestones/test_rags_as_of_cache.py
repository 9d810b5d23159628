"""The RAG at a moment is kept in the cache per version of the register's history: a reader asking again for the
same moment is answered without reading the history, and any change, a back-dated one included, is seen at once.
Outside a transaction, as requests read (the other tests run inside one, where nothing is kept)."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from milestones.choices import Rag
from milestones.selectors import rags_as_of
from tests.milestones.factories import MilestoneFactory, aware, save_at

DAY = datetime.timedelta(days=1)


def test_the_same_moment_is_answered_from_the_cache_until_the_history_changes(committed):
    today = timezone.localdate()
    a_month_ago = aware(today - 30 * DAY)
    milestone = MilestoneFactory(baseline_on=today - 40 * DAY, forecast_on=None, history_date=a_month_ago - DAY)
    moment = aware(today - 10 * DAY)

    first = rags_as_of(moment)
    with CaptureQueriesContext(connection) as again:
        second = rags_as_of(moment)

    assert first == second == {milestone.pk: Rag.RED}
    assert len(again) == 1  # the newest version of the history, which names the cache entry

    # Back-dated: a completion recorded as of a month ago changes the past, and the next read sees it.
    save_at(milestone, a_month_ago, actual_on=today - 35 * DAY, status="complete")

    assert rags_as_of(moment) == {milestone.pk: Rag.COMPLETE}


def test_inside_a_transaction_nothing_is_kept(db):
    cache.clear()
    milestone = MilestoneFactory(history_date=aware(timezone.localdate() - 5 * DAY))

    now = timezone.now()
    rags_as_of(now)

    with CaptureQueriesContext(connection) as again:
        assert milestone.pk in rags_as_of(now)
    # Evaluated again from the history, without looking for a kept answer (no newest version is read).
    assert again and not any("MAX(" in query["sql"].upper() for query in again)
