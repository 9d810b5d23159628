"""The RAID pages: the register /raid/ (filters, htmx, movement column), the record page (score, band, trend,
plan, history), create / edit with the mitigation formset, close / reopen, the heat map, the "Top programme
risks related to <group>" view, and who may see and do what."""

import html as html_lib
import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.choices import Classification
from programme.choices import GroupLevel
from raid import services
from raid.choices import RaidKind, RaidStatus
from raid.models import MitigationStep, RaidItem
from tests.programme.factories import GovernanceGroupFactory
from tests.raid.factories import RaidItemFactory, RaidThemeFactory, aware, raid_item_at, rescore_at

pytestmark = pytest.mark.django_db

HTMX_TABLE = {"HX-Request": "true", "HX-Target": "record-table"}


@pytest.fixture
def groups():
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    return {
        "PSG": psg,
        "CCAG": GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group", parent=psg),
        "DAG": GovernanceGroupFactory(code="DAG", name="Design Advisory Group", parent=psg),
    }


@pytest.fixture
def register(groups):
    """R849 L3×I6 = 25 (Restricted), R920 L1×I5 = 10 with a two-step plan, R532 L2×I4 = 15, I183 (issue) impact 2 =
    17, A12 L1×I1 = 1, D7 L5×I4 = 26 (closed). CCAG: R920, R532, I183, A12, D7 and R849."""
    sit = RaidThemeFactory(name="SIT Execution")
    ccag, psg = groups["CCAG"], groups["PSG"]
    return {
        "R849": RaidItemFactory(
            ref="R849",
            title="SIT Functional will not complete on time",
            likelihood=3,
            impact=6,
            theme=sit,
            groups=[psg, ccag],
            classification=Classification.RESTRICTED,
        ),
        "R920": RaidItemFactory(
            ref="R920",
            title="Code drafting lags design changes",
            description="Late design changes need code changes.",
            likelihood=1,
            impact=5,
            owner="Code Bodies",
            groups=[ccag],
            mitigation=[
                {"text": "Monitor design change triggers", "owner": "Code Bodies"},
                {"text": "Front-load SCR processes", "done": True},
            ],
        ),
        "R532": RaidItemFactory(
            ref="R532", title="Qualification approach unclear", likelihood=2, impact=4, groups=[psg, ccag]
        ),
        "I183": RaidItemFactory(
            ref="I183", kind=RaidKind.ISSUE, title="Migration throughput too low", impact=2, theme=sit, groups=[ccag]
        ),
        "A12": RaidItemFactory(
            ref="A12", kind=RaidKind.ASSUMPTION, title="DCC support continues", likelihood=1, impact=1, groups=[ccag]
        ),
        "D7": RaidItemFactory(
            ref="D7",
            kind=RaidKind.DEPENDENCY,
            title="Elexon service design assured",
            likelihood=5,
            impact=4,
            status=RaidStatus.CLOSED,
            groups=[ccag],
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


def refs_in_table(response):
    assert response.status_code == 200
    return [row.record.ref for row in response.context["table"].page.object_list]


def form_data(form, **changes):
    """What `form` posts back as rendered (hidden fields included, prefixed names), with `changes` applied."""
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif value not in (None, ""):
            data[bound.html_name] = str(value)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def steps_data(formset, rows):
    """The formset posting `rows` (dicts of text / owner / due_on / done) in order: the existing steps' forms
    take the first rows (keeping their ids), extra forms the rest, and existing steps beyond the rows are
    ticked for removal. Management form included."""
    prefix = formset.prefix
    existing = formset.forms[: formset.initial_form_count()]
    total = max(len(rows), len(existing))
    data = {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(len(existing)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index in range(total):
        name = f"{prefix}-{index}"
        if index < len(existing):
            data[f"{name}-id"] = str(existing[index].instance.pk)
            data[f"{name}-text"] = existing[index].instance.text
        if index >= len(rows):
            data[f"{name}-DELETE"] = "on"
            continue
        for field, value in rows[index].items():
            if field == "done":
                if value:
                    data[f"{name}-done"] = "on"
            else:
                data[f"{name}-{field}"] = str(value)
    return data


def page_post(page, rows=None, **changes):
    """The create / edit form as rendered on `page`, with `changes` and, if given, the plan `rows`."""
    data = form_data(page.context["form"], **changes)
    formset = page.context["steps"]
    if rows is None:
        data.update(form_data(formset.management_form))
        for step_form in formset.forms:
            data.update(form_data(step_form))
    else:
        data.update(steps_data(formset, rows))
    return data


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def plan(ref):
    return list(
        MitigationStep.objects.filter(item__ref=ref)
        .order_by("position")
        .values_list("position", "text", "owner", "done")
    )


# --- the register ----------------------------------------------------------------------------------------


def test_the_register_lists_items_with_filters_scores_and_movement(pmo_client, register):
    response = pmo_client.get("/raid/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html
    for name in ("q", "kind", "band", "theme", "group", "owner", "status", "likelihood", "impact", "since"):
        assert f'name="{name}"' in html, name
    assert refs_in_table(response) == ["D7", "R849", "I183", "R532", "R920", "A12"]
    assert 'href="/raid/R920/"' in html
    assert "Code drafting lags design changes" in html
    assert re.search(r"<th[^>]*>\s*Movement\s*</th>", html)
    # Raised today, so new since the default four-week window.
    assert html.count("New item") >= 6
    assert 'href="/raid/heat-map/"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "risk"}, ["R849", "R532", "R920"]),
        ({"band": ["critical", "medium"]}, ["D7", "R849", "R920"]),
        ({"group": "PSG"}, ["R849", "R532"]),
        ({"theme": "SIT Execution"}, ["R849", "I183"]),
        ({"owner": "code bodies"}, ["R920"]),
        ({"status": "closed"}, ["D7"]),
        ({"q": "qualification"}, ["R532"]),
        ({"likelihood": "5"}, ["D7", "I183"]),
        ({"status": "open", "impact": "5", "likelihood": "1"}, ["R920"]),
    ],
)
def test_the_register_narrows_by_querystring(pmo_client, register, params, expected):
    assert refs_in_table(pmo_client.get("/raid/", params)) == expected


def test_the_register_answers_an_htmx_filter_request_with_the_table_only(pmo_client, register):
    response = pmo_client.get("/raid/", {"kind": "issue"}, headers=HTMX_TABLE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'role="search"' not in html
    assert "<table" in html
    assert 'href="/raid/I183/"' in html
    assert 'href="/raid/R920/"' not in html
    assert "New item" in html


def test_the_register_shows_movement_since_a_chosen_date(pmo_client, groups):
    r920 = raid_item_at(aware(2024, 10, 23), ref="R920", likelihood=3, impact=4)
    rescore_at(r920, aware(2024, 11, 27), likelihood=1, impact=5)
    raid_item_at(aware(2024, 8, 1), ref="R2", likelihood=3, impact=6)

    response = pmo_client.get("/raid/", {"since": "2024-10-23"})

    html = response.content.decode()
    assert "Score reduced from 20 to 10" in html
    assert "Score remains at 25" in html
    assert {pk: move.text for pk, move in response.context["movements"].items()} == {
        r920.pk: "Score reduced from 20 to 10",
        RaidItem.objects.get(ref="R2").pk: "Score remains at 25",
    }


def test_the_register_takes_a_constant_number_of_queries_whatever_the_number_of_rows(pmo_client, groups):
    theme = RaidThemeFactory(name="SIT Execution")

    def build(count):
        for n in range(count):
            RaidItemFactory(
                likelihood=1 + n % 5,
                impact=1 + n % 6,
                theme=theme,
                groups=[groups["PSG"], groups["CCAG"]],
                mitigation=[{"text": "A step"}],
            )

    build(3)
    pmo_client.get("/raid/")  # session and permissions warmed: the page itself is measured
    with CaptureQueriesContext(connection) as few:
        few_rows = pmo_client.get("/raid/", {"since": "2024-10-23"})
    build(30)
    with CaptureQueriesContext(connection) as many:
        many_rows = pmo_client.get("/raid/", {"since": "2024-10-23"})

    assert len(refs_in_table(few_rows)) == 3
    assert len(refs_in_table(many_rows)) == 33
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]


def test_a_participants_register_leaves_restricted_items_out(participant_client, register):
    response = participant_client.get("/raid/")

    assert "R849" not in refs_in_table(response)
    assert len(refs_in_table(response)) == 5
    assert "SIT Functional will not complete on time" not in response.content.decode()
    assert "R849" not in refs_in_table(participant_client.get("/raid/", {"q": "R849"}))


def test_the_new_button_is_shown_to_pmo_only(client, pmo_user, participant_user, register):
    client.force_login(participant_user)
    as_participant = client.get("/raid/").content.decode()
    client.force_login(pmo_user)
    as_pmo = client.get("/raid/").content.decode()

    assert 'href="/raid/new/"' not in as_participant
    assert 'href="/raid/new/"' in as_pmo


# --- the record page -------------------------------------------------------------------------------------


def test_the_record_page_shows_score_band_trend_plan_and_history(pmo_client, register):
    response = pmo_client.get("/raid/R920/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "R920 — Code drafting lags design changes" in html
    assert "Late design changes need code changes." in html
    score_box = html.split('data-testid="score"', 1)[1].split('data-testid="mitigation"', 1)[0]
    assert re.search(r">\s*10\s*</span>", score_box)
    assert "Medium" in score_box
    assert "Likelihood 1 × impact 5" in score_box
    assert re.search(r'<svg[^>]*class="score-trend"', html)
    plan_html = html.split('data-testid="mitigation"', 1)[1].split("</ol>", 1)[0]
    assert plan_html.index("Monitor design change triggers") < plan_html.index("Front-load SCR processes")
    assert 'id="history-tab"' in html
    assert 'data-testid="history"' in html
    assert "Raised" in html.split('data-testid="history"', 1)[1]
    assert 'href="/raid/groups/CCAG/"' in html


def test_the_record_page_draws_the_trend_from_the_history(pmo_client):
    item = raid_item_at(aware(2024, 8, 7), ref="R920", likelihood=3, impact=4)
    rescore_at(item, aware(2024, 10, 23), likelihood=1, impact=5)

    response = pmo_client.get("/raid/R920/", {"since": "2024-08-07"})

    assert [marker["score"] for marker in response.context["trend"]["markers"]] == [20, 10]
    svg = response.content.decode().split('class="score-trend"', 1)[1].split("</svg>", 1)[0]
    assert svg.count("<circle") == 2
    assert "20 on 07 Aug 2024" in svg
    assert "10 on 23 Oct 2024" in svg
    movement = response.content.decode().split('data-testid="movement"', 1)[1].split("</span>", 1)[0]
    assert "Score reduced from 20 to 10" in movement


def test_an_issue_page_says_it_is_scored_as_certain(pmo_client, register):
    html = pmo_client.get("/raid/I183/").content.decode()

    assert "Issue: scored at impact 2 as certain" in html


def test_the_record_page_answers_404_for_an_unknown_ref(pmo_client, register):
    assert pmo_client.get("/raid/R999/").status_code == 404


def test_a_participant_gets_404_for_a_restricted_item(participant_client, register):
    assert participant_client.get("/raid/R849/").status_code == 404
    assert participant_client.get("/raid/R920/").status_code == 200


def test_a_participant_sees_no_edit_or_close_buttons(participant_client, register):
    html = participant_client.get("/raid/R920/").content.decode()

    assert 'href="/raid/R920/edit/"' not in html
    assert 'action="/raid/R920/close/"' not in html


def test_pmo_see_edit_and_close_buttons_on_an_open_item_and_reopen_on_a_closed_one(pmo_client, register):
    open_page = pmo_client.get("/raid/R920/").content.decode()
    closed_page = pmo_client.get("/raid/D7/").content.decode()

    assert 'href="/raid/R920/edit/"' in open_page
    assert 'action="/raid/R920/close/"' in open_page
    assert 'action="/raid/D7/reopen/"' in closed_page
    assert 'href="/raid/D7/edit/"' not in closed_page


# --- create ----------------------------------------------------------------------------------------------


def test_the_create_form_carries_the_formset_management_form(pmo_client, groups):
    response = pmo_client.get("/raid/new/")

    assert response.status_code == 200
    html = response.content.decode()
    prefix = response.context["steps"].prefix
    for field in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
        assert f'name="{prefix}-{field}"' in html
    assert f'name="{prefix}-0-text"' in html
    assert 'name="score"' not in html


def test_pmo_raise_an_item_with_mitigation_rows(pmo_client, pmo_user, groups, today):
    RaidThemeFactory(name="SIT Execution")
    page = pmo_client.get("/raid/new/")
    theme = page.context["form"].fields["theme"].queryset.get(name="SIT Execution")
    data = page_post(
        page,
        rows=[
            {"text": "Book environments a month ahead", "owner": "SI", "due_on": "2024-10-01"},
            {"text": "Add a second environment", "done": True},
            {"text": ""},
        ],
        kind="risk",
        title="Test environments unavailable",
        owner="SI",
        theme=str(theme.pk),
        groups=[str(groups["PSG"].pk), str(groups["DAG"].pk)],
        likelihood="4",
        impact="3",
        classification="public",
        status="open",
    )

    response = pmo_client.post("/raid/new/", data, follow=True)

    assert response.redirect_chain[-1][0] == "/raid/R1/"
    item = RaidItem.objects.get(ref="R1")
    assert (item.kind, item.score, item.initial_score, item.raised_on) == ("risk", 19, 19, today)
    assert sorted(item.groups.values_list("code", flat=True)) == ["DAG", "PSG"]
    assert item.history.earliest("history_date").history_user == pmo_user
    assert plan("R1") == [
        (1, "Book environments a month ahead", "SI", False),
        (2, "Add a second environment", "", True),
    ]
    assert any("R1 saved" in message for message in messages_of(response))


def test_pmo_raise_an_issue_with_an_existing_ref(pmo_client, groups):
    page = pmo_client.get("/raid/new/")
    data = page_post(page, rows=[], kind="issue", ref="I191", title="SIT late", impact="5", status="open")
    data.pop("likelihood", None)

    response = pmo_client.post("/raid/new/", data)

    assert response.status_code == 302
    item = RaidItem.objects.get(ref="I191")
    assert (item.likelihood, item.score) == (None, 29)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "issue", "likelihood": "3"}, "likelihood"),
        ({"kind": "risk", "likelihood": None}, "likelihood"),
        ({"likelihood": "9"}, "likelihood"),
        ({"impact": "0"}, "impact"),
        ({"ref": "I4"}, "ref"),
        ({"title": None}, "title"),
    ],
    ids=["issue-with-likelihood", "risk-without-likelihood", "likelihood-9", "impact-0", "wrong-prefix", "no-title"],
)
def test_a_bad_create_form_shows_the_field_error_and_saves_nothing(pmo_client, groups, changes, field):
    page = pmo_client.get("/raid/new/")
    data = page_post(
        page,
        rows=[{"text": "A step"}],
        **{"kind": "risk", "title": "A risk", "likelihood": "3", "impact": "3", "status": "open", **changes},
    )

    response = pmo_client.post("/raid/new/", data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not RaidItem.objects.exists()
    assert not MitigationStep.objects.exists()


def test_a_refused_create_form_keeps_the_mitigation_rows_typed(pmo_client, groups):
    page = pmo_client.get("/raid/new/")
    data = page_post(
        page,
        rows=[{"text": "Book environments a month ahead", "owner": "SI"}, {"text": "Add a second environment"}],
        kind="issue",
        title="SIT late",
        likelihood="3",
        impact="5",
        status="open",
    )

    response = pmo_client.post("/raid/new/", data)

    assert response.status_code == 200
    assert "likelihood" in response.context["form"].errors
    html = response.content.decode()
    assert "Book environments a month ahead" in html
    assert "Add a second environment" in html
    assert not RaidItem.objects.exists()


def test_a_reader_may_not_open_or_post_the_create_form(participant_client, groups):
    assert participant_client.get("/raid/new/").status_code == 403
    response = participant_client.post("/raid/new/", {"kind": "risk", "title": "x", "likelihood": "1", "impact": "1"})
    assert response.status_code == 403
    assert not RaidItem.objects.exists()


# --- edit ------------------------------------------------------------------------------------------------


def test_pmo_edit_an_item_rescore_it_and_change_its_plan(pmo_client, pmo_user, register):
    page = pmo_client.get("/raid/R920/edit/")
    assert page.status_code == 200
    assert "kind" not in page.context["form"].fields
    assert "ref" not in page.context["form"].fields
    data = page_post(
        page,
        rows=[
            {"text": "Monitor design change triggers", "owner": "Code Bodies", "done": True},
            {"text": "Escalate to PSG", "owner": "PMO"},
            {"text": "Brief CCAG"},
        ],
        likelihood="4",
        impact="6",
    )

    response = pmo_client.post("/raid/R920/edit/", data)

    assert response.status_code == 302
    assert response["Location"] == "/raid/R920/"
    item = RaidItem.objects.get(ref="R920")
    assert (item.score, item.initial_score, item.version) == (28, 10, register["R920"].version + 1)
    latest = item.history.latest("history_date")
    assert (latest.score, latest.history_user) == (28, pmo_user)
    assert plan("R920") == [
        (1, "Monitor design change triggers", "Code Bodies", True),
        (2, "Escalate to PSG", "PMO", False),
        (3, "Brief CCAG", "", False),
    ]


def test_ticking_remove_drops_a_step(pmo_client, register):
    page = pmo_client.get("/raid/R920/edit/")
    data = page_post(page, rows=[{"text": "Monitor design change triggers", "owner": "Code Bodies"}])

    response = pmo_client.post("/raid/R920/edit/", data)

    assert response.status_code == 302
    assert plan("R920") == [(1, "Monitor design change triggers", "Code Bodies", False)]


def test_a_stale_edit_form_is_refused_with_409_and_a_message(pmo_client, register):
    page = pmo_client.get("/raid/R920/edit/")
    services.raid_item_update(item=register["R920"], actor=None, title="Someone else's edit")

    response = pmo_client.post("/raid/R920/edit/", page_post(page, title="Mine", impact="6"))

    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    item = RaidItem.objects.get(ref="R920")
    assert (item.title, item.impact) == ("Someone else's edit", 5)


def test_editing_a_closed_item_without_reopening_is_refused_with_a_message(pmo_client, register):
    page = pmo_client.get("/raid/D7/edit/")

    response = pmo_client.post("/raid/D7/edit/", page_post(page, title="Edited while closed"))

    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    assert "reopen it before editing" in html_lib.unescape(response.content.decode())
    item = RaidItem.objects.get(ref="D7")
    assert (item.title, item.status, item.version) == (
        "Elexon service design assured",
        "closed",
        register["D7"].version,
    )


def test_editing_a_closed_item_that_sets_it_open_reopens_and_saves(pmo_client, register):
    page = pmo_client.get("/raid/D7/edit/")

    response = pmo_client.post("/raid/D7/edit/", page_post(page, title="Reopened and edited", status="open"))

    assert response.status_code == 302
    item = RaidItem.objects.get(ref="D7")
    assert (item.title, item.status, item.closed_on) == ("Reopened and edited", "open", None)


def test_a_bad_edit_form_shows_the_field_error_and_saves_nothing(pmo_client, register):
    page = pmo_client.get("/raid/I183/edit/")

    response = pmo_client.post("/raid/I183/edit/", page_post(page, likelihood="3", title="Changed"))

    assert response.status_code == 200
    assert "likelihood" in response.context["form"].errors
    item = RaidItem.objects.get(ref="I183")
    assert (item.title, item.likelihood, item.version) == (
        "Migration throughput too low",
        None,
        register["I183"].version,
    )


def test_a_reader_may_not_edit(participant_client, register):
    assert participant_client.get("/raid/R920/edit/").status_code == 403
    assert participant_client.post("/raid/R920/edit/", {"title": "Mine"}).status_code == 403
    assert RaidItem.objects.get(ref="R920").title == "Code drafting lags design changes"


# --- close and reopen ------------------------------------------------------------------------------------


def test_pmo_close_and_reopen_an_item_from_its_page(pmo_client, pmo_user, register, today):
    closed = pmo_client.post("/raid/R920/close/", {"reason": "Mitigated"}, follow=True)

    assert closed.redirect_chain[-1][0] == "/raid/R920/"
    item = RaidItem.objects.get(ref="R920")
    assert (item.status, item.closed_on) == ("closed", today)
    assert item.history.latest("history_date").history_change_reason == "Closed — Mitigated"
    assert any("R920 closed" in message for message in messages_of(closed))

    reopened = pmo_client.post("/raid/R920/reopen/", follow=True)

    item.refresh_from_db()
    assert (item.status, item.closed_on) == ("open", None)
    assert any("R920 reopened" in message for message in messages_of(reopened))


def test_closing_a_closed_item_shows_the_refusal(pmo_client, register):
    response = pmo_client.post("/raid/D7/close/", follow=True)

    assert response.redirect_chain[-1][0] == "/raid/D7/"
    assert any("already closed" in message for message in messages_of(response))


def test_an_unknown_action_answers_404(pmo_client, register):
    assert pmo_client.post("/raid/R920/delete/").status_code == 404
    assert RaidItem.objects.filter(ref="R920", status="open").exists()


def test_close_is_post_only(pmo_client, register):
    assert pmo_client.get("/raid/R920/close/").status_code == 405
    assert RaidItem.objects.get(ref="R920").status == "open"


def test_a_reader_may_not_close(participant_client, register):
    assert participant_client.post("/raid/R920/close/").status_code == 403
    assert RaidItem.objects.get(ref="R920").status == "open"


def test_a_reader_gets_403_not_404_when_closing_a_restricted_item(participant_client, register):
    # No change permission at all: refused before any lookup, so nothing tells a Restricted ref exists.
    assert participant_client.post("/raid/R849/close/").status_code == 403


# --- the heat map ----------------------------------------------------------------------------------------


def cell_counts(response):
    assert response.status_code == 200
    return {
        (row["likelihood"], cell["impact"]): cell["count"]
        for row in response.context["rows"]
        for cell in row["cells"]
        if cell["count"]
    }


def test_the_heat_map_counts_open_items_per_cell_with_issues_in_the_top_row(pmo_client, register):
    RaidItemFactory(likelihood=1, impact=5)

    response = pmo_client.get("/raid/heat-map/")

    # D7 is closed; I183 (impact 2) sits in the top row.
    assert cell_counts(response) == {(3, 6): 1, (1, 5): 2, (2, 4): 1, (5, 2): 1, (1, 1): 1}
    html = response.content.decode()
    assert 'data-likelihood="1" data-impact="5" data-count="2"' in html
    assert 'data-likelihood="5" data-impact="2" data-count="1"' in html
    assert [row["likelihood"] for row in response.context["rows"]] == [5, 4, 3, 2, 1]
    assert response.context["total"] == 6


def test_each_heat_map_count_links_to_the_register_filtered_to_its_cell(pmo_client, register):
    response = pmo_client.get("/raid/heat-map/")

    html = response.content.decode()
    links = {html_lib.unescape(href) for href in re.findall(r'<a href="([^"]+)" class="cell-count"', html)}
    assert links == {
        "/raid/?status=open&impact=6&likelihood=3",
        "/raid/?status=open&impact=5&likelihood=1",
        "/raid/?status=open&impact=4&likelihood=2",
        "/raid/?status=open&impact=2&likelihood=5",
        "/raid/?status=open&impact=1&likelihood=1",
    }
    counts = cell_counts(response)
    for link in links:
        listed = refs_in_table(pmo_client.get(link))
        likelihood, impact = int(link.rsplit("=", 1)[1]), int(link.split("impact=")[1].split("&")[0])
        assert len(listed) == counts[(likelihood, impact)], link
    assert refs_in_table(pmo_client.get("/raid/?status=open&impact=2&likelihood=5")) == ["I183"]


def test_the_heat_map_shows_one_kind(pmo_client, register):
    response = pmo_client.get("/raid/heat-map/", {"kind": "issue"})

    assert cell_counts(response) == {(5, 2): 1}
    assert "/raid/?status=open&amp;impact=2&amp;likelihood=5&amp;kind=issue" in response.content.decode()


def test_the_heat_map_shows_each_cells_matrix_score_and_band(pmo_client, register):
    response = pmo_client.get("/raid/heat-map/")

    cells = {(row["likelihood"], cell["impact"]): cell for row in response.context["rows"] for cell in row["cells"]}
    assert len(cells) == 30
    assert (cells[(5, 6)]["score"], cells[(5, 6)]["band"]) == (30, "critical")
    assert (cells[(1, 1)]["score"], cells[(1, 1)]["band"]) == (1, "low")


def test_a_participants_heat_map_does_not_count_restricted_items(participant_client, register):
    response = participant_client.get("/raid/heat-map/")

    assert (3, 6) not in cell_counts(response)
    assert response.context["total"] == 4


# --- top risks per group ---------------------------------------------------------------------------------


def test_the_top_risks_of_a_group_are_its_open_risks_and_issues_by_score_with_movement(pmo_client, register):
    response = pmo_client.get("/raid/groups/CCAG/")

    assert response.status_code == 200
    # Not the assumption A12, not the closed D7.
    assert [item.ref for item in response.context["items"]] == ["R849", "I183", "R532", "R920"]
    html = response.content.decode()
    assert "Top programme risks related to CCAG" in html
    table = html.split('data-testid="top-risks"', 1)[1]
    assert table.index("R849") < table.index("I183") < table.index("R532") < table.index("R920")
    assert table.count("New item") == 4
    assert "Monitor design change triggers" in table


def test_the_top_risks_give_movement_since_a_chosen_date(pmo_client, groups):
    r920 = raid_item_at(aware(2024, 10, 23), ref="R920", likelihood=3, impact=4, groups=[groups["CCAG"]])
    rescore_at(r920, aware(2024, 11, 27), likelihood=1, impact=5)
    raid_item_at(aware(2024, 11, 1), ref="R966", likelihood=3, impact=6, groups=[groups["CCAG"]])

    response = pmo_client.get("/raid/groups/CCAG/", {"since": "2024-10-23"})

    table = response.content.decode().split('data-testid="top-risks"', 1)[1]
    assert table.index("R966") < table.index("R920")
    assert "Score reduced from 20 to 10" in table
    assert "New item" in table


def test_a_participants_top_risks_leave_restricted_items_out(participant_client, register):
    response = participant_client.get("/raid/groups/CCAG/")

    assert [item.ref for item in response.context["items"]] == ["I183", "R532", "R920"]
    assert "SIT Functional will not complete on time" not in response.content.decode()


def test_top_risks_of_an_unknown_group_answer_404(pmo_client, register):
    assert pmo_client.get("/raid/groups/NOPE/").status_code == 404


# --- signed-out visitors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/raid/", "/raid/R920/", "/raid/heat-map/", "/raid/groups/CCAG/", "/raid/new/"])
def test_signed_out_visitors_are_sent_to_sign_in(client, register, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
