"""Who hears of what, through the read gate, once per event and person; and preferences honoured."""

import datetime

import pytest
from django.core import mail

from changes.choices import ChangeStage, ChangeStatus
from core import events
from core.choices import Classification
from meetings import services as meeting_services
from notifications import services
from notifications.choices import DeliveryStatus, Frequency, Kind
from notifications.models import Delivery, Notification
from tests.changes.factories import ChangeRequestFactory, ImpactResponseFactory
from tests.meetings.factories import ActionFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def representatives(person, parties):
    return {
        "alpha": person("ann", organisation=parties["alpha"], representative=True),
        "beta": person("bob", organisation=parties["beta"], representative=True),
        "grid": person("gus", organisation=parties["grid"], representative=True),
        # Of a party asked, but not its representative: answers nothing, so is not told.
        "colleague": person("cat", organisation=parties["alpha"]),
    }


def issued_cr(parties, today, **fields):
    defaults = {
        "ref": "CR054",
        "title": "Change to Non-Functional Requirements for LDSOs",
        "stage": ChangeStage.IMPACT_ASSESSMENT,
        "ia_opens_on": today,
        "ia_closes_on": today + datetime.timedelta(days=14),
        "ia_constituencies": [parties["supplier"]],
    }
    return ChangeRequestFactory(**(defaults | fields))


def test_an_ia_issued_tells_each_representative_of_the_constituencies_asked_once(
    dispatch, parties, representatives, today
):
    cr = issued_cr(parties, today)

    dispatch(events.IA_ISSUED, {"change_request_id": cr.pk})
    # The task delivered again: the outbox's unique keys write and send nothing more.
    dispatch(events.IA_ISSUED, {"change_request_id": cr.pk})

    assert sorted(message.to[0] for message in mail.outbox) == ["ann@example.org", "bob@example.org"]
    assert Notification.objects.filter(kind=Kind.IA_ISSUED).count() == 2
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 2
    message = mail.outbox[0]
    assert message.subject.startswith("CR054 issued for impact assessment: answer from")
    assert f"by {cr.ia_closes_on:%d/%m/%Y}" in message.body
    assert "http://127.0.0.1:8000/changes/CR054/" in message.body


def test_an_ia_asking_no_constituency_goes_to_every_partys_representative(dispatch, parties, representatives, today):
    cr = issued_cr(parties, today, ia_constituencies=[])

    dispatch(events.IA_ISSUED, {"change_request_id": cr.pk})

    assert len(mail.outbox) == 3


def test_a_restricted_cr_reaches_no_participant_not_even_by_its_ref(
    dispatch, parties, representatives, chair_representative, today
):
    cr = issued_cr(parties, today, classification=Classification.RESTRICTED)

    dispatch(events.IA_ISSUED, {"change_request_id": cr.pk})

    assert [message.to for message in mail.outbox] == [["chair-rep@example.org"]]
    assert not Notification.objects.exclude(recipient=chair_representative).exists()


def test_the_ia_closing_reminder_goes_to_parties_that_have_not_answered(committed, parties, representatives, today):
    # Closing on the second working day from today.
    cr = issued_cr(parties, today, ia_closes_on=_working_days_after(today, 2))
    ImpactResponseFactory(change_request=cr, organisation=parties["alpha"])

    with committed():
        services.remind_ia_closing(today)
        services.remind_ia_closing(today)

    assert [message.to for message in mail.outbox] == [["bob@example.org"]]
    assert "has not answered" in mail.outbox[0].body


def test_an_ia_closing_later_is_not_reminded_yet(parties, representatives, today):
    issued_cr(parties, today, ia_closes_on=_working_days_after(today, 3))

    assert services.remind_ia_closing(today) == 0


def test_an_action_assigned_tells_its_named_owner_and_its_organisations_people(dispatch, person, parties, groups):
    owner = person("dana", organisation=parties["grid"])
    owner.first_name, owner.last_name = "Dana", "Scully"
    owner.save()
    colleague = person("eve", organisation=parties["alpha"])
    bystander = person("fay", organisation=parties["beta"])
    action = ActionFactory(owner="Dana Scully (Northern Grid)", owner_organisation=parties["alpha"])

    dispatch(events.ACTION_ASSIGNED, {"action_id": action.pk})

    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {owner.username, colleague.username}
    assert bystander.username not in told
    assert mail.outbox[0].subject == f"Action {action.ref} assigned to Dana Scully (Northern Grid)"


def test_a_restricted_action_is_not_told_to_its_participant_owner(dispatch, person, parties):
    person("dana", organisation=parties["alpha"])
    action = ActionFactory(owner="dana", classification=Classification.RESTRICTED)

    dispatch(events.ACTION_ASSIGNED, {"action_id": action.pk})

    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_the_weekly_digest_lists_each_persons_due_and_overdue_actions_and_nothing_restricted(person, parties, today):
    dana = person("dana", organisation=parties["alpha"])
    meeting = MeetingFactory()
    overdue = ActionFactory(meeting=meeting, owner="dana")
    due_soon = ActionFactory(meeting=meeting, owner="dana")
    later = ActionFactory(meeting=meeting, owner="dana")
    secret = ActionFactory(meeting=meeting, owner="dana", classification="restricted")
    _set_due(overdue, today - datetime.timedelta(days=3))
    _set_due(due_soon, _working_days_after(today, 4))
    _set_due(later, today + datetime.timedelta(days=30))
    _set_due(secret, today - datetime.timedelta(days=1))

    services.remind_actions_due(today)
    assert mail.outbox == []  # the action reminders are a weekly digest by default
    services.digest_send(dana.pk, Frequency.WEEKLY)

    (message,) = mail.outbox
    assert message.subject == "Weekly digest: 1 notification"
    assert overdue.ref in message.body and f"overdue since {overdue.due_on:%d/%m/%Y}" in message.body
    assert due_soon.ref in message.body
    assert later.ref not in message.body
    assert secret.ref not in message.body
    assert "1 overdue, 1 due within five working days" in message.body


def test_an_email_about_a_record_restricted_after_it_was_queued_is_not_sent(dispatch, parties, representatives, today):
    cr = issued_cr(parties, today)
    services.preferences_save(user=representatives["alpha"], frequencies={Kind.IA_ISSUED: Frequency.DAILY})
    dispatch(events.IA_ISSUED, {"change_request_id": cr.pk})
    mail.outbox.clear()
    type(cr).objects.filter(pk=cr.pk).update(classification=Classification.RESTRICTED)

    assert services.digest_send(representatives["alpha"].pk, Frequency.DAILY) == "nothing to send"
    assert mail.outbox == []
    assert Delivery.objects.get(recipient=representatives["alpha"]).status == DeliveryStatus.SKIPPED


def test_off_keeps_the_inbox_but_sends_no_email(dispatch, parties, representatives, today):
    services.preferences_save(user=representatives["alpha"], frequencies={Kind.IA_ISSUED: Frequency.OFF})

    dispatch(events.IA_ISSUED, {"change_request_id": issued_cr(parties, today).pk})

    assert [message.to for message in mail.outbox] == [["bob@example.org"]]
    assert Notification.objects.filter(recipient=representatives["alpha"]).exists()
    assert Delivery.objects.get(recipient=representatives["alpha"]).status == DeliveryStatus.SKIPPED


def test_a_daily_digest_gathers_the_days_notifications_into_one_email(dispatch, parties, representatives, today):
    ann = representatives["alpha"]
    services.preferences_save(user=ann, frequencies={Kind.IA_ISSUED: Frequency.DAILY})
    dispatch(events.IA_ISSUED, {"change_request_id": issued_cr(parties, today, ref="CR060").pk})
    dispatch(events.IA_ISSUED, {"change_request_id": issued_cr(parties, today, ref="CR061").pk})
    mail.outbox.clear()

    from notifications.tasks import send_digests

    assert send_digests("daily") == 1
    assert send_digests("daily") == 0

    (message,) = mail.outbox
    assert message.to == ["ann@example.org"]
    assert message.subject == "Daily digest: 2 notifications"
    assert "CR060" in message.body and "CR061" in message.body


def test_a_decision_tells_the_raiser_and_the_parties_that_answered(dispatch, person, parties, representatives, today):
    raiser = person("rae", organisation=parties["grid"])
    cr = issued_cr(
        parties,
        today,
        raised_by="rae",
        raiser_organisation=parties["grid"],
        status=ChangeStatus.APPROVED,
        decided_on=today,
    )
    ImpactResponseFactory(change_request=cr, organisation=parties["beta"])

    dispatch(events.CR_DECIDED, {"change_request_id": cr.pk})

    told = set(Notification.objects.values_list("recipient__username", flat=True))
    # The raiser, the raiser's party (gus represents it) and the party that answered (bob).
    assert told == {raiser.username, "gus", "bob"}
    assert mail.outbox[0].subject == "CR054 approved"


def test_a_headline_report_reaches_the_groups_followers_who_may_read_it(dispatch, person, groups, chair_user):
    follower = person("fin")
    restricted_follower = person("gil")
    meeting = MeetingFactory(group=groups["DAG"], number="1")
    secret = MeetingFactory(group=groups["DAG"], number="2", classification=Classification.RESTRICTED)
    for user in (follower, restricted_follower):
        services.follow_set(user=user, following=True, group=groups["DAG"])
    meeting_services.headline_issue(meeting=meeting, actor=chair_user)
    meeting_services.headline_issue(meeting=secret, actor=chair_user)

    dispatch(events.HEADLINE_ISSUED, {"meeting_id": meeting.pk})
    dispatch(events.HEADLINE_ISSUED, {"meeting_id": secret.pk})

    assert sorted(Notification.objects.values_list("subject", flat=True)) == [
        f"{meeting.ref} headline report issued",
        f"{meeting.ref} headline report issued",
    ]


def test_an_event_published_in_a_transaction_is_handled_after_the_commit(
    parties, representatives, today, django_capture_on_commit_callbacks
):
    cr = issued_cr(parties, today)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        events.publish(events.IA_ISSUED, change_request_id=cr.pk)
        assert not Notification.objects.exists()

    assert callbacks
    assert Notification.objects.count() == 2


def _working_days_after(day, count):
    from milestones.rag import add_working_days

    return add_working_days(day, count)


def _set_due(action, due_on):
    type(action).objects.filter(pk=action.pk).update(due_on=due_on)
    action.due_on = due_on


def test_papers_published_tell_the_groups_followers_which_sections_changed_since_v1_0(dispatch, person, groups):
    from meetings.choices import PackKind, PackStatus
    from meetings.models import AgendaItem, MeetingPack

    follower = person("fin")
    services.follow_set(user=follower, following=True, group=groups["DAG"])
    meeting = MeetingFactory(group=groups["DAG"])
    AgendaItem.objects.create(meeting=meeting, position=1, title="Welcome")
    AgendaItem.objects.create(meeting=meeting, position=2, title="Change request status")
    first = MeetingPack.objects.create(
        meeting=meeting, kind=PackKind.PAPERS, status=PackStatus.READY, section_digests={"item-1": "a", "item-2": "b"}
    )
    reissue = MeetingPack.objects.create(
        meeting=meeting,
        kind=PackKind.PAPERS,
        minor=2,
        status=PackStatus.READY,
        section_digests={"item-1": "a", "item-2": "changed"},
    )

    dispatch(events.PAPERS_PUBLISHED, {"pack_id": first.pk})
    dispatch(events.PAPERS_PUBLISHED, {"pack_id": reissue.pk})

    first_news, reissue_news = Notification.objects.order_by("pk")
    assert first_news.subject == f"{meeting.ref} meeting papers v1.0 published"
    assert reissue_news.subject == f"{meeting.ref} meeting papers v1.2 published"
    assert reissue_news.body == "Changed since v1.0: 2. Change request status."
    assert len(mail.outbox) == 2
