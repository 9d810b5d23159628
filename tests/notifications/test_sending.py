"""Sending reliably: retried with backoff, then failed and shown to the PMO; a bounce is marked, not retried;
the one-click unsubscribe link; and a real SMTP server on loopback reading what arrived."""

import datetime

import pytest
from django.core import mail, signing
from django.urls import reverse

from changes.choices import ChangeStage
from core import events
from notifications import mail as notification_mail
from notifications import notices, services
from notifications.choices import DeliveryStatus, Frequency, Kind
from notifications.models import BouncedAddress, Delivery, Preference
from tests.changes.factories import ChangeRequestFactory
from tests.notifications import backends

pytestmark = pytest.mark.django_db


@pytest.fixture
def ann(person, parties):
    return person("ann", organisation=parties["alpha"], representative=True)


@pytest.fixture
def cr(parties, today):
    return ChangeRequestFactory(
        ref="CR054",
        title="Change to Non-Functional Requirements for LDSOs",
        stage=ChangeStage.IMPACT_ASSESSMENT,
        ia_opens_on=today,
        ia_closes_on=today + datetime.timedelta(days=14),
        ia_constituencies=[parties["supplier"]],
    )


@pytest.fixture(autouse=True)
def _no_attempts_yet():
    backends.attempts.clear()


def test_backoff_doubles_from_the_setting(settings):
    settings.NOTIFICATIONS_RETRY_BACKOFF = 60
    assert [services.backoff(attempt) for attempt in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_a_failing_server_is_retried_with_backoff_then_the_email_is_failed_and_shown_to_the_pmo(
    dispatch, ann, cr, settings, client, pmo_user
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.DownBackend"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3

    # Tasks run in-process here, so the tries follow at once; a worker waits the backoff between them.
    dispatch(events.IA_ISSUED, {"change_request_id": cr.pk})

    delivery = Delivery.objects.get(recipient=ann)
    assert backends.attempts == ["ann@example.org"] * 3
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 3)
    assert "SMTPServerDisconnected" in delivery.last_error
    # Sent again by hand, or redelivered: a failed row is not tried again by itself.
    assert services.delivery_send(delivery.pk) == DeliveryStatus.FAILED
    assert len(backends.attempts) == 3

    client.force_login(pmo_user)
    page = client.get(reverse("notifications:outbox"))
    assert page.status_code == 200
    assert "ann@example.org" in page.text and "SMTPServerDisconnected" in page.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with_retry = client.post(reverse("notifications:outbox-retry", args=[delivery.pk]), follow=True)
    assert "queued again" in with_retry.text


def test_each_failed_try_asks_for_the_next_after_a_doubled_wait(ann, cr, settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    settings.NOTIFICATIONS_RETRY_BACKOFF = 60
    # Written but not committed: its send task is not queued, the test makes the tries itself.
    services.notice_write(notices.ia_issued(cr.pk)[0])
    delivery = Delivery.objects.get(recipient=ann)
    settings.EMAIL_BACKEND = "tests.notifications.backends.DownBackend"

    waits = []
    for _ in range(2):
        with pytest.raises(services.SendLater) as later:
            services.delivery_send(delivery.pk)
        waits.append(later.value.countdown)
    outcome = services.delivery_send(delivery.pk)

    assert waits == [60, 120]
    assert outcome == DeliveryStatus.FAILED


def test_the_outbox_is_the_pmos_alone(client, participant_user):
    client.force_login(participant_user)
    assert client.get(reverse("notifications:outbox")).status_code == 403


def test_an_address_refused_for_good_is_marked_bounced_and_not_retried(dispatch, ann, cr, settings, parties, today):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"

    dispatch(events.IA_ISSUED, {"change_request_id": cr.pk})

    delivery = Delivery.objects.get(recipient=ann)
    assert backends.attempts == ["ann@example.org"]
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.BOUNCED, 1)
    assert "550" in delivery.last_error
    assert BouncedAddress.objects.filter(address="ann@example.org").exists()

    # The next email to that address is not even tried.
    second = ChangeRequestFactory(
        ref="CR055", stage=ChangeStage.IMPACT_ASSESSMENT, ia_closes_on=today, ia_constituencies=[parties["supplier"]]
    )
    dispatch(events.IA_ISSUED, {"change_request_id": second.pk})
    assert backends.attempts == ["ann@example.org"]
    assert Delivery.objects.get(
        recipient=ann, notification__event_key__startswith=f"ia_issued:{second.pk}:"
    ).status == (DeliveryStatus.SKIPPED)


# --- unsubscribe ----------------------------------------------------------------------------------------------


def test_the_unsubscribe_link_asks_then_turns_the_kind_off_without_signing_in(client, ann):
    url = reverse("notifications:unsubscribe", args=[notification_mail.unsubscribe_token(ann, [Kind.IA_ISSUED])])

    asked = client.get(url)
    assert asked.status_code == 200
    assert "Impact assessment issued to your organisation" in asked.text
    assert not Preference.objects.exists()  # opening the link (or a scanner opening it) changes nothing

    done = client.post(url)
    assert done.status_code == 200
    assert "You are unsubscribed" in done.text
    assert services.frequency_of(ann, Kind.IA_ISSUED) == Frequency.OFF
    assert services.frequency_of(ann, Kind.CR_DECIDED) == Frequency.IMMEDIATELY


def test_a_mail_clients_one_click_post_needs_no_csrf_token(ann):
    from django.test import Client

    url = reverse("notifications:unsubscribe", args=[notification_mail.unsubscribe_token(ann, [Kind.VOTE_OPENED])])
    answer = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})

    assert answer.status_code == 200
    assert services.frequency_of(ann, Kind.VOTE_OPENED) == Frequency.OFF


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_unsubscribe_link_gets_a_clear_page_and_changes_nothing(client, ann, method):
    token = notification_mail.unsubscribe_token(ann, [Kind.IA_ISSUED])
    forged = token.replace('"u":', '"u":')[:-3] + "abc"
    other = signing.TimestampSigner(salt="elsewhere").sign_object({"u": ann.pk, "k": [Kind.IA_ISSUED]})

    for bad in (forged, other, "not-a-token"):
        answer = getattr(client, method)(reverse("notifications:unsubscribe", args=[bad]))
        assert answer.status_code == 400
        assert "This unsubscribe link is not valid" in answer.text
        assert "Nothing was changed" in answer.text
    assert not Preference.objects.exists()


def test_an_expired_unsubscribe_link_gets_a_clear_page_and_changes_nothing(client, ann, settings):
    token = notification_mail.unsubscribe_token(ann, [Kind.IA_ISSUED])
    settings.NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE = datetime.timedelta(seconds=-1)

    answer = client.post(reverse("notifications:unsubscribe", args=[token]))

    assert answer.status_code == 400
    assert "This unsubscribe link has expired" in answer.text
    assert not Preference.objects.exists()


# --- a real mail server -------------------------------------------------------------------------------------


def test_emails_arrive_at_a_real_smtp_server_with_both_parts_and_the_unsubscribe_headers(
    dispatch, smtp_server, ann, person, parties, cr
):
    person("bob", organisation=parties["beta"], representative=True)

    dispatch(events.IA_ISSUED, {"change_request_id": cr.pk})
    dispatch(events.IA_ISSUED, {"change_request_id": cr.pk})

    assert sorted(recipients for recipients, _ in smtp_server.received) == [["ann@example.org"], ["bob@example.org"]]
    _, message = next(item for item in smtp_server.received if item[0] == ["ann@example.org"])
    assert message["Subject"].startswith("CR054 issued for impact assessment")
    assert message["To"] == "ann@example.org"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "CR054" in text and "http://127.0.0.1:8000/changes/CR054/" in text
    assert '<a href="http://127.0.0.1:8000/changes/CR054/">' in html
    unsubscribe = str(message["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<http://127.0.0.1:8000/inbox/unsubscribe/") and unsubscribe.endswith("/>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in text and unsubscribe.strip("<>") in html
    assert mail.outbox == []  # it went through SMTP, not the test backend
