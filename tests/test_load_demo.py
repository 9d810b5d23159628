"""`load_demo`: the MHHS governance structure, constituencies, parties and demo users; idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from core.roles import CHAIR, CONSTITUENCY_REPRESENTATIVE, PARTICIPANT, PARTY_REPRESENTATIVE, PMO, role_of
from mhhs_governance.management.commands.load_demo import DEMO_USERS, REPRESENTATIVE_PASSWORD
from programme.choices import GroupLevel
from programme.models import Constituency, GovernanceGroup, Organisation

pytestmark = pytest.mark.django_db

ADVISORY_GROUPS = ("DAG", "CCAG", "SITAG", "QAG", "MCAG")

# Rows of the CR054 impact-assessment summary table (PSG #36), in the papers' singular forms.
CR054_CONSTITUENCIES = (
    "Large Supplier",
    "Medium Supplier",
    "Small Supplier",
    "I&C Supplier",
    "DNO",
    "iDNO",
    "Independent Agent",
    "Supplier Agent",
    "Software Provider",
    "REC Code Manager",
    "National Grid ESO",
    "Consumer",
    "Elexon (Helix)",
    "DCC",
    "SRO / IM & LDP",
    "IPA",
)

# Working groups the seeds name, with the group each reports to.
WORKING_GROUPS = {
    "CDWG": "CCAG",
    "SDWG": "DAG",
    "SITWG": "SITAG",
    "DWG": "SITAG",
    "NFTWG": "SITAG",
    "QWG": "QAG",
    "MWG": "MCAG",
    "DCWG": "MCAG",
    "TORWG": "MCAG",
    "FTIG": "PSG",
}


def load_demo(*args) -> str:
    out = StringIO()
    # Tests run with DEBUG off, where the demo users (published passwords) must be asked for by name.
    call_command("load_demo", "--allow-published-passwords", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def demo():
    return load_demo()


def test_it_creates_psg_at_the_top(demo):
    psg = GovernanceGroup.objects.get(code="PSG")

    assert psg.level == GroupLevel.STEERING
    assert psg.parent is None
    assert psg.name == "Programme Steering Group"
    # Nothing at PSG's level or below floats free of the tree.
    assert list(GovernanceGroup.objects.filter(parent__isnull=True, level__gte=GroupLevel.STEERING)) == [psg]


@pytest.mark.parametrize("code", ADVISORY_GROUPS)
def test_it_creates_the_advisory_groups_under_psg(demo, code):
    group = GovernanceGroup.objects.get(code=code)

    assert group.level == GroupLevel.ADVISORY
    assert group.parent.code == "PSG"
    assert group.active


@pytest.mark.parametrize(("code", "parent"), WORKING_GROUPS.items())
def test_it_creates_the_working_groups_under_their_parents(demo, code, parent):
    group = GovernanceGroup.objects.get(code=code)

    assert group.level == GroupLevel.WORKING
    assert group.parent.code == parent


def test_it_keeps_every_group_below_its_parent(demo):
    below_psg = GovernanceGroup.objects.select_related("parent").filter(level__gt=GroupLevel.STEERING)
    assert below_psg.count() >= len(ADVISORY_GROUPS) + len(WORKING_GROUPS)
    for group in below_psg:
        assert group.parent is not None, group.code
        assert group.parent.level < group.level, group.code
        group.full_clean()


def test_it_creates_the_cr054_impact_assessment_constituencies(demo):
    names = set(Constituency.objects.values_list("name", flat=True))

    assert set(CR054_CONSTITUENCIES) <= names


def test_it_gives_every_organisation_a_constituency(demo):
    organisations = Organisation.objects.select_related("constituency")

    assert organisations.count() >= 20
    assert all(organisation.constituency_id for organisation in organisations)
    assert organisations.get(name="UKPN").constituency.code == "DNO"
    assert organisations.get(name="RECCo").constituency.name == "REC Code Manager"
    assert organisations.get(name="Elexon").constituency.name == "Elexon (Helix)"


def test_it_seats_organisations_in_most_ia_constituencies(demo):
    seated = set(Constituency.objects.filter(organisations__isnull=False).values_list("name", flat=True))

    for name in ("Large Supplier", "DNO", "iDNO", "Independent Agent", "Software Provider", "DCC"):
        assert name in seated


@pytest.mark.parametrize(("username", "password", "role"), [(u, p, r) for u, p, r, *_ in DEMO_USERS])
def test_it_creates_a_demo_user_per_role_who_can_sign_in(demo, client, username, password, role):
    user = get_user_model().objects.get(username=username)

    assert role_of(user) == role
    assert list(user.groups.values_list("name", flat=True)) == [role]
    assert client.login(username=username, password=password)
    assert client.get("/").status_code == 200


def test_it_has_one_demo_user_for_each_role():
    assert sorted(role for _, _, role, *_ in DEMO_USERS) == sorted([PMO, CHAIR, PARTICIPANT])


def test_it_gives_demo_users_their_roles_permissions(demo):
    users = get_user_model().objects
    pmo, chair, participant = (
        users.get(username="pmo"),
        users.get(username="chair"),
        users.get(username="participant"),
    )

    assert pmo.has_perm("programme.change_governancegroup")
    assert not chair.has_perm("programme.change_governancegroup")
    assert chair.has_perm("programme.view_governancegroup")
    assert participant.has_perm("programme.view_organisation")
    assert not participant.has_perm("programme.add_organisation")


def test_it_gives_each_party_a_representative_and_each_constituency_a_voter(demo, client):
    parties = Organisation.objects.filter(active=True)
    representatives = get_user_model().objects.filter(groups__name=PARTY_REPRESENTATIVE)

    assert representatives.count() == parties.count()
    assert set(representatives.values_list("profile__organisation", flat=True)) == set(
        parties.values_list("pk", flat=True)
    )
    voters = get_user_model().objects.filter(groups__name=CONSTITUENCY_REPRESENTATIVE)
    assert sorted(voters.values_list("profile__organisation__constituency", flat=True)) == sorted(
        set(parties.values_list("constituency", flat=True))
    ), "one voter per constituency"
    rep = representatives.get(username="rep-ukpn")
    assert role_of(rep) == PARTICIPANT
    assert client.login(username="rep-ukpn", password=REPRESENTATIVE_PASSWORD)


def test_it_loads_no_users_with_no_users(db):
    load_demo("--no-users")

    assert GovernanceGroup.objects.filter(code="PSG").exists()
    assert not get_user_model().objects.filter(username__in=[u for u, *_ in DEMO_USERS]).exists()


def test_it_reports_what_it_created(db):
    output = load_demo()

    assert "created" in output
    assert "unchanged" not in output


def test_it_changes_nothing_when_run_twice(demo):
    models = (Constituency, Organisation, GovernanceGroup)
    counts = {model: model.objects.count() for model in models}
    history_counts = {model: model.history.count() for model in models}
    users = set(get_user_model().objects.values_list("username", "password", "last_login"))
    snapshot = {model: list(model.objects.order_by("pk").values()) for model in models}

    output = load_demo()

    assert {model: model.objects.count() for model in models} == counts
    assert {model: model.history.count() for model in models} == history_counts
    assert set(get_user_model().objects.values_list("username", "password", "last_login")) == users
    assert {model: list(model.objects.order_by("pk").values()) for model in models} == snapshot
    assert "unchanged" in output
    assert "created" not in output
    assert "updated" not in output


def test_it_wrote_one_history_row_per_record_on_the_first_run(demo):
    for model in (Constituency, Organisation, GovernanceGroup):
        assert model.history.count() == model.objects.count()
        assert set(model.history.values_list("history_type", flat=True)) == {"+"}


def test_it_restores_a_changed_record_and_reports_the_update(demo):
    dag = GovernanceGroup.objects.get(code="DAG")
    dag.name = "Renamed by hand"
    dag.save()
    before = GovernanceGroup.history.count()

    output = load_demo()

    dag.refresh_from_db()
    assert dag.name == "Design Advisory Group"
    assert "1 groups updated" in output
    assert GovernanceGroup.history.count() == before + 1
