"""load_demo's RAID log: the seed papers' risks and issues, with history that reproduces the movements the
papers print, and a second run that changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from core.dates import parse_moment
from raid import selectors
from raid.models import MitigationStep, RaidItem, RaidTheme
from raid.scoring import load_scoring
from tests.factories import UserFactory
from tests.raid.factories import RaidItemFactory

pytestmark = pytest.mark.django_db

NAMED_IN_THE_ISSUE = [
    "R202",
    "R402",
    "R485",
    "R532",
    "R691",
    "R700",
    "R745",
    "R753",
    "R770",
    "R828",
    "R849",
    "R911",
    "R920",
    "R922",
    "R946",
    "R948",
    "R958",
    "R966",
    "I183",
    "I188",
    "I190",
    "I191",
]

PSG35 = "2024-08-07"  # the PSG before PSG #36 (04 Sep 2024)
CCAG35 = "2024-10-23"  # the CCAG before CCAG #36 (27 Nov 2024)


def load_demo():
    call_command("load_demo", "--no-users", stdout=StringIO())


@pytest.fixture
def demo():
    load_demo()


def movement(ref, since):
    item = RaidItem.objects.get(ref=ref)
    return selectors.movements([item], parse_moment(since))[item.pk]


def counts():
    return {
        "items": RaidItem.objects.count(),
        "themes": RaidTheme.objects.count(),
        "steps": MitigationStep.objects.count(),
        "item history": RaidItem.history.count(),
        "theme history": RaidTheme.history.count(),
        "step history": MitigationStep.history.count(),
        "group links": RaidItem.groups.through.objects.count(),
    }


def test_every_item_named_in_the_issue_is_loaded_with_its_details(demo):
    loaded = set(RaidItem.objects.filter(ref__in=NAMED_IN_THE_ISSUE).values_list("ref", flat=True))

    assert loaded == set(NAMED_IN_THE_ISSUE)
    r920 = RaidItem.objects.get(ref="R920")
    assert r920.description
    assert r920.theme is not None
    assert "CCAG" in r920.groups.values_list("code", flat=True)
    steps = list(r920.mitigation_steps.values_list("position", flat=True))
    assert steps
    assert steps == list(range(1, len(steps) + 1))
    # The slide carrying R849 is marked "Document Classification: Restricted".
    assert RaidItem.objects.get(ref="R849").classification == "restricted"


def test_the_history_reproduces_the_movements_the_papers_print(demo):
    assert movement("R920", CCAG35).as_dict() == {
        "kind": "reduced",
        "from": 20,
        "to": 10,
        "text": "Score reduced from 20 to 10",
    }
    assert movement("R532", PSG35).as_dict() == {
        "kind": "reduced",
        "from": 18,
        "to": 15,
        "text": "Score reduced from 18 to 15",
    }
    assert movement("R849", PSG35).as_dict() == {
        "kind": "unchanged",
        "from": 25,
        "to": 25,
        "text": "Score remains at 25",
    }
    i183 = movement("I183", PSG35)
    assert (i183.kind, i183.previous, i183.text) == ("new", None, "New item")


def test_the_api_gives_the_papers_movement_since_the_previous_ccag(demo):
    api = APIClient()
    api.force_authenticate(UserFactory(username="pmo-demo-test", role="PMO"))

    response = api.get("/api/raid-items/R920/", {"since": CCAG35})

    assert response.status_code == 200
    assert response.json()["movement"] == {
        "kind": "reduced",
        "from": 20,
        "to": 10,
        "text": "Score reduced from 20 to 10",
    }
    assert (response.json()["score"], response.json()["band"]) == (10, "medium")
    listed = api.get("/api/raid-items/", {"since": PSG35, "q": "R532"}).json()["results"]
    assert [row["movement"]["text"] for row in listed] == ["Score reduced from 18 to 15"]


def test_loaded_scores_come_from_the_matrix_and_new_refs_continue_after_them(demo):
    scoring = load_scoring()

    for item in RaidItem.objects.all():
        assert item.score == scoring.score(item.kind, item.likelihood, item.impact), item.ref
        assert scoring.band(item.score) is not None, item.ref
    assert RaidItem.objects.get(ref="R849").score == 25
    assert RaidItem.objects.get(ref="R532").score == 15
    highest = max(int(ref[1:]) for ref in RaidItem.objects.filter(kind="risk").values_list("ref", flat=True))
    assert RaidItemFactory().ref == f"R{highest + 1}"


def test_running_load_demo_twice_changes_nothing(demo):
    first = counts()
    versions = dict(RaidItem.objects.values_list("ref", "version"))
    scores = dict(RaidItem.objects.values_list("ref", "score"))

    load_demo()

    assert counts() == first
    assert dict(RaidItem.objects.values_list("ref", "version")) == versions
    assert dict(RaidItem.objects.values_list("ref", "score")) == scores
