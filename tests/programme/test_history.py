"""core.history.history_entries: each saved version as who, when and which field went from what to
what, read from django-simple-history."""

import pytest
from rest_framework.test import APIClient

from changes.services import change_request_create
from core.history import FieldChange, history_entries
from programme.choices import GroupLevel
from tests.factories import UserFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def change(entry, label):
    return next(c for c in entry.changes if c.label == label)


def test_it_lists_the_creation_then_each_change_newest_first():
    group = GovernanceGroupFactory(code="DAG", name="Design Advisory Group", level=GroupLevel.ADVISORY)
    group.name = "Design Authority Group"
    group.save()

    entries = history_entries(group)

    assert [entry.kind for entry in entries] == ["Changed", "Created"]
    assert entries[0].changes == [FieldChange(label="Name", old="Design Advisory Group", new="Design Authority Group")]
    assert entries[0].when >= entries[1].when


def test_it_shows_the_created_entry_with_the_initial_values_and_no_old_ones():
    group = GovernanceGroupFactory(code="DAG", name="Design Advisory Group", level=GroupLevel.ADVISORY)

    (created,) = history_entries(group)

    assert created.kind == "Created"
    assert change(created, "Code") == FieldChange(label="Code", old="", new="DAG")
    assert change(created, "Name").new == "Design Advisory Group"
    assert all(c.old == "" for c in created.changes)
    # Blank fields are left out of the creation entry.
    assert "Chair" not in {c.label for c in created.changes}
    assert "Parent" not in {c.label for c in created.changes}


def test_it_lists_only_the_fields_that_changed():
    group = GovernanceGroupFactory(code="DAG", name="Design Advisory Group", level=GroupLevel.ADVISORY)
    group.chair = "Design Authority"
    group.description = "Governs the design."
    group.save()

    changed = history_entries(group)[0]

    assert {c.label for c in changed.changes} == {"Chair", "Description"}
    assert change(changed, "Chair") == FieldChange(label="Chair", old="—", new="Design Authority")


def test_it_says_a_save_without_changes_changed_nothing():
    group = GovernanceGroupFactory(code="DAG")
    group.save()

    entries = history_entries(group)

    assert entries[0].kind == "Changed"
    assert entries[0].changes == []


def test_it_shows_a_foreign_key_by_the_related_records_name():
    dno = ConstituencyFactory(code="DNO", name="Distribution Network Operator")
    idno = ConstituencyFactory(code="IDNO", name="Independent DNO")
    organisation = OrganisationFactory(name="BUUK", constituency=dno)
    organisation.constituency = idno
    organisation.save()

    changed, created = history_entries(organisation)

    assert change(changed, "Constituency") == FieldChange(
        label="Constituency", old="Distribution Network Operator", new="Independent DNO"
    )
    assert change(created, "Constituency").new == "Distribution Network Operator"


def test_it_shows_a_parent_group_by_its_code():
    psg = GovernanceGroupFactory(code="PSG", level=GroupLevel.STEERING)
    dag = GovernanceGroupFactory(code="DAG", level=GroupLevel.ADVISORY)
    sdwg = GovernanceGroupFactory(code="SDWG", level=GroupLevel.WORKING, parent=dag)
    sdwg.parent = psg
    sdwg.save()

    assert change(history_entries(sdwg)[0], "Parent") == FieldChange(label="Parent", old="DAG", new="PSG")


def test_it_shows_a_foreign_key_by_its_current_name_after_the_related_record_is_renamed():
    dno = ConstituencyFactory(code="DNO", name="DNO")
    organisation = OrganisationFactory(name="UKPN", constituency=dno)
    dno.name = "Distribution Network Operator"
    dno.save()

    (created,) = history_entries(organisation)

    assert change(created, "Constituency").new == "Distribution Network Operator"


def test_it_shows_a_choice_field_by_its_label():
    group = GovernanceGroupFactory(code="DRG", level=GroupLevel.ADVISORY)
    group.level = GroupLevel.WORKING
    group.save()

    changed, created = history_entries(group)

    assert change(changed, "Level") == FieldChange(
        label="Level", old="Level 3 — advisory", new="Level 4 — working group"
    )
    assert change(created, "Level").new == "Level 3 — advisory"


def test_it_shows_a_boolean_as_yes_or_no():
    organisation = OrganisationFactory(name="Old Party Ltd")
    organisation.active = False
    organisation.save()

    assert change(history_entries(organisation)[0], "Active") == FieldChange(label="Active", old="Yes", new="No")


def test_it_names_the_system_when_no_user_made_the_change():
    group = GovernanceGroupFactory(code="DAG")

    assert history_entries(group)[0].who == "system"


def test_it_names_the_user_who_edited_through_the_page(client, pmo_user):
    group = GovernanceGroupFactory(code="DAG", name="Design Advisory Group", level=GroupLevel.ADVISORY)
    client.force_login(pmo_user)

    form = client.get("/groups/DAG/edit/").context["form"]
    data = {bound.name: bound.value() for bound in form if bound.value() not in (None, "", False)}

    response = client.post("/groups/DAG/edit/", {**data, "active": "on", "name": "Design Authority Group"})

    assert response.status_code == 302
    changed, created = history_entries(group)
    assert changed.who == pmo_user.get_full_name()
    assert created.who == "system"
    assert change(changed, "Name").new == "Design Authority Group"


def test_it_names_the_user_who_edited_through_the_api(pmo_user):
    organisation = OrganisationFactory(name="UKPN", constituency=ConstituencyFactory(code="DNO", name="DNO"))
    ConstituencyFactory(code="IDNO", name="iDNO")
    api = APIClient()
    api.force_authenticate(pmo_user)

    response = api.patch(f"/api/organisations/{organisation.pk}/", {"constituency": "IDNO"}, format="json")

    assert response.status_code == 200
    changed = history_entries(organisation)[0]
    assert changed.who == pmo_user.get_full_name()
    assert change(changed, "Constituency") == FieldChange(label="Constituency", old="DNO", new="iDNO")


def test_it_names_a_user_without_a_full_name_by_username():
    editor = UserFactory(username="pmo-bot", first_name="", last_name="")
    group = GovernanceGroupFactory(code="DAG")
    group.chair = "SRO"
    group._history_user = editor
    group.save()

    assert history_entries(group)[0].who == "pmo-bot"


def test_it_limits_the_number_of_entries():
    group = GovernanceGroupFactory(code="DAG")
    for n in range(5):
        group.chair = f"Chair {n}"
        group.save()

    entries = history_entries(group, limit=3)

    assert len(entries) == 3
    assert change(entries[0], "Chair").new == "Chair 4"


def _organisation_with_versions(count):
    """An organisation saved `count` times, each version by a different user in a different constituency."""
    organisation = OrganisationFactory(name="Moving Party Ltd")
    for n in range(count):
        organisation.constituency = ConstituencyFactory(code=f"SEAT_{count}_{n}", name=f"Seat {count}/{n}")
        organisation.name = f"Moving Party {n} Ltd"
        organisation._history_user = UserFactory(
            username=f"editor-{count}-{n}", first_name="Editor", last_name=f"No {n}"
        )
        organisation.save()
    return organisation


@pytest.mark.parametrize("versions", [2, 25])
def test_it_reads_the_history_in_a_fixed_number_of_queries(django_assert_max_num_queries, versions):
    organisation = _organisation_with_versions(versions)

    # One for the versions (with their users), one per related model shown by name.
    with django_assert_max_num_queries(2):
        entries = history_entries(organisation)

    assert len(entries) == versions + 1
    assert {change(entry, "Constituency").new for entry in entries[:-1]} == {
        f"Seat {versions}/{n}" for n in range(versions)
    }
    assert len({entry.who for entry in entries[:-1]}) == versions


def test_it_shows_many_to_many_changes_by_name_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    dno = ConstituencyFactory(code="DNO", name="DNO")
    idno = ConstituencyFactory(code="IDNO", name="iDNO")
    change_request = change_request_create(actor=None, title="Scoped IA", ia_constituencies=[dno])
    for _ in range(5):
        change_request.ia_constituencies.set([dno, idno])
        change_request.ia_constituencies.set([dno])

    with django_assert_max_num_queries(6):
        entries = history_entries(change_request)

    latest = entries[0].changes
    assert [(c.label, c.old, c.new) for c in latest] == [("IA constituencies", "DNO, iDNO", "DNO")]
