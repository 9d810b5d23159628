"""A user's permissions are read once per change of roles, and never answer from before a change."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse

from core.roles import PARTICIPANT, PMO, ensure_roles
from tests.factories import UserFactory

# Committed transactions: the cache is invalidated when a change of roles commits.
pytestmark = pytest.mark.django_db(transaction=True)

ADD_CR = "changes.add_changerequest"


@pytest.fixture(autouse=True)
def shared_cache(settings):
    """As with Redis: the tests' one process shares its cache with itself."""
    settings.PERMISSIONS_CACHE = True


def test_without_a_shared_cache_each_request_reads_the_permissions(settings, django_assert_num_queries):
    settings.PERMISSIONS_CACHE = False
    user = UserFactory()
    fresh(user).has_perm(ADD_CR)
    again = fresh(user)

    with django_assert_num_queries(1):
        assert not again.has_perm(ADD_CR)


def fresh(user):
    """The user as the next request loads it."""
    return get_user_model().objects.get(pk=user.pk)


def test_permissions_are_read_once_per_change_of_roles(django_assert_num_queries):
    user = UserFactory(role=PMO)
    assert fresh(user).has_perm(ADD_CR)
    again = fresh(user)
    with django_assert_num_queries(0):
        assert again.has_perm(ADD_CR)


def test_adding_and_removing_a_group_changes_the_next_request(client):
    ensure_roles()
    user = UserFactory(role=PARTICIPANT)
    client.force_login(user)
    assert client.get(reverse("changes:create")).status_code == 403
    user.groups.add(Group.objects.get(name=PMO))
    assert client.get(reverse("changes:create")).status_code == 200
    user.groups.remove(Group.objects.get(name=PMO))
    assert client.get(reverse("changes:create")).status_code == 403


def test_a_groups_permissions_change_the_next_request():
    user = UserFactory(role=PARTICIPANT)
    assert not fresh(user).has_perm(ADD_CR)
    participants = Group.objects.get(name=PARTICIPANT)
    add_cr = Permission.objects.get(content_type__app_label="changes", codename="add_changerequest")
    participants.permissions.add(add_cr)
    assert fresh(user).has_perm(ADD_CR)
    participants.permissions.remove(add_cr)
    assert not fresh(user).has_perm(ADD_CR)


def test_a_deleted_group_and_a_users_own_permissions_count():
    user = UserFactory(role=PMO)
    assert fresh(user).has_perm(ADD_CR)
    Group.objects.get(name=PMO).delete()
    assert not fresh(user).has_perm(ADD_CR)
    user.user_permissions.add(Permission.objects.get(codename="add_changerequest"))
    assert fresh(user).has_perm(ADD_CR)


def test_a_superuser_flag_is_read_with_the_user():
    user = UserFactory()
    assert not fresh(user).has_perm(ADD_CR)
    get_user_model().objects.filter(pk=user.pk).update(is_superuser=True)
    assert fresh(user).has_perm(ADD_CR)


def test_a_transaction_that_changes_roles_reads_its_own_change_and_a_rollback_leaves_none():
    user = UserFactory(role=PARTICIPANT)
    assert not fresh(user).has_perm(ADD_CR)
    with transaction.atomic():
        user.groups.add(Group.objects.get(name=PMO))
        assert fresh(user).has_perm(ADD_CR)
        transaction.set_rollback(True)
    assert not fresh(user).has_perm(ADD_CR)
