"""The change-control pages: /changes/ (filters, htmx), /changes/<ref>/ (fields, IA table, timeline, history,
transition buttons), the forms, transitions and responses posted from the page, and the status report."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from changes import services
from changes.choices import ChangeStage, ChangeStatus, ImpactResponseChoice, Step
from changes.models import ChangeRequest, ImpactResponse
from core.choices import Classification
from programme.choices import GroupLevel
from tests.changes.factories import ChangeRequestFactory, ImpactResponseFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

HTMX_TABLE = {"HX-Request": "true", "HX-Target": "record-table"}
DAY = datetime.timedelta(days=1)


@pytest.fixture
def groups():
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    return {
        "PSG": psg,
        "CB": GovernanceGroupFactory(code="CB", name="Change Board", level=GroupLevel.ADVISORY, parent=psg),
    }


@pytest.fixture
def parties():
    dno = ConstituencyFactory(code="DNO", name="DNO", position=1)
    supplier = ConstituencyFactory(code="LARGE_SUPPLIER", name="Large Supplier", position=2)
    return {
        "DNO": dno,
        "LARGE_SUPPLIER": supplier,
        "UKPN": OrganisationFactory(name="UKPN", constituency=dno),
        "SSEN": OrganisationFactory(name="SSEN", constituency=dno),
        "Octopus": OrganisationFactory(name="Octopus", constituency=supplier),
    }


@pytest.fixture
def register(groups, parties, today):
    return {
        "CR051": ChangeRequestFactory(
            ref="CR051",
            title="Deferral of MHSSP-037",
            status=ChangeStatus.APPROVED,
            stage=ChangeStage.COMPLETE,
            decision_body=groups["CB"],
            raised_on=datetime.date(2024, 6, 3),
        ),
        "CR054": ChangeRequestFactory(
            ref="CR054",
            title="Change to Non-Functional Requirements for LDSOs",
            description="Amend the NFRs for LDSOs.",
            raised_by="David Yeoman",
            raiser_organisation=parties["UKPN"],
            stage=ChangeStage.AWAITING_DECISION,
            latest_action="Validated by Change Board for Impact Assessment",
            decision_body=groups["PSG"],
            raised_on=datetime.date(2024, 8, 1),
            implementation_target="M6 (Aug-24)",
            change_owner="Paul Pettitt, MHHS Programme",
        ),
        "CR058": ChangeRequestFactory(ref="CR058", title="Programme update at DAG", raised_on=today - 10 * DAY),
        "CR060": ChangeRequestFactory(
            ref="CR060", title="Commercially sensitive change", classification=Classification.RESTRICTED
        ),
    }


@pytest.fixture
def pmo_client(client, pmo_user):
    client.force_login(pmo_user)
    return client


@pytest.fixture
def participant_client(client, participant_user):
    client.force_login(participant_user)
    return client


def form_data(form, **changes):
    """What `form` posts back as rendered (hidden version included), with `changes` applied."""
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.name] = "on"
        elif value not in (None, "", []):
            data[bound.name] = value
    data.update(changes)
    return data


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def refs_in_table(response):
    return [row.record.ref for row in response.context["table"].page.object_list]


def step_form(page, step):
    """The form of `step` as the detail page rendered it."""
    return next(item["form"] for item in page.context["steps"] if item["step"] == step)


# --- the list -------------------------------------------------------------------------------------------


def test_it_lists_change_requests_with_a_filter_form(participant_client, register):
    response = participant_client.get("/changes/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert 'role="search"' in html
    for name in ("q", "status", "stage", "decision_body", "raised_after", "raised_before"):
        assert f'name="{name}"' in html
    for ref in ("CR051", "CR054", "CR058"):
        assert f'href="/changes/{ref}/"' in html
    assert "Change to Non-Functional Requirements for LDSOs" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "approved"}, ["CR051"]),
        ({"stage": "awaiting_decision"}, ["CR054"]),
        ({"decision_body": "PSG"}, ["CR054"]),
        ({"raised_after": "2024-07-01", "raised_before": "2024-12-31"}, ["CR054"]),
        ({"q": "MHSSP"}, ["CR051"]),
    ],
)
def test_it_narrows_the_list_by_querystring(participant_client, register, params, expected):
    response = participant_client.get("/changes/", params)

    assert response.status_code == 200
    assert refs_in_table(response) == expected


def test_it_answers_an_htmx_filter_request_with_the_table_only(participant_client, register):
    response = participant_client.get("/changes/", {"status": "approved"}, headers=HTMX_TABLE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'role="search"' not in html
    assert "<table" in html
    assert 'href="/changes/CR051/"' in html
    assert 'href="/changes/CR054/"' not in html


def test_it_lists_in_a_constant_number_of_queries_whatever_the_number_of_rows(pmo_client, groups, parties):
    def build(first, count):
        for n in range(first, first + count):
            ChangeRequestFactory(
                ref=f"CR{n:03d}",
                raiser_organisation=parties["UKPN"],
                decision_body=groups["PSG"],
                raised_by="Someone",
            )

    build(100, 3)
    # A first page fills the per-person caches (the navigation's unread count), as any earlier page would.
    pmo_client.get("/changes/")
    with CaptureQueriesContext(connection) as few:
        few_rows = pmo_client.get("/changes/")
    build(200, 30)
    with CaptureQueriesContext(connection) as many:
        many_rows = pmo_client.get("/changes/")

    assert len(refs_in_table(few_rows)) == 3
    assert len(refs_in_table(many_rows)) == 33
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]


def test_it_keeps_restricted_crs_out_of_a_participants_list(participant_client, client_for, register):
    as_participant = participant_client.get("/changes/")
    as_chair = client_for("Chair").get("/changes/")

    assert "CR060" not in refs_in_table(as_participant)
    assert "Commercially sensitive change" not in as_participant.content.decode()
    assert "CR060" in refs_in_table(as_chair)


def test_it_shows_the_new_button_to_pmo_only(client, pmo_user, participant_user, register):
    client.force_login(participant_user)
    as_participant = client.get("/changes/").content.decode()
    client.force_login(pmo_user)
    as_pmo = client.get("/changes/").content.decode()

    assert 'href="/changes/new/"' not in as_participant
    assert 'href="/changes/new/"' in as_pmo


# --- the record page ------------------------------------------------------------------------------------


def test_it_shows_a_crs_fields_ia_table_timeline_and_history(participant_client, register, parties):
    ImpactResponseFactory(change_request=register["CR054"], organisation=parties["UKPN"], response="support")

    response = participant_client.get("/changes/CR054/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "CR054 — Change to Non-Functional Requirements for LDSOs" in html
    assert "Amend the NFRs for LDSOs." in html
    assert "David Yeoman" in html
    assert "UKPN" in html
    assert 'href="/groups/PSG/"' in html
    assert "M6 (Aug-24)" in html
    assert "Paul Pettitt, MHHS Programme" in html
    assert "Validated by Change Board for Impact Assessment" in html
    assert 'data-testid="impact-summary"' in html
    assert [(row.constituency, row.yes, row.no_reply) for row in response.context["summary"].rows] == [
        ("DNO", 1, 1),
        ("Large Supplier", 0, 1),
    ]
    assert 'data-testid="timeline"' in html
    assert len(response.context["timeline"]) == 1
    assert 'id="history-tab"' in html
    assert 'data-testid="history"' in html


def test_it_shows_transitions_in_the_timeline_and_history(pmo_client, pmo_user, register):
    services.change_request_transition(change_request=register["CR058"], step=Step.VALIDATE, actor=pmo_user)

    response = pmo_client.get("/changes/CR058/")

    html = response.content.decode()
    timeline = html.split('data-testid="timeline"', 1)[1].split("</ol>", 1)[0]
    assert "Validated by Change Board" in timeline
    assert pmo_user.get_full_name() in timeline
    history = html.split('data-testid="history"', 1)[1]
    assert "Validate" in history
    assert pmo_user.get_full_name() in history


def test_it_offers_only_the_steps_a_raised_cr_allows(pmo_client, register):
    html = pmo_client.get("/changes/CR058/").content.decode()

    assert 'action="/changes/CR058/transitions/validate/"' in html
    assert 'action="/changes/CR058/transitions/withdraw/"' in html
    assert 'action="/changes/CR058/transitions/approve/"' not in html
    assert 'action="/changes/CR058/transitions/close_ia/"' not in html
    assert 'action="/changes/CR058/transitions/complete/"' not in html


def test_it_offers_the_decision_steps_for_a_cr_awaiting_decision(pmo_client, register):
    response = pmo_client.get("/changes/CR054/")

    assert {item["step"] for item in response.context["steps"]} == {
        "reopen_ia",
        "approve",
        "reject",
        "withdraw",
        "hold",
    }
    html = response.content.decode()
    assert 'action="/changes/CR054/transitions/approve/"' in html
    assert 'action="/changes/CR054/transitions/validate/"' not in html


def test_it_offers_no_steps_to_a_participant(participant_client, register):
    response = participant_client.get("/changes/CR058/")

    html = response.content.decode()
    assert "/transitions/" not in html
    assert 'href="/changes/CR058/edit/"' not in html


def test_it_serves_the_ia_summary_table_as_a_fragment(participant_client, register, parties):
    ImpactResponseFactory(change_request=register["CR054"], organisation=parties["SSEN"], response="reject")

    response = participant_client.get("/changes/CR054/impact-summary/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'data-testid="impact-summary"' in html
    assert response.context["summary"].as_dict()["totals"] == {"yes": 0, "no": 1, "abstain": 0, "no_reply": 2}


def test_it_answers_404_for_an_unknown_ref(participant_client, register):
    response = participant_client.get("/changes/CR999/")

    assert response.status_code == 404
    assert "<html" in response.content.decode()


# --- transitions from the page --------------------------------------------------------------------------


def test_it_lets_pmo_move_a_cr_with_the_pages_button(pmo_client, pmo_user, register):
    page = pmo_client.get("/changes/CR058/")

    response = pmo_client.post(
        "/changes/CR058/transitions/validate/", form_data(step_form(page, "validate")), follow=True
    )

    assert response.redirect_chain[-1][0] == "/changes/CR058/"
    stored = ChangeRequest.objects.get(ref="CR058")
    assert stored.stage == ChangeStage.VALIDATED
    assert stored.history.order_by("-history_date", "-history_id").first().history_user == pmo_user
    assert any("Validated by Change Board" in message for message in messages_of(response))


def test_it_issues_an_impact_assessment_with_the_dates_given_in_the_page(pmo_client, register, today):
    services.change_request_transition(change_request=register["CR058"], step=Step.VALIDATE, actor=None)
    page = pmo_client.get("/changes/CR058/")
    closes = today + 14 * DAY

    pmo_client.post(
        "/changes/CR058/transitions/issue_ia/",
        form_data(step_form(page, "issue_ia"), ia_opens_on=today.isoformat(), ia_closes_on=closes.isoformat()),
    )

    stored = ChangeRequest.objects.get(ref="CR058")
    assert stored.stage == ChangeStage.IMPACT_ASSESSMENT
    assert (stored.ia_opens_on, stored.ia_closes_on) == (today, closes)


def test_it_shows_a_message_for_an_illegal_step_and_changes_nothing(pmo_client, register):
    cr058 = register["CR058"]
    before = (cr058.stage, cr058.status, cr058.latest_action, cr058.version, cr058.history.count())

    response = pmo_client.post(
        "/changes/CR058/transitions/approve/", {"version": cr058.version, "decision_body": "PSG"}, follow=True
    )

    assert response.status_code == 200
    assert any("CR058 cannot be sent to" in message for message in messages_of(response))
    cr058.refresh_from_db()
    assert (cr058.stage, cr058.status, cr058.latest_action, cr058.version, cr058.history.count()) == before


def test_it_shows_a_message_for_impact_assessment_dates_out_of_order(pmo_client, register, today):
    services.change_request_transition(change_request=register["CR058"], step=Step.VALIDATE, actor=None)
    version = ChangeRequest.objects.get(ref="CR058").version

    response = pmo_client.post(
        "/changes/CR058/transitions/issue_ia/",
        {"version": version, "ia_opens_on": (today + 9 * DAY).isoformat(), "ia_closes_on": today.isoformat()},
        follow=True,
    )

    assert any("cannot close" in message for message in messages_of(response))
    stored = ChangeRequest.objects.get(ref="CR058")
    assert (stored.stage, stored.ia_closes_on, stored.version) == (ChangeStage.VALIDATED, None, version)


def test_it_refuses_a_step_from_a_page_someone_else_has_since_changed(pmo_client, chair_user, register):
    page = pmo_client.get("/changes/CR058/")
    # Someone else validates the CR after the page was loaded.
    services.change_request_transition(change_request=register["CR058"], step=Step.VALIDATE, actor=chair_user)

    response = pmo_client.post(
        "/changes/CR058/transitions/withdraw/",
        form_data(step_form(page, "withdraw"), reason="Not needed"),
        follow=True,
    )

    assert any("changed by someone else" in message for message in messages_of(response))
    stored = ChangeRequest.objects.get(ref="CR058")
    assert (stored.stage, stored.status, stored.version) == (ChangeStage.VALIDATED, ChangeStatus.OPEN, 2)


def test_it_answers_404_for_an_unknown_step(pmo_client, register):
    response = pmo_client.post("/changes/CR058/transitions/escalate/", {"version": 1})

    assert response.status_code == 404
    assert ChangeRequest.objects.get(ref="CR058").stage == ChangeStage.RAISED


# --- create and edit ------------------------------------------------------------------------------------


def test_it_lets_pmo_raise_a_cr_with_a_generated_ref(pmo_client, pmo_user, groups):
    form = pmo_client.get("/changes/new/")

    response = pmo_client.post(
        "/changes/new/",
        {
            "title": "Extend the change freeze",
            "change_type": "full_impact_assessment",
            "decision_body": groups["PSG"].pk,
            "classification": "public",
        },
    )

    assert form.status_code == 200
    assert 'name="title"' in form.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/changes/CR001/"
    created = ChangeRequest.objects.get(ref="CR001")
    assert (created.title, created.stage, created.status) == ("Extend the change freeze", "raised", "open")
    assert created.history.first().history_user == pmo_user


def test_it_dates_a_cr_raised_in_the_page_today_when_no_date_is_given(pmo_client, groups, today):
    pmo_client.post(
        "/changes/new/",
        {"title": "Undated", "change_type": "fast_track", "classification": "public"},
    )

    # As the API and changes.services do when no raised date is given.
    assert ChangeRequest.objects.get(title="Undated").raised_on == today


def test_it_shows_a_duplicate_ref_error_in_the_page_and_saves_nothing(pmo_client, register):
    response = pmo_client.post(
        "/changes/new/",
        {"ref": "CR054", "title": "An impostor", "change_type": "fast_track", "classification": "public"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert "already exists" in html
    assert ChangeRequest.objects.count() == 4
    assert ChangeRequest.objects.get(ref="CR054").title == "Change to Non-Functional Requirements for LDSOs"


def test_it_shows_missing_fields_in_the_page(pmo_client, register):
    response = pmo_client.post("/changes/new/", {"title": "", "change_type": "fast_track", "classification": "public"})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert ChangeRequest.objects.count() == 4


def test_it_lets_pmo_edit_a_cr(pmo_client, pmo_user, register):
    form = pmo_client.get("/changes/CR058/edit/").context["form"]

    response = pmo_client.post("/changes/CR058/edit/", form_data(form, title="Programme update, retitled"))

    assert response.status_code == 302
    stored = ChangeRequest.objects.get(ref="CR058")
    assert stored.title == "Programme update, retitled"
    assert stored.version == 2
    assert stored.stage == ChangeStage.RAISED


def test_it_refuses_a_stale_edit_with_409_and_overwrites_nothing(pmo_client, chair_user, register):
    form = pmo_client.get("/changes/CR058/edit/").context["form"]
    # Someone else moves the CR on after the form was opened.
    services.change_request_transition(change_request=register["CR058"], step=Step.VALIDATE, actor=chair_user)

    response = pmo_client.post("/changes/CR058/edit/", form_data(form, title="My stale title"))

    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    stored = ChangeRequest.objects.get(ref="CR058")
    assert stored.title == "Programme update at DAG"
    assert (stored.stage, stored.version) == (ChangeStage.VALIDATED, 2)


# --- who may do what ------------------------------------------------------------------------------------


def test_it_refuses_the_forms_and_steps_to_a_participant(participant_client, register):
    cr058 = register["CR058"]

    assert participant_client.get("/changes/new/").status_code == 403
    assert participant_client.post("/changes/new/", {"title": "Nope", "change_type": "fast_track"}).status_code == 403
    assert participant_client.get("/changes/CR058/edit/").status_code == 403
    assert participant_client.post("/changes/CR058/edit/", {"title": "Hijacked", "version": 1}).status_code == 403
    assert participant_client.post("/changes/CR058/transitions/validate/", {"version": 1}).status_code == 403
    cr058.refresh_from_db()
    assert (cr058.title, cr058.stage, cr058.version) == ("Programme update at DAG", ChangeStage.RAISED, 1)
    assert ChangeRequest.objects.count() == 4


def test_it_refuses_steps_to_a_chair(client_for, register):
    response = client_for("Chair").post("/changes/CR058/transitions/validate/", {"version": 1})

    assert response.status_code == 403
    assert ChangeRequest.objects.get(ref="CR058").stage == ChangeStage.RAISED


def test_it_answers_404_for_a_restricted_cr_to_a_participant(participant_client, client_for, register):
    assert participant_client.get("/changes/CR060/").status_code == 404
    assert participant_client.get("/changes/CR060/impact-summary/").status_code == 404
    assert client_for("Chair").get("/changes/CR060/").status_code == 200


@pytest.mark.parametrize("path", ["/changes/", "/changes/CR054/", "/changes/new/", "/changes/status/"])
def test_it_sends_anonymous_visitors_to_the_login_page(client, register, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={path}"


# --- the status report ----------------------------------------------------------------------------------


def test_it_shows_crs_raised_recently_or_still_open_in_the_status_report(participant_client, register, today):
    ChangeRequestFactory(
        ref="CR041",
        title="Role code from Char(1) to Char(2)",
        status=ChangeStatus.REJECTED,
        stage=ChangeStage.CLOSED,
        raised_on=today - relativedelta(months=8),
    )
    ChangeRequestFactory(
        ref="CR057",
        title="Recently rejected",
        status=ChangeStatus.REJECTED,
        stage=ChangeStage.CLOSED,
        raised_on=today - relativedelta(months=1),
    )

    response = participant_client.get("/changes/status/", {"months": 3})

    assert response.status_code == 200
    assert [cr.ref for cr in response.context["change_requests"]] == ["CR054", "CR057", "CR058"]
    html = response.content.decode()
    assert 'data-testid="status-table"' in html
    assert "Recently rejected" in html
    assert "Role code from Char(1) to Char(2)" not in html
    assert "Deferral of MHSSP-037" not in html  # approved, raised in 2024
    assert "Commercially sensitive change" not in html  # Restricted
    assert "last 3 months" in html


def test_it_defaults_the_status_report_to_three_months(participant_client, register):
    response = participant_client.get("/changes/status/", {"months": "lots"})

    assert response.status_code == 200
    assert response.context["months"] == 3


# --- impact responses from the page ---------------------------------------------------------------------


@pytest.fixture
def in_assessment(register, today):
    return ChangeRequestFactory(
        ref="CR059", stage=ChangeStage.IMPACT_ASSESSMENT, ia_opens_on=today - DAY, ia_closes_on=today + 7 * DAY
    )


def test_it_records_a_response_posted_in_the_window(pmo_client, pmo_user, parties, in_assessment):
    page = pmo_client.get("/changes/CR059/")

    response = pmo_client.post(
        "/changes/CR059/responses/",
        {"organisation": parties["UKPN"].pk, "response": "support", "comments": "Fine"},
        follow=True,
    )

    assert 'action="/changes/CR059/responses/"' in page.content.decode()
    assert any("Recorded: UKPN" in message for message in messages_of(response))
    stored = ImpactResponse.objects.get(change_request=in_assessment)
    assert (stored.organisation, stored.response, stored.comments) == (parties["UKPN"], "support", "Fine")
    dno_row = response.context["summary"].rows[0]
    assert (dno_row.constituency, dno_row.yes) == ("DNO", 1)


def test_it_shows_the_refusal_for_a_response_posted_outside_the_window(pmo_client, parties, register, today):
    ChangeRequestFactory(
        ref="CR059", stage=ChangeStage.IMPACT_ASSESSMENT, ia_opens_on=today - 20 * DAY, ia_closes_on=today - DAY
    )

    page = pmo_client.get("/changes/CR059/")
    response = pmo_client.post(
        "/changes/CR059/responses/", {"organisation": parties["UKPN"].pk, "response": "reject"}, follow=True
    )

    assert 'action="/changes/CR059/responses/"' not in page.content.decode()
    assert any("PMO can reopen it" in message for message in messages_of(response))
    assert not ImpactResponse.objects.exists()


def test_it_refuses_a_participants_response_post(participant_client, parties, in_assessment):
    response = participant_client.post(
        "/changes/CR059/responses/", {"organisation": parties["UKPN"].pk, "response": ImpactResponseChoice.SUPPORT}
    )

    assert response.status_code == 403
    assert not ImpactResponse.objects.exists()
