"""People and the representative grants: one service (programme.services.person_save) behind the admin and the
demo; a representative speaks for an organisation, a grant can be withdrawn, and a role is never lost."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from core.exceptions import WorkflowError
from core.roles import CHAIR, CONSTITUENCY_REPRESENTATIVE, PARTICIPANT, PARTY_REPRESENTATIVE, ensure_roles
from programme import services
from programme.models import Profile
from programme.rules import speaks_for, votes_for
from tests.factories import UserFactory
from tests.programme.factories import ConstituencyFactory, OrganisationFactory


@pytest.fixture
def party(db):
    ensure_roles()
    return OrganisationFactory(
        name="Supplier A Ltd", constituency=ConstituencyFactory(code="LS", name="Large Supplier")
    )


def groups_of(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_a_new_person_is_a_participant_of_their_party_with_the_grants_asked(party):
    user, changes = services.person_save(
        username="a.rep", organisation=party, party_representative=True, constituency_representative=False
    )

    assert groups_of(user) == {PARTICIPANT, PARTY_REPRESENTATIVE}
    assert Profile.objects.get(user=user).organisation == party
    assert not user.has_usable_password(), "signs in once the PMO sets a password"
    assert "created" in changes and f"{PARTY_REPRESENTATIVE} granted" in changes
    assert speaks_for(user, party) and not votes_for(user, party.constituency)


def test_a_grant_is_withdrawn_and_a_role_is_kept(party):
    chair = UserFactory(username="c.chair", role=CHAIR)
    services.person_save(
        username="c.chair", organisation=party, party_representative=True, constituency_representative=True
    )
    user, changes = services.person_save(
        username="c.chair", organisation=party, party_representative=False, constituency_representative=True
    )

    assert user.pk == chair.pk
    assert groups_of(user) == {CHAIR, CONSTITUENCY_REPRESENTATIVE}, "a Chair is not made a Participant"
    assert changes == [f"{PARTY_REPRESENTATIVE} withdrawn"]
    assert votes_for(user, party.constituency)


def test_a_representative_without_an_organisation_is_refused_and_nothing_is_written(party):
    with pytest.raises(WorkflowError, match="speaks for an organisation"):
        services.person_save(
            username="nobody", organisation=None, party_representative=True, constituency_representative=False
        )

    assert not Group.objects.get(name=PARTY_REPRESENTATIVE).user_set.exists()


def test_the_pmo_grants_representation_in_the_admin(client, party):
    person = UserFactory(username="p.person", role=PARTICIPANT)
    client.force_login(UserFactory(username="pmo-staff", role="PMO", is_staff=True))

    response = client.post(
        "/admin/programme/profile/add/",
        {
            "user": person.pk,
            "organisation": party.pk,
            "party_representative": "on",
            "constituency_representative": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:500]
    assert groups_of(person) == {PARTICIPANT, PARTY_REPRESENTATIVE, CONSTITUENCY_REPRESENTATIVE}
    refused = client.post(
        f"/admin/programme/profile/{person.profile.pk}/change/",
        {"user": person.pk, "organisation": "", "party_representative": "on"},
    )
    assert refused.status_code == 200 and "speaks for an organisation" in refused.content.decode()
    assert groups_of(person) == {PARTICIPANT, PARTY_REPRESENTATIVE, CONSTITUENCY_REPRESENTATIVE}, "nothing changed"


PEOPLE_CSV = (
    "Username,First name,Last name,Email,Organisation,Party representative,Constituency representative\n"
    "j.smith,Jo,Smith,jo@supplier-a.example,Supplier A Ltd,Yes,No\n"
    "k.jones,Kim,Jones,kim@supplier-a.example,supplier a ltd,Y,Y\n"
)


def test_the_people_spreadsheet_grants_through_the_same_service(party, tmp_path):
    file = tmp_path / "people.csv"
    file.write_text(PEOPLE_CSV)
    call_command("import_register", "people", str(file), stdout=StringIO())

    jo = Profile.objects.get(user__username="j.smith")
    assert (jo.user.get_full_name(), jo.user.email, jo.organisation) == ("Jo Smith", "jo@supplier-a.example", party)
    assert groups_of(jo.user) == {PARTICIPANT, PARTY_REPRESENTATIVE}
    assert groups_of(Profile.objects.get(user__username="k.jones").user) == {
        PARTICIPANT,
        PARTY_REPRESENTATIVE,
        CONSTITUENCY_REPRESENTATIVE,
    }


def test_an_unknown_organisation_refuses_the_whole_file(party, tmp_path):
    file = tmp_path / "people.csv"
    file.write_text(PEOPLE_CSV + "z.other,Zed,Other,,Nowhere plc,Yes,No\n")

    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_register", "people", str(file), stdout=StringIO())

    assert not Profile.objects.exists()


def test_only_the_pmo_see_people_and_their_spreadsheet(client, party, participant_user, pmo_user):
    services.person_save(
        username="j.smith", organisation=party, party_representative=True, constituency_representative=False
    )

    client.force_login(participant_user)
    assert client.get("/people/").status_code == 403
    assert client.get("/people/export.csv").status_code == 403
    client.force_login(pmo_user)
    page = client.get("/people/")
    assert page.status_code == 200 and "j.smith" in page.content.decode()
    export = client.get("/people/export.csv").content.decode("utf-8-sig")
    assert "j.smith,,,,Supplier A Ltd,Yes,No" in export
