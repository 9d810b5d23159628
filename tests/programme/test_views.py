"""The programme pages: lists with filters and htmx partials, record pages with their History tab, forms."""

import pytest
from django import forms
from django.core.management import call_command

from programme.choices import GroupLevel
from programme.forms import GovernanceGroupForm
from programme.models import Constituency, GovernanceGroup, Organisation
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

HTMX_TABLE = {"HX-Request": "true", "HX-Target": "record-table"}


@pytest.fixture
def structure():
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    dag = GovernanceGroupFactory(code="DAG", name="Design Advisory Group", level=GroupLevel.ADVISORY, parent=psg)
    ccag = GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group", level=GroupLevel.ADVISORY, parent=psg)
    sdwg = GovernanceGroupFactory(
        code="SDWG", name="Security Design Working Group", level=GroupLevel.WORKING, parent=dag
    )
    return {"PSG": psg, "DAG": dag, "CCAG": ccag, "SDWG": sdwg}


@pytest.fixture
def parties():
    dno = ConstituencyFactory(code="DNO", name="DNO")
    supplier = ConstituencyFactory(code="LARGE_SUPPLIER", name="Large Supplier")
    return {
        "DNO": dno,
        "LARGE_SUPPLIER": supplier,
        "UKPN": OrganisationFactory(name="UKPN", constituency=dno),
        "Octopus": OrganisationFactory(name="Octopus", constituency=supplier),
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
    """What `form` sends back as rendered (hidden fields such as the record version included), with
    `changes` applied; a change to None or False leaves the field out, as an unticked box would."""
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.name] = "on"
        elif value not in (None, ""):
            data[bound.name] = value
    for name, value in changes.items():
        if value is None or value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def edit_form(client, url, **changes):
    """Opens the edit page at `url` and returns what submitting its form with `changes` would post."""
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.context["form"], **changes)


# --- lists ----------------------------------------------------------------------------------------------


def test_it_lists_groups_with_a_filter_form(participant_client, structure):
    response = participant_client.get("/groups/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert 'role="search"' in html
    assert 'name="q"' in html
    assert 'name="level"' in html
    assert 'name="parent"' in html
    for code in ("PSG", "DAG", "CCAG", "SDWG"):
        assert f'href="/groups/{code}/"' in html


def test_it_narrows_the_group_list_by_querystring(participant_client, structure):
    response = participant_client.get("/groups/", {"level": 4})

    html = response.content.decode()
    assert [group.code for group in response.context["table"].data] == ["SDWG"]
    assert 'href="/groups/SDWG/"' in html
    assert 'href="/groups/CCAG/"' not in html
    assert "Cross Code Advisory Group" not in html


def test_it_narrows_the_group_list_by_text_search(participant_client, structure):
    html = participant_client.get("/groups/", {"q": "cross code"}).content.decode()

    assert "Cross Code Advisory Group" in html
    assert "Security Design Working Group" not in html


def test_it_says_so_when_no_group_matches(participant_client, structure):
    response = participant_client.get("/groups/", {"q": "no such group"})

    assert response.status_code == 200
    assert "No governance groups match these filters." in response.content.decode()


def test_it_answers_an_htmx_filter_request_with_the_table_only(participant_client, structure):
    response = participant_client.get("/groups/", {"parent": "DAG"}, headers=HTMX_TABLE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'role="search"' not in html
    assert "<table" in html
    assert "Security Design Working Group" in html
    assert "Cross Code Advisory Group" not in html


def test_it_lists_organisations_filtered_by_constituency(participant_client, parties):
    full = participant_client.get("/organisations/").content.decode()
    narrowed = participant_client.get("/organisations/", {"constituency": "DNO"}).content.decode()

    assert 'name="constituency"' in full
    assert "UKPN" in full
    assert "Octopus" in full
    assert "UKPN" in narrowed
    assert "Octopus" not in narrowed


def test_it_answers_an_htmx_organisation_filter_with_the_table_only(participant_client, parties):
    response = participant_client.get("/organisations/", {"q": "octo"}, headers=HTMX_TABLE)

    html = response.content.decode()
    assert "<html" not in html
    assert "Octopus" in html
    assert "UKPN" not in html


def test_it_lists_constituencies_with_their_organisation_count(participant_client, parties):
    OrganisationFactory(name="SSEN", constituency=parties["DNO"])

    response = participant_client.get("/constituencies/", {"q": "dno"})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html
    assert 'href="/constituencies/DNO/"' in html
    assert "Large Supplier" not in html
    assert [(row.code, row.organisation_count) for row in response.context["table"].data] == [("DNO", 2)]


def test_it_shows_the_new_button_to_pmo_only(client, pmo_user, participant_user, structure):
    client.force_login(participant_user)
    as_participant = client.get("/groups/").content.decode()
    client.force_login(pmo_user)
    as_pmo = client.get("/groups/").content.decode()

    assert 'href="/groups/new/"' not in as_participant
    assert 'href="/groups/new/"' in as_pmo


# --- record pages ---------------------------------------------------------------------------------------


def test_it_shows_a_group_page_with_parent_subgroups_and_history_tab(participant_client, structure):
    response = participant_client.get("/groups/DAG/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "DAG — Design Advisory Group" in html
    assert 'href="/groups/PSG/"' in html
    assert 'href="/groups/SDWG/"' in html
    assert 'id="history-tab"' in html
    assert 'data-testid="history"' in html
    assert 'href="/groups/DAG/edit/"' not in html  # a Participant may not edit


def test_it_shows_an_organisation_and_a_constituency_page(participant_client, parties):
    organisation = participant_client.get(f"/organisations/{parties['UKPN'].pk}/")
    constituency = participant_client.get("/constituencies/DNO/")

    assert organisation.status_code == 200
    assert 'href="/constituencies/DNO/"' in organisation.content.decode()
    assert constituency.status_code == 200
    assert "UKPN" in constituency.content.decode()
    assert "Octopus" not in constituency.content.decode()


def test_it_shows_who_changed_which_field_from_what_to_what_after_an_edit(pmo_client, pmo_user, structure):
    response = pmo_client.post(
        "/groups/DAG/edit/", edit_form(pmo_client, "/groups/DAG/edit/", name="Design Authority Group")
    )

    assert response.status_code == 302
    assert response["Location"] == "/groups/DAG/"
    page = pmo_client.get("/groups/DAG/").content.decode()
    assert "History" in page
    history = page[page.index('data-testid="history"') :]
    assert pmo_user.get_full_name() in history
    assert "<strong>Name</strong>" in history
    assert '<del class="text-muted">Design Advisory Group</del> → Design Authority Group' in history


def test_it_shows_a_parent_change_by_group_code_in_the_history(pmo_client, pmo_user, structure):
    response = pmo_client.post(
        "/groups/SDWG/edit/", edit_form(pmo_client, "/groups/SDWG/edit/", parent=structure["CCAG"].pk)
    )

    assert response.status_code == 302

    history = pmo_client.get("/groups/SDWG/").content.decode().split('data-testid="history"', 1)[1]
    assert "<strong>Parent</strong>" in history
    assert '<del class="text-muted">DAG</del> → CCAG' in history


def test_it_shows_an_organisation_edit_in_its_history(pmo_client, pmo_user, parties):
    octopus = parties["Octopus"]

    response = pmo_client.post(
        f"/organisations/{octopus.pk}/edit/",
        edit_form(
            pmo_client,
            f"/organisations/{octopus.pk}/edit/",
            name="Octopus Energy",
            constituency=parties["DNO"].pk,
            active=False,
        ),
    )

    assert response.status_code == 302
    history = pmo_client.get(f"/organisations/{octopus.pk}/").content.decode().split('data-testid="history"', 1)[1]
    assert pmo_user.get_full_name() in history
    assert '<del class="text-muted">Large Supplier</del> → DNO' in history
    assert '<del class="text-muted">Octopus</del> → Octopus Energy' in history
    # Unchecked "active" box: the form sets it False, and the history says so.
    assert '<del class="text-muted">Yes</del> → No' in history


# --- forms ----------------------------------------------------------------------------------------------


def test_it_lets_pmo_create_a_group_through_the_form(pmo_client, pmo_user, structure):
    form = pmo_client.get("/groups/new/")
    response = pmo_client.post(
        "/groups/new/",
        {
            "code": "DRG",
            "name": "Design Resolution Group",
            "level": 4,
            "parent": structure["DAG"].pk,
            "active": "on",
        },
    )

    assert form.status_code == 200
    assert 'name="code"' in form.content.decode()
    assert response.status_code == 302
    drg = GovernanceGroup.objects.get(code="DRG")
    assert response["Location"] == "/groups/DRG/"
    assert drg.parent.code == "DAG"
    assert drg.history.first().history_user == pmo_user


def test_it_shows_form_errors_in_the_page_and_saves_nothing_for_a_parent_below_the_group(pmo_client, structure):
    dag = structure["DAG"]
    cdwg = GovernanceGroupFactory(code="CDWG", level=GroupLevel.WORKING, parent=structure["CCAG"])

    response = pmo_client.post(
        "/groups/DAG/edit/", edit_form(pmo_client, "/groups/DAG/edit/", parent=cdwg.pk, name="Renamed")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert "invalid-feedback" in html
    assert "higher level" in html
    dag.refresh_from_db()
    assert dag.parent.code == "PSG"
    assert dag.name == "Design Advisory Group"
    assert dag.history.count() == 1


def test_it_shows_form_errors_for_a_new_group_at_its_parents_level(pmo_client, structure):
    response = pmo_client.post(
        "/groups/new/", {"code": "XAG", "name": "X group", "level": 3, "parent": structure["DAG"].pk}
    )

    assert response.status_code == 200
    assert "The parent must sit at a higher level" in response.content.decode()
    assert not GovernanceGroup.objects.filter(code="XAG").exists()


def test_it_shows_form_errors_for_a_parent_cycle(pmo_client, structure):
    psg = structure["PSG"]

    response = pmo_client.post(
        "/groups/PSG/edit/", edit_form(pmo_client, "/groups/PSG/edit/", parent=structure["SDWG"].pk)
    )

    assert response.status_code == 200
    assert "cannot sit under itself" in response.content.decode()
    psg.refresh_from_db()
    assert psg.parent is None


def test_it_shows_form_errors_for_missing_fields(pmo_client, parties):
    response = pmo_client.post("/organisations/new/", {"name": ""})

    assert response.status_code == 200
    assert response.content.decode().count("This field is required.") == 2
    assert Organisation.objects.count() == 2


def test_it_lets_pmo_create_and_edit_a_constituency_through_the_form(pmo_client):
    created = pmo_client.post("/constituencies/new/", {"code": "IDNO", "name": "IDNO"})
    edited = pmo_client.post(
        "/constituencies/IDNO/edit/", edit_form(pmo_client, "/constituencies/IDNO/edit/", name="iDNO")
    )

    assert created.status_code == 302
    assert edited.status_code == 302
    assert Constituency.objects.get(code="IDNO").name == "iDNO"


# --- who may see what -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/groups/new/", "/groups/DAG/edit/", "/organisations/new/", "/constituencies/new/"])
def test_it_refuses_the_forms_to_a_participant(participant_client, structure, path):
    response = participant_client.get(path)

    assert response.status_code == 403


def test_it_refuses_a_participants_edit_post_and_saves_nothing(participant_client, structure):
    response = participant_client.post(
        "/groups/DAG/edit/", form_data(GovernanceGroupForm(instance=structure["DAG"]), name="Hijacked")
    )

    assert response.status_code == 403
    assert GovernanceGroup.objects.get(code="DAG").name == "Design Advisory Group"


def test_it_refuses_the_forms_to_a_chair(client_for, structure):
    client = client_for("Chair")

    assert client.get("/groups/new/").status_code == 403
    assert client.get("/groups/DAG/edit/").status_code == 403


@pytest.mark.parametrize(
    "path", ["/", "/groups/", "/groups/DAG/", "/groups/new/", "/organisations/", "/constituencies/"]
)
def test_it_sends_anonymous_visitors_to_the_login_page(client, structure, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={path}"


def test_it_shows_the_friendly_404_page_for_an_unknown_code(participant_client, structure):
    response = participant_client.get("/groups/NOPE/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "We couldn&#x27;t find that" in html or "We couldn't find that" in html
    assert 'href="/"' in html
    assert "<html" in html


def test_it_shows_the_friendly_403_page(participant_client, structure):
    response = participant_client.get("/groups/new/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "<html" in html
    assert "Your role does not allow this." in html


# --- dashboard ------------------------------------------------------------------------------------------


def test_it_shows_the_governance_structure_on_the_dashboard_after_load_demo(participant_client):
    call_command("load_demo", "--no-users", stdout=open("/dev/null", "w"))  # noqa: SIM115

    response = participant_client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="dashboard-heading"' in html
    assert "Governance structure" in html
    for code in ("PSG", "DAG", "CCAG", "SITAG", "QAG", "MCAG", "SDWG"):
        assert f'href="/groups/{code}/"' in html
    assert "No governance groups yet" not in html
    # Tree order: PSG first, each advisory group followed by its working groups.
    assert html.index('href="/groups/PSG/"') < html.index('href="/groups/DAG/"') < html.index('href="/groups/SDWG/"')


def test_it_shows_an_empty_state_on_the_dashboard_without_data(participant_client):
    response = participant_client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="dashboard-heading"' in html
    assert "No governance groups yet." in html
    assert "No milestones." in html


def test_it_offers_pmo_a_way_to_start_from_the_empty_dashboard(pmo_client):
    html = pmo_client.get("/").content.decode()

    assert 'href="/groups/new/"' in html
    assert "load_demo" in html
