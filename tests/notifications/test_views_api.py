"""The inbox, preferences and follows in the browser, and /api/notifications/: each person's own only."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from core.choices import Classification
from notifications import notices, services
from notifications.choices import Frequency, Kind
from notifications.models import Follow, Notification, Preference
from tests.changes.factories import ChangeRequestFactory

pytestmark = pytest.mark.django_db


def note(user, subject, **fields):
    return Notification.objects.create(
        recipient=user, kind=Kind.CR_DECIDED, event_key=f"test:{subject}", subject=subject, **fields
    )


def test_the_unread_count_is_kept_until_the_persons_notifications_change(client, ann, committed):
    note(ann, "First")
    client.force_login(ann)
    assert 'data-testid="inbox-unread">1' in client.get(reverse("notifications:inbox")).text

    with committed():
        services.notice_write(notices.Notice(ann, Kind.CR_DECIDED, "test:second", "Second", "", None))
    assert 'data-testid="inbox-unread">2' in client.get(reverse("notifications:inbox")).text

    client.post(reverse("notifications:mark-all-read"))
    assert "inbox-unread" not in client.get(reverse("notifications:inbox")).text


@pytest.fixture
def ann(person):
    return person("ann")


@pytest.fixture
def bob(person):
    return person("bob")


def test_the_inbox_lists_ones_own_notifications_and_the_nav_counts_the_unread(client, ann, bob):
    note(ann, "CR054 approved", url="/changes/CR054/")
    note(ann, "CR018 rejected")
    note(bob, "Bob's own news")
    client.force_login(ann)

    page = client.get(reverse("notifications:inbox"))

    assert page.status_code == 200
    assert "CR054 approved" in page.text and "CR018 rejected" in page.text
    assert "Bob's own news" not in page.text
    assert '<span class="badge rounded-pill text-bg-warning" data-testid="inbox-unread">2' in page.text


def test_mark_read_and_mark_all_read(client, ann, bob):
    first, second = note(ann, "First"), note(ann, "Second")
    theirs = note(bob, "Theirs")
    client.force_login(ann)

    assert client.post(reverse("notifications:mark-read", args=[first.pk])).status_code == 302
    assert client.post(reverse("notifications:mark-read", args=[theirs.pk])).status_code == 404
    first.refresh_from_db(), theirs.refresh_from_db()
    assert first.read_at is not None and theirs.read_at is None

    client.post(reverse("notifications:mark-all-read"))
    assert not Notification.objects.filter(recipient=ann, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=second.pk).read_at is not None
    assert "inbox-unread" not in client.get(reverse("notifications:inbox")).text


def test_a_notification_about_a_record_restricted_since_keeps_its_place_not_its_words(client, ann):
    cr = ChangeRequestFactory(ref="CR070", title="Secret plans", classification=Classification.RESTRICTED)
    note(ann, "CR070 Secret plans approved", content_type_id=_content_type_id(cr), object_id=cr.pk)
    client.force_login(ann)

    page = client.get(reverse("notifications:inbox"))

    assert "Secret plans" not in page.text
    assert "A record you can no longer read." in page.text
    (row,) = api(ann).get("/api/notifications/").json()["results"]
    assert row["subject"] == "A record you can no longer read." and row["url"] == ""


def test_preferences_are_saved_per_kind_and_bad_input_writes_nothing(client, ann):
    client.force_login(ann)
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200
    assert '<label class="col-sm-8 col-form-label" for="id_ia_issued">' in page.text

    choices = {kind: Frequency.IMMEDIATELY for kind in Kind.values} | {Kind.IA_ISSUED: Frequency.DAILY}
    bad = client.post(reverse("notifications:preferences"), choices | {Kind.CR_DECIDED: "hourly"})
    assert bad.status_code == 400
    assert "Select a valid choice" in bad.text
    assert not Preference.objects.exists()

    client.post(reverse("notifications:preferences"), choices)
    assert services.frequency_of(ann, Kind.IA_ISSUED) == Frequency.DAILY


def test_follow_and_unfollow_a_group_from_the_preferences_page_and_its_button(client, ann, groups):
    client.force_login(ann)

    client.post(reverse("notifications:preferences"), {"group": "DAG"})
    assert Follow.objects.filter(user=ann, group=groups["DAG"]).exists()
    assert "DAG" in client.get(reverse("notifications:preferences")).text

    unknown = client.post(reverse("notifications:preferences"), {"group": "NOPE"})
    assert unknown.status_code == 400 and "Choose one of the programme" in unknown.text

    client.post(reverse("notifications:follow-group", args=["DAG"]), {"follow": "0", "next": "/inbox/"})
    assert not Follow.objects.filter(user=ann).exists()
    answer = client.post(reverse("notifications:follow-group", args=["CCAG"]), {"follow": "1", "next": "https://evil"})
    assert answer.status_code == 302 and answer["Location"] == "/groups/CCAG/"
    assert Follow.objects.filter(user=ann, group=groups["CCAG"]).exists()


def test_a_record_one_may_not_read_cannot_be_followed(client, ann):
    secret = ChangeRequestFactory(ref="CR071", classification=Classification.RESTRICTED)
    public = ChangeRequestFactory(ref="CR072")
    client.force_login(ann)

    assert (
        client.post(
            reverse("notifications:follow-record", args=["change-request", "CR071"]), {"follow": "1"}
        ).status_code
        == 404
    )
    client.post(reverse("notifications:follow-record", args=["change-request", "CR072"]), {"follow": "1"})

    assert services.is_following(ann, record=public)
    assert not services.is_following(ann, record=secret)


def test_the_follow_button_include_shows_the_state(rf, ann, groups):
    from django.template import Context, Template

    services.follow_set(user=ann, following=True, group=groups["DAG"])
    request = rf.get("/groups/DAG/")
    request.user = ann
    html = Template("{% load notifications_tags %}{% follow_button group=group %}").render(
        Context({"request": request, "group": groups["DAG"], "csrf_token": "t"})
    )

    assert 'action="/inbox/follow/group/DAG/"' in html
    assert 'name="follow" value="0"' in html and "Following DAG" in html


# --- the API ------------------------------------------------------------------------------------------------


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_lists_the_signed_in_persons_notifications_only(ann, bob):
    note(ann, "CR054 approved", url="/changes/CR054/")
    note(bob, "Bob's own news")

    answer = api(ann).get("/api/notifications/")

    assert answer.status_code == 200
    (row,) = answer.json()["results"]
    assert row["subject"] == "CR054 approved"
    assert row["url"] == "http://127.0.0.1:8000/changes/CR054/"
    assert row["unread"] is True and row["kind"] == Kind.CR_DECIDED


def test_the_api_marks_ones_own_notification_read_and_not_anyone_elses(ann, bob):
    mine, theirs = note(ann, "Mine"), note(bob, "Theirs")

    answer = api(ann).post(f"/api/notifications/{mine.pk}/read/")
    assert answer.status_code == 200 and answer.json()["unread"] is False
    assert api(ann).post(f"/api/notifications/{theirs.pk}/read/").status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert [row["subject"] for row in api(ann).get("/api/notifications/?unread=true").json()["results"]] == []


def test_the_api_refuses_anonymous_callers():
    assert APIClient().get("/api/notifications/").status_code == 401


def _content_type_id(record):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(record).pk
