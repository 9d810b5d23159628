"""One classification rule (core.models.at_least_as_restricted): an action or decision is at least as restricted as
its meeting, a decision as the CR it decides, a pack as its meeting — whichever path writes it. A blank cell in a
spreadsheet means "inherit", never "Public"."""

import io

import pytest
from django.core.management import call_command

from core.choices import Classification
from meetings import services
from meetings.choices import PackKind
from meetings.models import Action, Decision
from raid.models import RaidItem
from tests.changes.factories import ChangeRequestFactory
from tests.meetings.factories import ActionFactory, DecisionFactory, MeetingFactory
from tests.raid.factories import RaidItemFactory

pytestmark = pytest.mark.django_db
PUBLIC, RESTRICTED = Classification.PUBLIC, Classification.RESTRICTED


def import_file(tmp_path, kind, text, name="rows.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_register", kind, str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def restricted_meeting(api_for):
    """DAG990, created Restricted through the API as in the report that found the leak."""
    response = api_for("PMO").post(
        "/api/meetings/",
        {
            "group": "DAG",
            "number": "990",
            "starts_at": "2024-10-02T10:00:00+01:00",
            "ends_at": "2024-10-02T12:00:00+01:00",
            "classification": RESTRICTED,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return services.Meeting.objects.get(ref="DAG990")


@pytest.fixture(autouse=True)
def dag_group():
    from tests.meetings.factories import dag

    return dag()


def test_an_imported_action_with_a_blank_classification_stays_restricted(
    tmp_path, restricted_meeting, api_for, client_for
):
    import_file(
        tmp_path,
        "actions",
        "Ref,Meeting,Action,Owner,Due,Classification\nDAG990-01,DAG990,Brief the SRO on ZQSECRET,PMO,30/10/2024,\n",
    )
    assert Action.objects.get(ref="DAG990-01").classification == RESTRICTED
    participant = api_for("Participant")
    assert participant.get("/api/actions/DAG990-01/").status_code == 404
    listed = client_for("Participant").get("/actions/?q=ZQSECRET")
    assert listed.status_code == 200
    assert b"DAG990-01" not in listed.content


def test_an_imported_action_said_to_be_public_at_a_restricted_meeting_is_restricted(tmp_path, restricted_meeting):
    import_file(
        tmp_path,
        "actions",
        "Ref,Meeting,Action,Owner,Due,Classification\nDAG990-01,DAG990,Brief the SRO,PMO,30/10/2024,Public\n",
    )
    assert Action.objects.get(ref="DAG990-01").classification == RESTRICTED


def test_an_imported_decision_with_a_blank_classification_stays_restricted(tmp_path, restricted_meeting, api_for):
    import_file(
        tmp_path,
        "decisions",
        "Ref,Meeting,Decision,Classification\nDAG-DEC990,DAG990,The group agreed ZQSECRET,\n",
    )
    assert Decision.objects.get(ref="DAG-DEC990").classification == RESTRICTED
    assert api_for("Participant").get("/api/decisions/DAG-DEC990/").status_code == 404


def test_a_decision_about_a_restricted_change_request_is_restricted(tmp_path):
    ChangeRequestFactory(ref="CR990", classification=RESTRICTED)
    MeetingFactory(number="991")
    import_file(tmp_path, "decisions", "Ref,Meeting,Decision,Change Request\nDAG-DEC991,DAG991,Approved CR990,CR990\n")
    assert Decision.objects.get(ref="DAG-DEC991").classification == RESTRICTED


def test_a_raid_item_imported_with_a_blank_classification_keeps_its_restricted_classification(tmp_path):
    item = RaidItemFactory(classification=RESTRICTED)
    import_file(
        tmp_path,
        "raid-items",
        f"Risk ID,Type,Title,Impact Level,Classification\n{item.ref},Risk,{item.title} (reworded),{item.impact},\n",
    )
    item = RaidItem.objects.get(pk=item.pk)
    assert item.title.endswith("(reworded)")
    assert item.classification == RESTRICTED


def test_a_pack_of_a_restricted_meeting_is_restricted_even_when_asked_for_public(restricted_meeting):
    restricted_meeting.agenda_items.create(position=1, title="Welcome")
    pack = services.pack_request(meeting=restricted_meeting, kind=PackKind.PAPERS, actor=None, classification=PUBLIC)
    assert pack.classification == RESTRICTED


def test_a_meeting_made_restricted_takes_its_actions_and_decisions_with_it():
    meeting = MeetingFactory(number="992")
    action = ActionFactory(meeting=meeting)
    decision = DecisionFactory(meeting=meeting)
    assert (action.classification, decision.classification) == (PUBLIC, PUBLIC)

    meeting.classification = RESTRICTED
    meeting.save()

    action.refresh_from_db()
    decision.refresh_from_db()
    assert (action.classification, decision.classification) == (RESTRICTED, RESTRICTED)
    assert action.history.first().history_change_reason == "Restricted with DAG992"
    assert action.version == 2, "a form opened before the change is stale now"
