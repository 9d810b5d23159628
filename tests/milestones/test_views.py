"""The milestone pages: the register (filters, htmx), the record page (dates, RAG and its rule in words,
override, dependencies, History), PMO create / edit (baseline moves need an approved CR), the Delivery Dashboard
with previous / current / forecast RAG and its SVG timeline, the roll-ups, and who may see and do what."""

import datetime
import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from changes.choices import ChangeStage, ChangeStatus
from core.choices import Classification
from milestones import services
from milestones.choices import MilestoneStatus, Rag
from milestones.models import Milestone
from milestones.rag import add_working_days
from tests.changes.factories import ChangeRequestFactory
from tests.milestones.factories import MilestoneFactory, aware, save_at
from tests.programme.factories import GovernanceGroupFactory

pytestmark = pytest.mark.django_db

HTMX_TABLE = {"HX-Request": "true", "HX-Target": "record-table"}
DAY = datetime.timedelta(days=1)


@pytest.fixture
def baseline(today):
    """Eight weeks ahead: a milestone due then, and forecast on time, is Green today."""
    return today + 56 * DAY


@pytest.fixture
def late(baseline):
    """Beyond tolerance: Red."""
    return add_working_days(baseline, 11)


@pytest.fixture
def pmo_client(client, pmo_user):
    client.force_login(pmo_user)
    return client


@pytest.fixture
def participant_client(client, participant_user):
    client.force_login(participant_user)
    return client


@pytest.fixture
def forums():
    return {
        "SITAG": GovernanceGroupFactory(code="SITAG", name="SI Test Advisory Group"),
        "PSG": GovernanceGroupFactory(code="PSG", name="Programme Steering Group"),
    }


@pytest.fixture
def register(forums, baseline, late):
    """T3-DB-0153 (Red: forecast beyond tolerance) ← T3-DB-0154 depends on it; M10 (Green, PSG); a Restricted
    SITAG milestone; RAG stored."""
    db153 = MilestoneFactory(
        ref="T3-DB-0153",
        title="Data integration platform ready",
        forum=forums["SITAG"],
        responsible="DIP Service Provider",
        baseline_on=baseline,
        forecast_on=late,
        status=MilestoneStatus.IN_PROGRESS,
        commentary="Environment build running late",
    )
    MilestoneFactory(
        ref="T3-DB-0154",
        title="Test data loaded",
        forum=forums["SITAG"],
        baseline_on=late + 7 * DAY,
        forecast_on=late + 7 * DAY,
        depends_on=[db153],
    )
    MilestoneFactory(ref="M10", tier=1, title="Migration starts", forum=forums["PSG"], baseline_on=baseline + 60 * DAY)
    MilestoneFactory(
        ref="T3-DB-0900",
        title="Restricted readiness gate",
        forum=forums["SITAG"],
        baseline_on=baseline + 5 * DAY,
        classification=Classification.RESTRICTED,
    )
    services.recompute_rag()


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


def refs_in_table(response):
    return [row.record.ref for row in response.context["table"].page.object_list]


def text_of(html):
    """The visible text, each tag a word break."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def table_rows(html, testid):
    """The body rows of the table marked data-testid=`testid`, as lists of cell texts."""
    table = re.search(rf'<table[^>]*data-testid="{testid}".*?</table>', html, re.S).group(0)
    body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
    return [
        [text_of(cell) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


# --- the register ------------------------------------------------------------------------------------------


def test_the_register_lists_milestones_with_a_filter_form(participant_client, register):
    response = participant_client.get("/milestones/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    for name in ("q", "tier", "forum", "responsible", "rag", "baseline_after", "baseline_before", "forecast_after"):
        assert f'name="{name}"' in html, name
    assert refs_in_table(response) == ["T3-DB-0153", "T3-DB-0154", "M10"]  # by baseline
    assert 'href="/milestones/T3-DB-0153/"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"forum": "SITAG"}, ["T3-DB-0153", "T3-DB-0154"]),
        ({"rag": "red"}, ["T3-DB-0153", "T3-DB-0154"]),
        ({"rag": "green"}, ["M10"]),
        ({"tier": "1"}, ["M10"]),
        ({"responsible": "dip"}, ["T3-DB-0153"]),
        # Dates relative to the baseline: a function of it and of the late forecast, called with the test's.
        (lambda baseline, late: {"baseline_before": baseline.isoformat()}, ["T3-DB-0153"]),
        (lambda baseline, late: {"forecast_after": (late + DAY).isoformat()}, ["T3-DB-0154", "M10"]),
        ({"q": "migration"}, ["M10"]),
    ],
)
def test_the_register_narrows_by_querystring(participant_client, register, params, expected, baseline, late):
    if callable(params):
        params = params(baseline, late)
    response = participant_client.get("/milestones/", params)

    assert response.status_code == 200
    assert refs_in_table(response) == expected


def test_the_register_answers_an_htmx_filter_request_with_the_table_only(participant_client, register):
    response = participant_client.get("/milestones/", {"forum": "PSG"}, headers=HTMX_TABLE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "<table" in html
    assert 'href="/milestones/M10/"' in html
    assert 'href="/milestones/T3-DB-0153/"' not in html


def test_the_register_lists_in_a_constant_number_of_queries(pmo_client, forums):
    def build(first, count):
        previous = None
        for n in range(first, first + count):
            previous = MilestoneFactory(
                ref=f"T3-DB-{n:04d}",
                forum=forums["SITAG" if n % 2 else "PSG"],
                rag=Rag.GREEN,
                depends_on=[previous] if previous else [],
            )

    build(1, 3)
    pmo_client.get("/milestones/")  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        assert pmo_client.get("/milestones/").status_code == 200
    build(4, 40)
    with CaptureQueriesContext(connection) as many:
        response = pmo_client.get("/milestones/")

    assert len(refs_in_table(response)) == 43
    assert len(many) == len(few)


def test_the_register_shows_the_stored_rag_and_marks_overrides(pmo_client, register):
    Milestone.objects.filter(ref="M10").update(rag_override=Rag.AMBER, rag_override_reason="Watch")

    html = pmo_client.get("/milestones/", {"tier": "1"}).content.decode()

    assert ">Green</span>" in html
    assert 'title="PMO override">override</span>' in html


# --- the record page ---------------------------------------------------------------------------------------


def test_the_record_page_shows_dates_rag_with_its_rule_and_dependencies(pmo_client, register, late):
    response = pmo_client.get("/milestones/T3-DB-0154/")

    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(html)
    assert f"Baseline {late + 7 * DAY:%a %d/%m/%Y}" in text
    assert f"Forecast {late + 7 * DAY:%a %d/%m/%Y}" in text
    assert "Actual —" in text
    rag = text_of(re.search(r'data-testid="rag">(.*?)</div>\s*</div>', html, re.S).group(1))
    assert "Red" in rag
    assert "Depends on T3-DB-0153, which is Red, and is forecast after it." in rag
    assert 'href="/milestones/T3-DB-0153/"' in html


def test_the_record_page_names_the_tolerance_rule_in_words(pmo_client, register, baseline, late):
    text = text_of(pmo_client.get("/milestones/T3-DB-0153/").content.decode())

    assert f"Forecast {late:%d/%m/%Y} is more than 10 working days after baseline {baseline:%d/%m/%Y}." in text
    assert "Needed by T3-DB-0154" in text


def test_the_record_page_shows_an_override_as_an_override(pmo_client, register, today):
    Milestone.objects.filter(ref="M10").update(
        rag_override=Rag.RED, rag_override_reason="Ofgem decision outstanding", rag_override_until=today + 7 * DAY
    )

    html = pmo_client.get("/milestones/M10/").content.decode()

    assert "PMO override</span>" in html
    assert f"PMO override until {today + 7 * DAY:%d/%m/%Y}: Ofgem decision outstanding." in text_of(html)


def test_the_record_page_has_a_history_tab_with_the_baseline_authority(pmo_client, pmo_user, register, baseline):
    ChangeRequestFactory(ref="CR055", status=ChangeStatus.APPROVED, stage=ChangeStage.APPROVED)
    services.milestone_update(
        milestone=Milestone.objects.get(ref="M10"),
        actor=pmo_user,
        baseline_on=baseline + 90 * DAY,
        baseline_change_reference="CR055",
    )

    html = pmo_client.get("/milestones/M10/").content.decode()

    assert 'id="history-tab"' in html
    history = text_of(re.search(r'data-testid="history">(.*?)</div>\s*</div>', html, re.S).group(1))
    assert "Baseline moved under CR055" in history
    assert "(last moved under CR055)" in text_of(html)


# --- create and edit ---------------------------------------------------------------------------------------


def test_pmo_creates_a_milestone_from_the_form_with_the_tier_left_blank(pmo_client, forums, baseline):
    form = pmo_client.get("/milestones/new/").context["form"]
    data = form_data(
        form,
        ref="T2-RE-0600",
        title="Release plan agreed",
        forum=forums["SITAG"].pk,
        baseline_on=baseline.isoformat(),
        forecast_on=baseline.isoformat(),
        status=MilestoneStatus.NOT_STARTED,
        classification=Classification.PUBLIC,
    )

    response = pmo_client.post("/milestones/new/", data)

    assert response.status_code == 302
    assert response["Location"] == "/milestones/T2-RE-0600/"
    milestone = Milestone.objects.get(ref="T2-RE-0600")
    assert (milestone.tier, milestone.workstream) == (2, "RE")


def test_pmo_creates_a_milestone_from_the_form_with_the_tier_given(pmo_client, forums, baseline):
    form = pmo_client.get("/milestones/new/").context["form"]
    data = form_data(
        form,
        ref="GATE-A",
        tier="2",
        title="Readiness gate",
        forum=forums["PSG"].pk,
        baseline_on=baseline.isoformat(),
        status=MilestoneStatus.NOT_STARTED,
        classification=Classification.PUBLIC,
    )

    response = pmo_client.post("/milestones/new/", data)

    assert response.status_code == 302, response.context["form"].errors
    assert Milestone.objects.get(ref="GATE-A").tier == 2


def test_the_create_form_refuses_a_ref_taken_before(pmo_client, forums, register):
    form = pmo_client.get("/milestones/new/").context["form"]
    data = form_data(
        form, ref="M10", tier="1", title="Again", forum=forums["PSG"].pk, status="not_started", classification="public"
    )

    response = pmo_client.post("/milestones/new/", data)

    assert response.status_code == 200
    assert response.context["form"].errors["ref"]
    assert Milestone.objects.get(ref="M10").title == "Migration starts"


def test_moving_the_baseline_without_an_approved_cr_shows_a_form_error_and_saves_nothing(
    pmo_client, register, baseline
):
    form = pmo_client.get("/milestones/M10/edit/").context["form"]

    response = pmo_client.post("/milestones/M10/edit/", form_data(form, baseline_on=(baseline + 90 * DAY).isoformat()))

    assert response.status_code == 200
    assert "approved change request" in response.context["form"].errors["baseline_change_reference"][0]
    assert "invalid-feedback" in response.content.decode()
    milestone = Milestone.objects.get(ref="M10")
    assert (milestone.baseline_on, milestone.version) == (baseline + 60 * DAY, 1)


def test_moving_the_baseline_under_an_open_cr_shows_why_and_saves_nothing(pmo_client, register, baseline):
    ChangeRequestFactory(ref="CR056", status=ChangeStatus.OPEN)
    form = pmo_client.get("/milestones/M10/edit/").context["form"]

    response = pmo_client.post(
        "/milestones/M10/edit/",
        form_data(form, baseline_on=(baseline + 90 * DAY).isoformat(), baseline_change_reference="CR056"),
    )

    assert response.status_code == 200
    assert "CR056 is Open, not approved." in response.content.decode()
    assert Milestone.objects.get(ref="M10").baseline_on == baseline + 60 * DAY


def test_pmo_moves_the_baseline_under_an_approved_cr(pmo_client, register, baseline):
    ChangeRequestFactory(ref="CR055", status=ChangeStatus.APPROVED, stage=ChangeStage.APPROVED)
    form = pmo_client.get("/milestones/M10/edit/").context["form"]

    response = pmo_client.post(
        "/milestones/M10/edit/",
        form_data(form, baseline_on=(baseline + 90 * DAY).isoformat(), baseline_change_reference="CR055"),
    )

    assert response.status_code == 302
    assert response["Location"] == "/milestones/M10/"
    milestone = Milestone.objects.get(ref="M10")
    assert (milestone.baseline_on, milestone.baseline_change_reference, milestone.version) == (
        baseline + 90 * DAY,
        "CR055",
        2,
    )


def test_an_override_without_a_reason_is_a_form_error(pmo_client, register):
    form = pmo_client.get("/milestones/M10/edit/").context["form"]

    response = pmo_client.post("/milestones/M10/edit/", form_data(form, rag_override=Rag.RED))

    assert response.status_code == 200
    assert response.context["form"].errors["rag_override_reason"]
    assert Milestone.objects.get(ref="M10").rag_override == ""


def test_an_actual_date_in_the_future_is_a_form_error(pmo_client, register, today):
    form = pmo_client.get("/milestones/M10/edit/").context["form"]

    response = pmo_client.post(
        "/milestones/M10/edit/",
        form_data(form, actual_on=(today + DAY).isoformat(), status=MilestoneStatus.COMPLETE),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["actual_on"]
    assert Milestone.objects.get(ref="M10").actual_on is None


def test_a_stale_edit_answers_409_and_saves_nothing(pmo_client, pmo_user, register):
    form = pmo_client.get("/milestones/M10/edit/").context["form"]
    services.milestone_update(milestone=Milestone.objects.get(ref="M10"), actor=pmo_user, commentary="Someone else")

    response = pmo_client.post("/milestones/M10/edit/", form_data(form, commentary="Mine"))

    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    milestone = Milestone.objects.get(ref="M10")
    assert (milestone.commentary, milestone.version) == ("Someone else", 2)


# --- the Delivery Dashboard --------------------------------------------------------------------------------


@pytest.fixture
def dashboard(forums, today, baseline):
    """SITAG's milestones with a week of history: one re-forecast past its baseline two days ago, one whose
    baseline passes before the next report, one new since last week; and a Restricted one."""
    reforecast = MilestoneFactory(
        ref="T3-DB-0153",
        title="Data integration platform ready",
        forum=forums["SITAG"],
        baseline_on=baseline,
        forecast_on=baseline,
        status=MilestoneStatus.IN_PROGRESS,
        commentary="Environment build running late",
        history_date=aware(today - 21 * DAY),
    )
    save_at(reforecast, aware(today - 2 * DAY), forecast_on=add_working_days(baseline, 3))
    MilestoneFactory(
        ref="T2-RE-0600",
        forum=forums["SITAG"],
        baseline_on=today + 3 * DAY,
        forecast_on=today + 3 * DAY,
        status=MilestoneStatus.IN_PROGRESS,
        history_date=aware(today - 21 * DAY),
    )
    MilestoneFactory(
        ref="T3-DB-0200", forum=forums["SITAG"], baseline_on=baseline + 30 * DAY, history_date=aware(today - DAY)
    )
    MilestoneFactory(
        ref="T3-DB-0900",
        forum=forums["SITAG"],
        classification=Classification.RESTRICTED,
        history_date=aware(today - 21 * DAY),
    )
    MilestoneFactory(ref="M10", tier=1, forum=forums["PSG"])


def test_the_dashboard_shows_previous_current_and_forecast_rag_dated_in_the_headers(pmo_client, dashboard, today):
    response = pmo_client.get("/milestones/dashboards/SITAG/")

    assert response.status_code == 200
    html = response.content.decode()
    headers = text_of(re.search(r'data-testid="delivery-dashboard">.*?<thead[^>]*>(.*?)</thead>', html, re.S).group(1))
    for label, day in [("Previous", today - 7 * DAY), ("Current", today), ("Forecast", today + 7 * DAY)]:
        assert f"{label} RAG {day:%d/%m/%y}" in headers
    rows = {cells[0]: cells for cells in table_rows(html, "delivery-dashboard")}
    assert {ref: tuple(cells[6:9]) for ref, cells in rows.items()} == {
        "T2-RE-0600": ("Green", "Green", "Red"),
        "T3-DB-0153": ("Green", "Amber", "Amber"),
        "T3-DB-0200": ("new", "Green", "Green"),
        "T3-DB-0900": ("Green", "Green", "Green"),
    }
    assert rows["T3-DB-0153"][9] == "Environment build running late"
    assert list(rows) == ["T2-RE-0600", "T3-DB-0153", "T3-DB-0900", "T3-DB-0200"]  # by baseline


def test_the_dashboard_can_be_shown_as_reported_on_a_past_date(pmo_client, dashboard, today):
    last_week = today - 7 * DAY

    html = pmo_client.get("/milestones/dashboards/SITAG/", {"on": last_week.isoformat()}).content.decode()

    headers = text_of(re.search(r'data-testid="delivery-dashboard">.*?<thead[^>]*>(.*?)</thead>', html, re.S).group(1))
    assert f"Current RAG {last_week:%d/%m/%y}" in headers
    rows = {cells[0]: tuple(cells[6:9]) for cells in table_rows(html, "delivery-dashboard")}
    assert rows["T3-DB-0153"][:2] == ("Green", "Green")  # not yet re-forecast then
    assert rows["T3-DB-0200"][:2] == ("new", "not yet recorded")


def test_the_dashboard_draws_baseline_against_forecast_as_an_svg_timeline(pmo_client, dashboard, baseline):
    html = pmo_client.get("/milestones/dashboards/SITAG/").content.decode()

    svg = re.search(r'<svg[^>]*class="milestone-timeline".*?</svg>', html, re.S)
    assert svg is not None
    svg = svg.group(0)
    assert f"T3-DB-0153 baseline {baseline:%d/%m/%Y}" in svg
    assert f"T3-DB-0153 forecast {add_working_days(baseline, 3):%d/%m/%Y}" in svg
    assert "M10" not in svg  # another forum's


def test_the_dashboard_of_a_forum_without_milestones_has_no_timeline(pmo_client, forums):
    GovernanceGroupFactory(code="EMPTY", name="Empty group")

    response = pmo_client.get("/milestones/dashboards/EMPTY/")

    assert response.status_code == 200
    assert 'class="milestone-timeline"' not in response.content.decode()
    assert "No milestones for this forum." in response.content.decode()


def test_the_dashboard_of_an_unknown_forum_is_404(pmo_client, forums):
    assert pmo_client.get("/milestones/dashboards/NOPE/").status_code == 404


def test_a_participants_dashboard_leaves_out_restricted_milestones(participant_client, dashboard):
    html = participant_client.get("/milestones/dashboards/SITAG/").content.decode()

    assert [cells[0] for cells in table_rows(html, "delivery-dashboard")] == ["T2-RE-0600", "T3-DB-0153", "T3-DB-0200"]
    assert "T3-DB-0900" not in html


# --- roll-ups ----------------------------------------------------------------------------------------------


@pytest.fixture
def rated(forums):
    for ref, forum, rag, classification in [
        ("T3-DB-0001", "SITAG", Rag.GREEN, Classification.PUBLIC),
        ("T3-DB-0002", "SITAG", Rag.AMBER, Classification.PUBLIC),
        ("T2-RE-0001", "PSG", Rag.COMPLETE, Classification.PUBLIC),
        ("M10", "PSG", Rag.RED, Classification.RESTRICTED),
    ]:
        MilestoneFactory(ref=ref, forum=forums[forum], rag=rag, classification=classification)


def rollup_rows(html, heading):
    return {cells[0]: cells[1:] for cells in table_rows(html, f"rollup-{heading}")}


def test_the_rollups_page_shows_worst_of_rag_and_counts(pmo_client, rated):
    response = pmo_client.get("/milestones/rollups/")

    assert response.status_code == 200
    html = response.content.decode()
    # Columns: RAG, then the count of Red, Amber, Green, Complete ("·" for none).
    assert rollup_rows(html, "programme") == {"Programme": ["Red", "1", "1", "1", "1"]}
    assert rollup_rows(html, "by-forum") == {
        "PSG": ["Red", "1", "·", "·", "1"],
        "SITAG": ["Amber", "·", "1", "1", "·"],
    }
    assert rollup_rows(html, "by-workstream") == {
        "(none)": ["Red", "1", "·", "·", "·"],  # programme milestones (M10) have no workstream
        "RE": ["Complete", "·", "·", "·", "1"],
        "DB": ["Amber", "·", "1", "1", "·"],
    }
    assert 'href="/milestones/?rag=amber&amp;forum=SITAG"' in html


def test_a_participants_rollups_leave_out_restricted_milestones(participant_client, rated):
    html = participant_client.get("/milestones/rollups/").content.decode()

    assert rollup_rows(html, "programme") == {"Programme": ["Amber", "·", "1", "1", "1"]}
    assert rollup_rows(html, "by-forum")["PSG"] == ["Complete", "·", "·", "·", "1"]


# --- who may see and do what -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/milestones/new/", "/milestones/M10/edit/"])
def test_a_participant_may_not_create_or_edit(participant_client, register, path):
    assert participant_client.get(path).status_code == 403
    assert participant_client.post(path, {"title": "Not allowed", "ref": "M12"}).status_code == 403
    assert not Milestone.objects.filter(ref="M12").exists()
    assert Milestone.objects.get(ref="M10").title == "Migration starts"


def test_a_participant_gets_404_for_a_restricted_milestone(participant_client, register):
    assert participant_client.get("/milestones/T3-DB-0900/").status_code == 404
    assert participant_client.get("/milestones/T3-DB-0900/edit/").status_code in (403, 404)
    assert "T3-DB-0900" not in refs_in_table(participant_client.get("/milestones/"))


def test_a_participant_does_not_see_a_restricted_dependency_on_the_record_page(participant_client, register):
    Milestone.objects.get(ref="T3-DB-0154").depends_on.add(Milestone.objects.get(ref="T3-DB-0900"))

    html = participant_client.get("/milestones/T3-DB-0154/").content.decode()

    assert 'href="/milestones/T3-DB-0153/"' in html
    assert "T3-DB-0900" not in html


def test_a_participant_sees_no_edit_button(participant_client, register):
    assert 'href="/milestones/M10/edit/"' not in participant_client.get("/milestones/M10/").content.decode()


@pytest.mark.parametrize(
    "path", ["/milestones/", "/milestones/M10/", "/milestones/dashboards/PSG/", "/milestones/rollups/"]
)
def test_anonymous_visitors_are_sent_to_the_login_page(client, register, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={path}"
