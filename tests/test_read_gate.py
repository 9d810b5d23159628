"""One gate for reads (core.restriction): a register read while answering a request is restricted for the reader,
or says it is system work; anything else fails loudly in the tests (RESTRICTION_STRICT) and is logged otherwise."""

import datetime
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from rest_framework.exceptions import ValidationError

from core.api.fields import GatedSlugRelatedField
from core.choices import Classification
from core.restriction import RestrictionMiddleware, UnrestrictedRead, reading_for, system_work
from meetings import services as meeting_services
from meetings.api.serializers import ActionSerializer
from meetings.choices import PackKind
from meetings.models import Action, Meeting, MeetingPack
from tests.changes.factories import ChangeRequestFactory
from tests.meetings.factories import ActionFactory, MeetingFactory, at

pytestmark = pytest.mark.django_db
PUBLIC, RESTRICTED = Classification.PUBLIC, Classification.RESTRICTED


def answer(user, read):
    """Runs `read` as a view would, inside the middleware that marks whose request it is."""
    request = RequestFactory().get("/")
    request.user = user

    def view(request):
        read()
        return HttpResponse("ok")

    return RestrictionMiddleware(view)(request)


def test_settings_of_the_test_suite_make_an_ungated_read_fail():
    from django.conf import settings

    assert settings.RESTRICTION_STRICT is True


def test_an_ungated_read_in_a_request_raises(pmo_user):
    MeetingFactory()
    with pytest.raises(UnrestrictedRead, match=r"meetings.Meeting was read .* without .restrict\(user\)"):
        answer(pmo_user, lambda: list(Meeting.objects.all()))
    with pytest.raises(UnrestrictedRead):
        answer(pmo_user, lambda: Meeting.objects.count())
    with pytest.raises(UnrestrictedRead):
        answer(pmo_user, lambda: Meeting.objects.filter(number="1").exists())


def test_a_link_followed_without_the_gate_is_a_read_too(pmo_user):
    meeting = MeetingFactory()
    ActionFactory(meeting=meeting)
    with pytest.raises(UnrestrictedRead, match=r"meetings\.Action"):
        answer(pmo_user, lambda: list(meeting.actions.all()))
    assert answer(pmo_user, lambda: list(meeting.actions.restrict(pmo_user))).status_code == 200


def test_restricted_unrestricted_and_system_reads_pass(pmo_user):
    MeetingFactory()
    assert answer(pmo_user, lambda: list(Meeting.objects.restrict(pmo_user))).status_code == 200
    assert answer(pmo_user, lambda: list(Meeting.objects.unrestricted())).status_code == 200

    def service_like():
        with system_work():
            list(Meeting.objects.all())

    assert answer(pmo_user, service_like).status_code == 200
    # Outside a request (a task, a command, the shell) there is no reader to read for.
    assert list(Meeting.objects.all())


@override_settings(RESTRICTION_STRICT=False)
def test_outside_the_tests_an_ungated_read_is_logged_never_silent(pmo_user, caplog):
    MeetingFactory()
    with caplog.at_level(logging.ERROR, logger="core.restriction"):
        assert answer(pmo_user, lambda: list(Meeting.objects.all())).status_code == 200
    assert "meetings.Meeting was read while answering a request without .restrict(user)" in caplog.text


def test_the_gate_is_kept_through_chained_querysets(participant_user):
    MeetingFactory(number="1")
    MeetingFactory(number="2", classification=RESTRICTED)
    gated = Meeting.objects.restrict(participant_user).filter(group__code="DAG").order_by("-starts_at")
    assert gated.is_restricted
    with reading_for(participant_user):
        assert [meeting.ref for meeting in gated] == ["DAG1"]


def test_a_public_pack_of_a_meeting_made_restricted_is_hidden_with_the_meeting(participant_user, pmo_user):
    meeting = MeetingFactory(number="5")
    meeting.agenda_items.create(position=1, title="Welcome")
    pack = meeting_services.pack_request(meeting=meeting, kind=PackKind.PAPERS, actor=None)
    assert pack.classification == PUBLIC

    meeting.classification = RESTRICTED
    meeting.save()

    assert not MeetingPack.objects.restrict(participant_user).filter(pk=pack.pk).exists()
    assert MeetingPack.objects.restrict(pmo_user).filter(pk=pack.pk).exists()


def test_an_actions_links_name_only_what_its_reader_may_see(participant_user):
    public_cr = ChangeRequestFactory(ref="CR501")
    restricted_cr = ChangeRequestFactory(ref="CR502", classification=RESTRICTED)
    meeting = MeetingFactory(starts_at=at(datetime.date(2024, 6, 5)))
    action = ActionFactory(meeting=meeting, links={"change_requests": [public_cr, restricted_cr]})
    request = RequestFactory().get("/")
    request.user = participant_user

    with reading_for(participant_user):
        data = ActionSerializer(
            Action.objects.restrict(participant_user).get(pk=action.pk), context={"request": request}
        ).data

    assert data["change_requests"] == ["CR501"]


def test_a_ref_a_reader_may_not_see_is_refused_as_if_it_did_not_exist(participant_user):
    MeetingFactory(number="990", classification=RESTRICTED)
    request = RequestFactory().post("/")
    request.user = participant_user
    field = ActionSerializer(context={"request": request}).fields["meeting"]
    assert isinstance(field, GatedSlugRelatedField)
    with reading_for(participant_user), pytest.raises(ValidationError) as refused:
        field.to_internal_value("DAG990")
    with reading_for(participant_user), pytest.raises(ValidationError) as missing:
        field.to_internal_value("DAG999")
    assert str(refused.value.detail).replace("DAG990", "X") == str(missing.value.detail).replace("DAG999", "X")


def test_a_filter_naming_a_restricted_meeting_answers_as_for_one_that_does_not_exist(api_for):
    MeetingFactory(number="990", classification=RESTRICTED)
    participant = api_for("Participant")

    hidden = participant.get("/api/actions/", {"meeting": "DAG990"})
    missing = participant.get("/api/actions/", {"meeting": "DAG999"})

    assert hidden.status_code == missing.status_code == 400
    assert str(hidden.json()).replace("DAG990", "X") == str(missing.json()).replace("DAG999", "X")
