"""Deletions in the admin are recorded in the history with the user, and PMO or a superuser restores them from
the admin's "Deleted records" page: same id and ref, links, the records the deletion cascaded to, and the
history intact with a "Restored" entry. Chairs and Participants cannot reach it."""

import pytest

from changes.models import ChangeRequest
from core.admin_history import DELETED_IN_ADMIN, deleted_records
from core.roles import CHAIR, PARTICIPANT, PMO
from meetings.models import Action, Meeting
from milestones.models import Milestone
from programme.models import GovernanceGroup
from raid.models import MitigationStep, RaidItem
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory
from tests.meetings.factories import ActionFactory
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory
from tests.raid.factories import RaidItemFactory


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def pmo_staff(db):
    return UserFactory(username="pmo-staff", role=PMO, is_staff=True)


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def risk(db):
    """R1: raised, re-scored, with a related group and a two-step mitigation plan (each step with history)."""
    item = RaidItemFactory(title="Design baseline slips", groups=[GovernanceGroupFactory(code="DAG")])
    item.impact = 5
    item._change_reason = "Re-scored at DAG26"
    item.save()
    MitigationStep.objects.create(item=item, position=1, text="Agree a fallback design")
    MitigationStep.objects.create(item=item, position=2, text="Brief the SRO")
    return item


def admin_delete(client, obj) -> None:
    opts = obj._meta
    response = client.post(f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302, response.content[:500]


def deletion_of(model, pk):
    return deleted_records(model).get(id=pk)


def restore_url(obj_or_model, record) -> str:
    opts = obj_or_model._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/deleted/{record.history_id}/restore/"


def test_an_admin_deletion_is_in_the_history_with_its_user_and_its_cascade(as_user, superuser, risk):
    pk, steps = risk.pk, list(risk.mitigation_steps.values_list("pk", flat=True))

    admin_delete(as_user(superuser), risk)

    assert not RaidItem.objects.filter(pk=pk).exists()
    deletion = RaidItem.history.filter(id=pk).latest()
    assert deletion.history_type == "-"
    assert deletion.history_user == superuser
    assert deletion.history_change_reason == DELETED_IN_ADMIN
    # The mitigation steps went with it, under the same deletion stamp.
    for step in steps:
        step_deletion = MitigationStep.history.filter(id=step).latest()
        assert (step_deletion.history_type, step_deletion.history_user) == ("-", superuser)
        assert step_deletion.history_date == deletion.history_date


def test_pmo_restores_a_deleted_record_with_its_history_links_and_cascade(as_user, superuser, pmo_staff, risk):
    pk, ref, group = risk.pk, risk.ref, risk.groups.get()
    history_before = list(RaidItem.history.filter(id=pk).order_by("history_id").values())
    steps_before = list(MitigationStep.objects.filter(item=risk).order_by("pk").values())
    admin_delete(as_user(superuser), risk)
    deletion = deletion_of(RaidItem, pk)

    client = as_user(pmo_staff)
    listing = client.get("/admin/raid/raiditem/deleted/")
    assert listing.status_code == 200
    assert ref in listing.content.decode() and restore_url(RaidItem, deletion) in listing.content.decode()
    assert "/admin/raid/raiditem/deleted/" in client.get("/admin/raid/raiditem/").content.decode()
    confirm = client.get(restore_url(RaidItem, deletion))
    assert confirm.status_code == 200
    assert "Mitigation step" in confirm.content.decode()  # says what comes back with it

    response = client.post(restore_url(RaidItem, deletion))

    assert response.status_code == 302
    assert response["Location"] == f"/admin/raid/raiditem/{pk}/change/"
    restored = RaidItem.objects.get(pk=pk)
    assert (restored.ref, restored.title, restored.impact) == (ref, "Design baseline slips", 5)
    assert list(restored.groups.all()) == [group]
    assert list(MitigationStep.objects.filter(item=restored).order_by("pk").values()) == steps_before
    # The history is all there: every earlier version unchanged, the deletion, then the restore.
    history = list(RaidItem.history.filter(id=pk).order_by("history_id"))
    assert list(RaidItem.history.filter(id=pk).order_by("history_id").values())[: len(history_before)] == history_before
    assert [h.history_type for h in history[len(history_before) :]] == ["-", "+"]
    restore = history[-1]
    assert restore.history_user == pmo_staff
    assert restore.history_change_reason == f"Restored from deletion by {pmo_staff.username}"
    assert list(restore.groups.values_list("governancegroup_id", flat=True)) == [group.pk]
    assert MitigationStep.history.filter(item_id=pk, history_type="+").count() == 4  # created, then restored
    assert not deleted_records(RaidItem).exists()
    # Restored once: the page for that deletion is gone.
    assert client.post(restore_url(RaidItem, deletion)).status_code == 404


@pytest.mark.parametrize("role", [CHAIR, PARTICIPANT])
def test_chairs_and_participants_cannot_reach_deleted_records(as_user, superuser, risk, role):
    client = as_user(superuser)
    admin_delete(client, risk)
    deletion = deletion_of(RaidItem, risk.pk)

    # As their roles are (no admin access), and even if someone made them staff.
    for is_staff in (False, True):
        user = UserFactory(username=f"{role.lower()}-{is_staff}", role=role, is_staff=is_staff)
        client.force_login(user)
        for url in ("/admin/raid/raiditem/deleted/", restore_url(RaidItem, deletion)):
            response = client.post(url) if url.endswith("restore/") else client.get(url)
            assert response.status_code == (403 if is_staff else 302), (role, is_staff, url)
            if not is_staff:
                assert response["Location"].startswith("/admin/login/")

    assert not RaidItem.objects.filter(pk=risk.pk).exists()


def test_links_come_back_both_ways(transactional_db, as_user):
    """Many-to-many links: the record's own (a symmetric one both ways) and other records' links to it."""
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    seat = ConstituencyFactory(code="DNO")
    rival = ChangeRequestFactory(ref="CR102")
    cr = ChangeRequestFactory(ref="CR101", ia_constituencies=[seat], mutually_exclusive_with=[rival])
    forum = GovernanceGroupFactory(code="PSG")
    m1 = MilestoneFactory(ref="T3-DB-0001", forum=forum)
    m2 = MilestoneFactory(ref="T3-DB-0002", forum=forum, depends_on=[m1])
    m1_pk = m1.pk
    client = as_user(superuser)
    cr_pk = cr.pk
    admin_delete(client, cr)
    admin_delete(client, m1)
    assert not rival.mutually_exclusive_with.exists() and not m2.depends_on.exists()

    # Each restore commits: the database checks every foreign key the restore wrote.
    assert client.post(restore_url(ChangeRequest, deletion_of(ChangeRequest, cr_pk))).status_code == 302
    assert client.post(restore_url(Milestone, deletion_of(Milestone, m1_pk))).status_code == 302

    cr = ChangeRequest.objects.get(pk=cr_pk)
    assert list(cr.ia_constituencies.all()) == [seat]
    assert list(cr.mutually_exclusive_with.all()) == [rival]
    assert list(rival.mutually_exclusive_with.all()) == [cr]
    assert list(m2.depends_on.all()) == [Milestone.objects.get(ref="T3-DB-0001")]
    assert Milestone.objects.get(ref="T3-DB-0001").pk == m1_pk
    assert Milestone.objects.get(pk=m1_pk).rag  # recomputed after the restore (RAG is not in the history)


def test_a_record_needing_another_deleted_record_says_restore_that_first(as_user, superuser):
    action = ActionFactory()
    meeting = action.meeting
    action_pk, meeting_pk = action.pk, meeting.pk
    client = as_user(superuser)
    admin_delete(client, action)  # a meeting with actions is protected: the action goes first
    admin_delete(client, meeting)

    response = client.post(restore_url(Action, deletion_of(Action, action_pk)), follow=True)

    assert "which is deleted too: restore that first" in response.content.decode()
    assert not Action.objects.filter(pk=action_pk).exists()
    client.post(restore_url(Meeting, deletion_of(Meeting, meeting_pk)))
    client.post(restore_url(Action, deletion_of(Action, action_pk)))
    assert Action.objects.get(pk=action_pk).meeting_id == meeting_pk


def test_bulk_deletion_from_the_list_is_recorded_for_each(as_user, superuser):
    items = [RaidItemFactory(), RaidItemFactory()]
    client = as_user(superuser)

    response = client.post(
        "/admin/raid/raiditem/",
        {"action": "delete_selected", "_selected_action": [i.pk for i in items], "post": "yes"},
    )

    assert response.status_code == 302
    deletions = list(deleted_records(RaidItem))
    assert {d.id for d in deletions} == {i.pk for i in items}
    assert {(d.history_user, d.history_change_reason) for d in deletions} == {(superuser, DELETED_IN_ADMIN)}


def test_a_record_whose_ref_was_taken_since_is_not_restored(as_user, superuser):
    group = GovernanceGroupFactory(code="XAG", name="Cross-cutting Advisory Group")
    group_pk = group.pk
    client = as_user(superuser)
    admin_delete(client, group)
    GovernanceGroupFactory(code="XAG", name="Its successor")

    response = client.post(restore_url(GovernanceGroup, deletion_of(GovernanceGroup, group_pk)), follow=True)

    assert "cannot be restored" in response.content.decode()
    assert GovernanceGroup.objects.get(code="XAG").name == "Its successor"
    assert deleted_records(GovernanceGroup).filter(id=group_pk).exists()  # still listed, to restore later
