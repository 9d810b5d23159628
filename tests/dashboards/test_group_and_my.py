"""/groups/<code>/: a group's meetings (upcoming and past), open actions, decisions, related risks with movement,
milestones, forward plan and calendar link; /my/: the actions and mitigation steps a person owns, the CRs they
raised and the impact assessments awaiting their organisation. Participants see Public records only."""

import pytest

from changes.choices import ChangeStage, ChangeStatus
from core.choices import Classification
from dashboards.models import FeedToken
from meetings.choices import ActionStatus
from meetings.models import AgendaItem
from programme.models import Profile
from raid.choices import RaidKind
from raid.models import MitigationStep
from raid.scoring import load_scoring
from tests.changes.factories import ChangeRequestFactory, ImpactResponseFactory
from tests.dashboards.helpers import DAY, by_testid, days_ago, page, today
from tests.meetings.factories import ActionFactory, DecisionFactory, MeetingFactory
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import ConstituencyFactory, OrganisationFactory
from tests.raid.factories import close_at, raid_item_at, rescore_at

pytestmark = pytest.mark.django_db

RESTRICTED = Classification.RESTRICTED


def score(likelihood, impact):
    return load_scoring().score(RaidKind.RISK, likelihood, impact)


def refs(element) -> list[str]:
    """The refs linked from a list or table, in order (a record's ref is its link's text)."""
    return [a.text() for a in element.find_all("a")]


def section_after(document, heading: str):
    """The elements between the <h2> reading `heading` and the next <h2> of the same column."""
    h2 = next(h for h in document.find_all("h2") if h.text().startswith(heading))
    siblings = [child for child in h2.parent.children if not isinstance(child, str)]
    following = siblings[siblings.index(h2) + 1 :]
    return following[: next((i for i, e in enumerate(following) if e.tag == "h2"), len(following))]


def card(document, heading: str):
    """The card whose header reads `heading`."""
    h2 = next(h for h in document.find_all("h2") if h.text().startswith(heading))
    return h2.parent.parent


# --- the group page ------------------------------------------------------------------------------------------


@pytest.fixture
def dag_activity(groups):
    """DAG1 forty and DAG2 ten days ago; DAG3 next week (with an agenda), DAG4 in three weeks, DAG5 Restricted
    in two; PSG9 next week. Actions, decisions, risks and milestones of DAG (one of each Restricted) and of PSG."""
    dag, psg = groups["DAG"], groups["PSG"]
    meetings = {
        "DAG1": MeetingFactory(group=dag, number="1", starts_at=days_ago(40, hour=10)),
        "DAG2": MeetingFactory(group=dag, number="2", starts_at=days_ago(10, hour=10)),
        "DAG3": MeetingFactory(group=dag, number="3", starts_at=days_ago(-7, hour=10)),
        "DAG4": MeetingFactory(group=dag, number="4", starts_at=days_ago(-21, hour=10)),
        "DAG5": MeetingFactory(group=dag, number="5", starts_at=days_ago(-14, hour=10), classification=RESTRICTED),
        "PSG9": MeetingFactory(group=psg, number="9", starts_at=days_ago(-7, hour=14)),
    }
    AgendaItem.objects.create(meeting=meetings["DAG3"], position=2, title="Interface specification update")
    AgendaItem.objects.create(meeting=meetings["DAG3"], position=1, title="Minutes and actions")
    AgendaItem.objects.create(meeting=meetings["DAG5"], position=1, title="Supplier contract briefing")

    dag2 = meetings["DAG2"]
    actions = {
        "open": ActionFactory(meeting=dag2, description="Publish the interface specification"),
        "closed": ActionFactory(
            meeting=dag2, description="Circulate the slides", status=ActionStatus.CLOSED, closed_on=today() - 2 * DAY
        ),
        "restricted": ActionFactory(meeting=dag2, description="Brief the SRO", classification=RESTRICTED),
        "psg": ActionFactory(meeting=MeetingFactory(group=psg, number="8", starts_at=days_ago(12, hour=10))),
    }
    decisions = {
        "dag": DecisionFactory(meeting=dag2, text="The group approved the interface specification"),
        "restricted": DecisionFactory(meeting=dag2, text="Contract terms agreed", classification=RESTRICTED),
        "psg": DecisionFactory(meeting=actions["psg"].meeting, text="PSG agreed the plan"),
    }

    r600 = raid_item_at(days_ago(40), ref="R600", likelihood=2, impact=3, groups=[dag])
    rescore_at(r600, days_ago(5), likelihood=4, impact=4)
    raid_item_at(days_ago(40), ref="R601", groups=[psg])
    close_at(raid_item_at(days_ago(40), ref="R602", groups=[dag]), days_ago(5))
    raid_item_at(days_ago(40), ref="R603", likelihood=5, impact=6, groups=[dag], classification=RESTRICTED)
    raid_item_at(days_ago(40), ref="A600", kind=RaidKind.ASSUMPTION, groups=[dag])
    raid_item_at(days_ago(3), ref="I600", kind=RaidKind.ISSUE, impact=1, groups=[dag, psg])

    MilestoneFactory(ref="T3-DB-0600", forum=dag, title="Interface catalogue baselined")
    MilestoneFactory(ref="T3-DB-0601", forum=dag, classification=RESTRICTED)
    MilestoneFactory(ref="M5", forum=psg)
    return {"meetings": meetings, "actions": actions, "decisions": decisions}


def group_page(client, code="DAG"):
    return page(client.get(f"/groups/{code}/"))


def test_the_group_page_lists_its_upcoming_meetings_soonest_first_then_its_past_ones(pmo_client, dag_activity):
    meetings = by_testid(group_page(pmo_client), "group-meetings")

    assert refs(meetings) == ["DAG3", "DAG5", "DAG4", "DAG2", "DAG1"]
    upcoming = [item.find("a").text() for item in meetings.find_all("li") if "next" in item.text().split()]
    assert upcoming == ["DAG3", "DAG5", "DAG4"]


def test_the_group_page_lists_its_open_actions_only(pmo_client, dag_activity):
    actions = refs(by_testid(group_page(pmo_client), "actions-log"))
    a = dag_activity["actions"]

    assert set(actions) == {a["open"].ref, a["restricted"].ref}
    assert a["closed"].ref not in actions and a["psg"].ref not in actions


def test_the_group_page_lists_its_decisions(pmo_client, dag_activity):
    decisions = by_testid(group_page(pmo_client), "decisions-log")
    d = dag_activity["decisions"]

    assert set(refs(decisions)) == {d["dag"].ref, d["restricted"].ref}
    assert "The group approved the interface specification" in decisions.text()


def test_the_group_page_lists_the_open_risks_and_issues_related_to_it_with_their_movement(pmo_client, dag_activity):
    risks = by_testid(group_page(pmo_client), "group-risks")
    lines = {item.find("a").text(): item.text() for item in risks.find_all("li")}

    # Worst first; R601 is PSG's only, R602 closed, A600 an assumption.
    assert list(lines) == ["R603", "R600", "I600"]
    assert lines["R600"].endswith(f"Score increased from {score(2, 3)} to {score(4, 4)}")
    assert lines["I600"].endswith("New item")
    assert lines["R603"].endswith(f"Score remains at {score(5, 6)}")


def test_the_group_page_lists_the_milestones_it_is_the_forum_for(pmo_client, dag_activity):
    milestones = by_testid(group_page(pmo_client), "group-milestones")

    assert refs(milestones) == ["T3-DB-0600", "T3-DB-0601"]  # M5 is PSG's


def test_the_forward_plan_shows_the_agenda_of_the_next_meetings_in_order(pmo_client, dag_activity):
    plan = section_after(group_page(pmo_client), "Forward plan")
    text = " ".join(element.text() for element in plan)

    assert [element.find("a").text() for element in plan if element.tag == "p"] == ["DAG3", "DAG5", "DAG4"]
    assert text.index("Minutes and actions") < text.index("Interface specification update")
    assert "Agenda not yet set." in text  # DAG4 has none yet


def test_the_group_page_links_to_the_groups_calendar_with_the_readers_feed_token(
    participant_client, participant, groups
):
    link = next(a for a in group_page(participant_client).find_all("a") if "calendar.ics" in a.attrs.get("href", ""))

    assert link.attrs["href"] == f"/groups/DAG/calendar.ics?token={FeedToken.objects.get(user=participant).key}"


def test_each_reader_gets_a_calendar_token_of_their_own_and_keeps_it(
    participant_client, pmo_client, participant, pmo, groups
):
    group_page(participant_client)
    group_page(pmo_client)
    group_page(participant_client)

    assert FeedToken.objects.count() == 2
    assert FeedToken.objects.get(user=participant).key != FeedToken.objects.get(user=pmo).key


def test_a_participant_sees_no_restricted_record_on_the_group_page(participant_client, dag_activity):
    document = group_page(participant_client)
    a, d = dag_activity["actions"], dag_activity["decisions"]

    assert refs(by_testid(document, "group-meetings")) == ["DAG3", "DAG4", "DAG2", "DAG1"]
    assert refs(by_testid(document, "actions-log")) == [a["open"].ref]
    assert refs(by_testid(document, "decisions-log")) == [d["dag"].ref]
    assert refs(by_testid(document, "group-risks")) == ["R600", "I600"]
    assert refs(by_testid(document, "group-milestones")) == ["T3-DB-0600"]
    for secret in ("DAG5", "Supplier contract briefing", "Brief the SRO", "Contract terms agreed", "R603"):
        assert secret not in document.text(), secret


def test_an_unknown_group_is_not_found(pmo_client, groups):
    assert pmo_client.get("/groups/NOPE/").status_code == 404


# --- My items ------------------------------------------------------------------------------------------------


@pytest.fixture
def suppliers():
    return ConstituencyFactory(code="SUPPLIER", name="Large Supplier")


@pytest.fixture
def organisation(participant, suppliers):
    party = OrganisationFactory(name="Brighter Energy", constituency=suppliers)
    Profile.objects.create(user=participant, organisation=party)
    return party


@pytest.fixture
def mine(groups, participant):
    """Ada Lovelace's actions and mitigation steps (open, done or closed, Public or Restricted), someone else's,
    and the CRs she and others raised."""
    meeting = MeetingFactory(group=groups["DAG"], number="7", starts_at=days_ago(20, hour=10))
    actions = {
        "mine": ActionFactory(meeting=meeting, owner="Ada Lovelace (Brighter Energy)", description="Mine, open"),
        "mine_lower": ActionFactory(meeting=meeting, owner="ada lovelace", description="Mine, lower case"),
        "mine_closed": ActionFactory(
            meeting=meeting,
            owner="Ada Lovelace",
            description="Mine, closed",
            status=ActionStatus.CLOSED,
            closed_on=today() - DAY,
        ),
        "mine_restricted": ActionFactory(
            meeting=meeting, owner="Ada Lovelace", description="Mine, restricted", classification=RESTRICTED
        ),
        "theirs": ActionFactory(meeting=meeting, owner="Charles Babbage", description="Someone else's"),
    }
    public_item = raid_item_at(days_ago(20), ref="R700")
    restricted_item = raid_item_at(days_ago(20), ref="R701", classification=RESTRICTED)
    steps = {
        "mine": MitigationStep.objects.create(
            item=public_item, position=1, text="Run the readiness survey", owner="Ada Lovelace", due_on=today()
        ),
        "done": MitigationStep.objects.create(
            item=public_item, position=2, text="Agree the survey questions", owner="Ada Lovelace", done=True
        ),
        "theirs": MitigationStep.objects.create(
            item=public_item, position=3, text="Chase the replies", owner="Charles Babbage"
        ),
        "restricted": MitigationStep.objects.create(
            item=restricted_item, position=1, text="Brief the regulator", owner="Ada Lovelace"
        ),
    }
    crs = {
        "mine": ChangeRequestFactory(ref="CR710", raised_by="Ada Lovelace"),
        "theirs": ChangeRequestFactory(ref="CR711", raised_by="Charles Babbage"),
        "mine_restricted": ChangeRequestFactory(ref="CR712", raised_by="Ada Lovelace", classification=RESTRICTED),
    }
    return {"actions": actions, "steps": steps, "crs": crs}


def my_page(client):
    return page(client.get("/my/"))


def test_my_items_lists_the_open_actions_whose_owner_names_me(participant_client, mine):
    actions = refs(by_testid(my_page(participant_client), "actions-log"))
    a = mine["actions"]

    assert set(actions) == {a["mine"].ref, a["mine_lower"].ref}


def test_my_items_lists_my_open_mitigation_steps(participant_client, mine):
    steps = by_testid(my_page(participant_client), "my-steps")

    assert [item.text() for item in steps.find_all("li")] == [f"R700 Run the readiness survey due {today():%d/%m/%Y}"]


def test_my_items_lists_the_crs_i_raised(participant_client, mine):
    document = my_page(participant_client)
    raised = card(document, "Change requests I raised")

    assert refs(raised) == ["CR710"]


def test_my_items_never_show_a_participant_restricted_records(participant_client, mine):
    text = my_page(participant_client).text()

    for secret in ("Mine, restricted", "Brief the regulator", "R701", "CR712"):
        assert secret not in text, secret


def test_my_items_of_pmo_include_restricted_records_they_own(pmo_client, pmo, mine):
    meeting = mine["actions"]["mine"].meeting
    restricted = ActionFactory(meeting=meeting, owner="Grace Hopper", classification=RESTRICTED)

    assert refs(by_testid(my_page(pmo_client), "actions-log")) == [restricted.ref]


@pytest.fixture
def impact_assessments(groups, suppliers, organisation):
    """CRs in impact assessment: inviting suppliers, everyone, DNOs only, already answered by Brighter Energy,
    answered by another supplier only, closed yesterday, not yet issued, Restricted, inviting suppliers and DNOs."""
    dnos = ConstituencyFactory(code="DNO", name="Distribution Network Operator")
    IA, OPEN = ChangeStage.IMPACT_ASSESSMENT, ChangeStatus.OPEN
    closes = today() + 10 * DAY

    def cr(ref, constituencies=(), **fields):
        fields = {"stage": IA, "status": OPEN, "ia_closes_on": closes, **fields}
        return ChangeRequestFactory(ref=ref, title=f"Change {ref}", ia_constituencies=list(constituencies), **fields)

    crs = {
        "suppliers": cr("CR800", [suppliers]),
        "everyone": cr("CR801", ia_closes_on=today() + 3 * DAY),
        "dnos_only": cr("CR802", [dnos]),
        "answered": cr("CR803", [suppliers]),
        "answered_by_another": cr("CR804", [suppliers]),
        "closed_window": cr("CR805", [suppliers], ia_closes_on=today() - DAY),
        "not_issued": cr("CR806", [suppliers], stage=ChangeStage.VALIDATED, ia_closes_on=None),
        "restricted": cr("CR807", [suppliers], classification=RESTRICTED),
        "two_seats": cr("CR808", [suppliers, dnos]),
        "decided": cr("CR809", [suppliers], status=ChangeStatus.WITHDRAWN),
    }
    ImpactResponseFactory(change_request=crs["answered"], organisation=organisation)
    ImpactResponseFactory(
        change_request=crs["answered_by_another"], organisation=OrganisationFactory(constituency=suppliers)
    )
    return crs


def test_my_items_list_the_impact_assessments_awaiting_my_organisation(participant_client, impact_assessments):
    awaiting = by_testid(my_page(participant_client), "my-ia")

    # Soonest closing first; each CR once, even when it invites several of the organisation's seats.
    assert refs(awaiting) == ["CR801", "CR800", "CR804", "CR808"]
    assert f"closes {today() + 10 * DAY:%d/%m/%Y}" in awaiting.find_all("li")[1].text()


def test_my_items_name_my_organisation_and_its_constituency(participant_client, organisation):
    assert "Brighter Energy (Large Supplier)" in my_page(participant_client).text()


def test_with_nothing_awaiting_my_organisation_my_items_say_so(participant_client, organisation):
    awaiting = by_testid(my_page(participant_client), "my-ia")

    assert awaiting.text() == "Nothing awaiting a response."


def test_without_an_organisation_my_items_explain_why_no_impact_assessment_is_listed(participant_client, groups):
    cr = ChangeRequestFactory(ref="CR820", stage=ChangeStage.IMPACT_ASSESSMENT, ia_closes_on=today() + 5 * DAY)

    awaiting = by_testid(my_page(participant_client), "my-ia")

    assert "Your account is not linked to a programme party; ask PMO to set your organisation." in awaiting.text()
    assert cr.ref not in awaiting.text()


def test_a_profile_without_an_organisation_gets_the_same_explanation(participant_client, participant):
    Profile.objects.create(user=participant, organisation=None)

    awaiting = by_testid(my_page(participant_client), "my-ia")

    assert "Your account is not linked to a programme party" in awaiting.text()


def test_my_items_with_nothing_of_mine_show_empty_sections(participant_client, groups):
    document = my_page(participant_client)

    assert refs(by_testid(document, "actions-log")) == []
    assert by_testid(document, "my-steps").text() == "None."
