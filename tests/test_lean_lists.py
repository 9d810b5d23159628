"""The hot API lists answer from the lean read path (one `.values()` query); their JSON must be exactly what the
serializers give, record for record, for every role — so the OpenAPI schema still describes it."""

import datetime

import pytest
from django.utils import timezone

from changes.api.views import ChangeRequestViewSet
from core.choices import Classification
from meetings.api.views import ActionViewSet
from meetings.services import action_close
from milestones.api.views import MilestoneViewSet
from raid.api.views import RaidItemViewSet
from raid.models import MitigationStep
from tests.changes.factories import ChangeRequestFactory
from tests.conftest import ROLES
from tests.meetings.factories import ActionFactory, MeetingFactory
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory
from tests.raid.factories import RaidItemFactory

LISTS = [
    (MilestoneViewSet, "/api/milestones/"),
    (RaidItemViewSet, "/api/raid-items/"),
    (ChangeRequestViewSet, "/api/change-requests/"),
    (ActionViewSet, "/api/actions/"),
]
RESTRICTED = Classification.RESTRICTED


@pytest.fixture
def programme(db):
    """Records of every shape the lists show: links to Public and Restricted records, empty links, nulls, nested
    plans, closed and overdue actions, dates and date-times."""
    today = timezone.localdate()
    forum = GovernanceGroupFactory(code="SITAG")
    upstream = MilestoneFactory(ref="T2-DB-0001", forum=forum, baseline_on=today - datetime.timedelta(days=3))
    hidden = MilestoneFactory(ref="T2-DB-0002", forum=forum, classification=RESTRICTED)
    MilestoneFactory(ref="T3-DB-0003", forum=forum, depends_on=[upstream, hidden], actual_on=today)
    MilestoneFactory(ref="T3-DB-0004", forum=forum, forecast_on=None, rag_override="red", rag_override_reason="x")

    risk = RaidItemFactory(title="Risk with a plan")
    risk.groups.set([forum, GovernanceGroupFactory(code="PSG")])
    MitigationStep.objects.create(item=risk, position=2, text="Second", due_on=today, done=True)
    MitigationStep.objects.create(item=risk, position=1, text="First", owner="PMO")
    RaidItemFactory(kind="issue", impact=5, classification=RESTRICTED)
    RaidItemFactory(likelihood=1, impact=1)

    dno = ConstituencyFactory(code="DNO")
    approved = ChangeRequestFactory(ref="CR100", stage="validated", ia_constituencies=[dno])
    secret = ChangeRequestFactory(ref="CR101", classification=RESTRICTED)
    ChangeRequestFactory(
        ref="CR102",
        raiser_organisation=OrganisationFactory(name="Elexon"),
        decision_body=forum,
        mutually_exclusive_with=[approved, secret],
        change_type="fast_track",
    )

    meeting = MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=30))
    linked = ActionFactory(meeting=meeting, due_on=today - datetime.timedelta(days=1))
    linked.change_requests.set([approved, secret])
    linked.milestones.set([upstream, hidden])
    linked.raid_items.set([risk])
    ActionFactory(meeting=meeting, due_on=None)
    ActionFactory(meeting=meeting, due_on=today + datetime.timedelta(days=2))
    action_close(action=ActionFactory(meeting=meeting), at_meeting=meeting, actor=None)


@pytest.mark.parametrize("viewset, url", LISTS, ids=[url for _, url in LISTS])
@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_the_lean_list_is_the_serializers_json(programme, api_for, monkeypatch, role, viewset, url):
    api = api_for(role)
    lean = api.get(url, {"page_size": 500})

    monkeypatch.setattr(viewset, "lean_list", False)
    full = api.get(url, {"page_size": 500})

    assert lean.status_code == full.status_code == 200
    assert lean.json()["count"] == full.json()["count"] > 0
    assert lean.json() == full.json()


@pytest.mark.parametrize("viewset, url", LISTS, ids=[url for _, url in LISTS])
def test_filters_and_pages_are_the_same_on_both_paths(programme, api_for, monkeypatch, viewset, url):
    api = api_for("PMO")
    query = {"page_size": 2, "page": 2, "classification": "public"}
    lean = api.get(url, query).json()

    monkeypatch.setattr(viewset, "lean_list", False)
    assert lean == api.get(url, query).json()
