"""Action owners update their own actions (meetings.update_own_action): the person the action names, or their
organisation's people, post updates and may recommend it closed, on its page and by the API; closing stays with
the group's meeting. Anyone else is refused (403) and nothing is written. Also: the events the meetings services
publish, and pack downloads recorded."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from rest_framework.test import APIClient

from core.choices import Classification
from core.events import ACTION_ASSIGNED, HEADLINE_ISSUED, PAPERS_PUBLISHED
from core.roles import ensure_roles
from meetings import services
from meetings.choices import PackKind, PackStatus
from meetings.models import Action, ActionUpdate, MeetingPack, PackDownload
from programme.services import person_save
from tests.meetings.factories import ActionFactory, MeetingFactory, close
from tests.programme.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    ensure_roles()
    user, _ = person_save(
        username="jsmith",
        organisation=OrganisationFactory(name="Elexon"),
        party_representative=False,
        constituency_representative=False,
        first_name="Jane",
        last_name="Smith",
    )
    return user


def api_as(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_the_owner_updates_and_recommends_closed_on_the_action_page(client, owner):
    action = ActionFactory(owner="Jane Smith (Elexon)")
    client.force_login(owner)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Update this action" in page and "Recommend closed" in page and "Close at a meeting" not in page

    url = reverse("meetings:action-owner-update", args=[action.ref])
    assert client.post(url, {"text": "Draft circulated to the DAG."}).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.latest_update) == ("ongoing", "Draft circulated to the DAG.")

    client.post(url, {"text": "Comments addressed; proposed for closure.", "recommend_closed": "on"})
    action.refresh_from_db()
    assert action.status == "recommend_closed"
    log = list(ActionUpdate.objects.filter(action=action).order_by("pk").values_list("status", "author"))
    assert log == [("ongoing", owner.pk), ("recommend_closed", owner.pk)]
    assert action.history.first().history_user == owner


def test_an_organisations_people_update_its_actions_by_the_api(owner):
    action = ActionFactory(owner="Elexon design team", owner_organisation=owner.profile.organisation)
    response = api_as(owner).post(
        f"/api/actions/{action.ref}/updates/", {"text": "Proposed for closure.", "status": "recommend_closed"}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "recommend_closed"
    response = api_as(owner).post(f"/api/actions/{action.ref}/updates/", {"text": "Still on it."})
    assert response.status_code == 201 and Action.objects.unrestricted().get(pk=action.pk).status == "recommend_closed"


def test_an_update_to_someone_elses_action_is_refused_and_writes_nothing(client, owner, participant_user):
    action = ActionFactory(owner="Programme PMO")
    before = action.history.count()
    assert api_as(owner).post(f"/api/actions/{action.ref}/updates/", {"text": "Mine now"}).status_code == 403
    client.force_login(owner)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Update this action" not in page
    response = client.post(reverse("meetings:action-owner-update", args=[action.ref]), {"text": "Mine now"})
    assert response.status_code == 403
    client.force_login(participant_user)
    response = client.post(reverse("meetings:action-owner-update", args=[action.ref]), {"text": "Mine now"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.latest_update == "" and action.history.count() == before
    assert not ActionUpdate.objects.filter(action=action).exists()


def test_an_owner_does_not_close_reopen_or_update_a_closed_action(client, owner):
    meeting = MeetingFactory()
    action = ActionFactory(meeting=meeting, owner="jsmith")
    api = api_as(owner)
    response = api.post(f"/api/actions/{action.ref}/updates/", {"text": "Done", "status": "open"})
    assert response.status_code == 400 and "status" in response.json()
    assert api.post(f"/api/actions/{action.ref}/updates/", {"text": "Done", "status": "closed"}).status_code == 400
    assert api.post(f"/api/actions/{action.ref}/updates/", {"text": " "}).status_code == 400
    close(action, at_meeting=meeting)
    assert api.post(f"/api/actions/{action.ref}/updates/", {"text": "More"}).status_code == 400
    client.force_login(owner)
    assert "Update this action" not in client.get(action.get_absolute_url()).content.decode()
    assert ActionUpdate.objects.filter(action=action).values_list("status", flat=True).get() == "closed"


def test_an_owner_never_sees_or_updates_a_restricted_action(owner):
    action = ActionFactory(owner="Jane Smith", classification=Classification.RESTRICTED)
    assert api_as(owner).post(f"/api/actions/{action.ref}/updates/", {"text": "Hello"}).status_code == 404
    assert not owner.has_perm("meetings.update_own_action", action)
    assert not ActionUpdate.objects.filter(action=action).exists()


def test_the_pmo_still_updates_any_action_to_any_open_status(pmo_user):
    action = ActionFactory(owner="Someone else")
    response = api_as(pmo_user).post(f"/api/actions/{action.ref}/updates/", {"text": "Reset", "status": "open"})
    assert response.status_code == 201


# --- events and pack downloads ------------------------------------------------------------------------------


@pytest.fixture
def published(monkeypatch):
    events = []
    monkeypatch.setattr("meetings.services.publish", lambda kind, **payload: events.append((kind, payload)))
    return events


def test_actions_publish_their_assignment_when_raised_and_when_their_owner_changes(published, owner):
    action = ActionFactory(owner="Programme PMO")
    assert published == [(ACTION_ASSIGNED, {"action_id": action.pk})]
    services.action_edit(action=action, actor=None, description="Reworded")
    assert len(published) == 1
    services.action_edit(action=Action.objects.unrestricted().get(pk=action.pk), actor=None, owner="Jane Smith")
    services.action_edit(
        action=Action.objects.unrestricted().get(pk=action.pk),
        actor=None,
        owner_organisation=owner.profile.organisation,
    )
    assert published == [(ACTION_ASSIGNED, {"action_id": action.pk})] * 3


def test_issuing_a_headline_report_publishes_it(published):
    meeting = MeetingFactory()
    services.headline_issue(meeting=meeting, actor=None, issued_on=meeting.held_on)
    assert published == [(HEADLINE_ISSUED, {"meeting_id": meeting.pk})]


def test_a_pack_rendered_ready_is_published_once(published, monkeypatch):
    meeting = MeetingFactory()
    monkeypatch.setattr("meetings.services._queue_render", lambda pack: None)
    monkeypatch.setattr("meetings.packs.compose", lambda pack: ("<p>papers</p>", {"agenda": "abc"}))
    monkeypatch.setattr("meetings.packs.print_pdf", lambda html: (b"%PDF-1.7 test", 1))
    pack = services.pack_request(meeting=meeting, kind=PackKind.HEADLINE_REPORT, actor=None)
    services.pack_render(pack.pk)
    services.pack_render(pack.pk)  # redelivered: already ready, not published again
    assert published == [(PAPERS_PUBLISHED, {"pack_id": pack.pk})]


def test_downloading_a_pack_records_who_took_which_version(client, participant_user, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory()
    pack = MeetingPack.objects.create(
        meeting=meeting, kind=PackKind.PAPERS, status=PackStatus.READY, section_digests={"agenda": "abc"}
    )
    pack.file.save(pack.filename(), ContentFile(b"%PDF-1.7 test"))
    client.force_login(participant_user)
    response = client.get(reverse("meetings:pack-download", args=[pack.pk]))
    assert response.status_code == 200
    b"".join(response.streaming_content)
    download = PackDownload.objects.get()
    assert (download.user, download.pack) == (participant_user, pack)

    restricted = MeetingPack.objects.create(
        meeting=meeting, kind=PackKind.PAPERS, classification=Classification.RESTRICTED, status=PackStatus.READY
    )
    assert client.get(reverse("meetings:pack-download", args=[restricted.pk])).status_code == 404
    assert PackDownload.objects.count() == 1
