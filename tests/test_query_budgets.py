"""Query budgets: every register list, record page, the dashboard and every API list run a fixed number of
queries, the same with more data (a regression test on N+1, not a timing); so does every read as of a moment or
since one, the same with more records and more versions of each."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from changes.models import ChangeRequest
from meetings.models import Action, Meeting
from milestones.models import Milestone
from programme.models import GovernanceGroup
from raid.models import RaidItem
from raid.scoring import load_scoring

pytestmark = pytest.mark.django_db

BUDGETS = {
    "/": 15,
    "/changes/": 12,
    "/raid/": 15,
    "/milestones/": 12,
    "/meetings/": 12,
    "/actions/": 14,
    "/decisions/": 12,
    # The IA section reads the invited parties with their answers and the reader's own; one more for Follow.
    "/changes/CR054/": 22,
    "/raid/R920/": 20,
    "/milestones/T3-DB-0153/": 16,
    "/meetings/PSG36/": 40,
    "/actions/PSG35-01/": 16,
    "/api/change-requests/": 10,
    "/api/raid-items/?since=2024-10-23": 12,
    "/api/milestones/": 10,
    "/api/actions/": 10,
    "/api/decisions/": 10,
    "/api/meetings/": 10,
    "/api/impact-responses/": 10,
}


def _more_records(count: int) -> None:
    """Adds `count` more of each register's records, related to the demo's, as bulk rows."""
    today = timezone.localdate()
    forum = GovernanceGroup.objects.get(code="SITAG")
    psg35 = Meeting.objects.get(ref="PSG35")
    scoring = load_scoring()
    Milestone.objects.bulk_create(
        Milestone(ref=f"T3-QB-{n:04d}", tier=3, title=f"More {n}", forum=forum, baseline_on=today, rag="green")
        for n in range(count)
    )
    items = RaidItem.objects.bulk_create(
        RaidItem(
            ref=f"R7{n:04d}", kind="risk", title=f"More {n}", likelihood=3, impact=3, score=scoring.score("risk", 3, 3)
        )
        for n in range(count)
    )
    for item in items:
        item.groups.add(forum)
    ChangeRequest.objects.bulk_create(ChangeRequest(ref=f"CR8{n:03d}", title=f"More {n}") for n in range(count))
    Action.objects.bulk_create(
        Action(
            ref=f"PSG35-{50 + n}",
            meeting=psg35,
            description=f"More {n}",
            owner="Programme",
            raised_on=psg35.held_on,
            due_on=today + datetime.timedelta(days=n),
        )
        for n in range(count)
    )


def _count(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_every_view_runs_a_fixed_number_of_queries_within_its_budget(client_for):
    call_command("load_demo", "--allow-published-passwords", stdout=StringIO())
    client = client_for("PMO")

    before = {url: _count(client, url) for url in BUDGETS}
    _more_records(30)
    after = {url: _count(client, url) for url in BUDGETS}

    over = {url: n for url, n in after.items() if n > BUDGETS[url]}
    grew = {url: (before[url], after[url]) for url in BUDGETS if after[url] != before[url]}
    assert not over, f"over budget: {over}"
    assert not grew, f"query count grows with the data: {grew}"


HOT_API_LISTS = ["/api/milestones/", "/api/raid-items/", "/api/change-requests/", "/api/actions/"]


def test_hot_api_lists_run_at_most_six_queries_whatever_the_page_size(pmo_user):
    """DESIGN §6 for an integration (token): authentication, permissions, count and page, plus the RAID score
    matrix and bands; related refs and mitigation plans come inside the page's one query."""
    call_command("load_demo", "--allow-published-passwords", stdout=StringIO())
    token = Token.objects.create(user=pmo_user)
    api = APIClient(headers={"Authorization": f"Token {token.key}"})

    counts = {(url, size): _count(api, f"{url}?page_size={size}") for url in HOT_API_LISTS for size in (1, 500)}

    assert all(n <= 6 for n in counts.values()), counts
    assert all(counts[url, 1] == counts[url, 500] for url in HOT_API_LISTS), counts


AS_OF = "2024-11-30"
# Each read as of a moment or since one (DESIGN §6, time travel), with its budget.
TIME_TRAVEL_BUDGETS = {
    f"/changes/?as_of={AS_OF}": 12,
    f"/raid/?as_of={AS_OF}": 15,
    f"/milestones/?as_of={AS_OF}": 12,
    f"/meetings/?as_of={AS_OF}": 12,
    f"/actions/?as_of={AS_OF}": 14,
    f"/decisions/?as_of={AS_OF}": 12,
    f"/?as_of={AS_OF}": 20,
    "/?as_of=PSG36": 22,
    "/changes-since/?since=PSG35": 16,
    "/changes-since/?since=2024-10-23": 16,
    f"/api/milestones/?page_size=500&as_of={AS_OF}": 10,
    f"/api/raid-items/?page_size=500&as_of={AS_OF}": 12,
    f"/api/change-requests/?page_size=500&as_of={AS_OF}": 10,
    f"/api/actions/?page_size=500&as_of={AS_OF}": 10,
    "/api/raid-items/?page_size=500&since=PSG35": 12,
}


def _more_versions(count: int, versions: int) -> None:
    """`count` more records of each register, each with `versions` versions in its history before the moments
    read (bulk rows, as the benchmark writes them)."""
    _more_records(count)
    first = timezone.make_aware(datetime.datetime(2024, 6, 3, 9))
    for model, refs in (
        (Milestone, Milestone.objects.unrestricted().filter(ref__startswith="T3-QB-")),
        (RaidItem, RaidItem.objects.unrestricted().filter(ref__startswith="R7")),
        (ChangeRequest, ChangeRequest.objects.unrestricted().filter(ref__startswith="CR8")),
        (Action, Action.objects.unrestricted().filter(description__startswith="More ")),
    ):
        records = list(refs)
        for n in range(versions):
            model.history.bulk_history_create(records, update=n > 0, default_date=first + datetime.timedelta(days=n))


def test_every_read_as_of_or_since_a_moment_runs_a_fixed_number_of_queries_within_its_budget(client_for):
    call_command("load_demo", "--allow-published-passwords", stdout=StringIO())
    client = client_for("PMO")

    before = {url: _count(client, url) for url in TIME_TRAVEL_BUDGETS}
    _more_versions(30, versions=10)
    after = {url: _count(client, url) for url in TIME_TRAVEL_BUDGETS}

    over = {url: n for url, n in after.items() if n > TIME_TRAVEL_BUDGETS[url]}
    grew = {url: (before[url], after[url]) for url in TIME_TRAVEL_BUDGETS if after[url] != before[url]}
    assert not over, f"over budget: {over}"
    assert not grew, f"query count grows with the data or its history: {grew}"


def test_api_lists_as_of_a_moment_run_the_same_queries_whatever_the_page_size(pmo_user):
    call_command("load_demo", "--allow-published-passwords", stdout=StringIO())
    _more_versions(30, versions=3)
    token = Token.objects.create(user=pmo_user)
    api = APIClient(headers={"Authorization": f"Token {token.key}"})
    reads = [f"{url}?as_of={AS_OF}" for url in HOT_API_LISTS] + ["/api/raid-items/?since=PSG35"]

    counts = {(url, size): _count(api, f"{url}&page_size={size}") for url in reads for size in (1, 500)}

    differ = {url: (counts[url, 1], counts[url, 500]) for url in reads if counts[url, 1] != counts[url, 500]}
    assert not differ, f"query count grows with the page: {differ}"
