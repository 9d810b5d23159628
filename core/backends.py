"""Authentication backend: Django's model backend, with a user's permissions read once and kept in the cache.

Every page asks what its user may do, and the answer changes only when someone changes roles: a user's groups or
own permissions, a group's permissions, a group or a permission. Any of those changes the version the cached
answers carry, once its transaction commits, so the next request reads them afresh; until then the transaction
that made the change reads them from the database. Several processes share answers and version through the
shared cache (REDIS_URL; without one, PERMISSIONS_CACHE is off and each request reads them); object rules
(django-rules) are another backend, asked per object as before."""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "permissions:version"
USER_KEY = "permissions:user:{}"


class RoleBackend(ModelBackend):
    """Roles are groups, so every request that checks a permission needs the user's own and their groups'
    permissions; the model backend reads those in two queries per request, this in one per change of roles."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = _cached_permissions(user_obj)
        return user_obj._perm_cache


def _read_permissions(user) -> set[str]:
    permissions = Permission.objects.all()
    if not user.is_superuser:
        permissions = permissions.filter(Q(user=user) | Q(group__user=user))
    return {
        f"{app_label}.{codename}"
        for app_label, codename in permissions.values_list("content_type__app_label", "codename").distinct()
    }


def _cached_permissions(user) -> set[str]:
    if not settings.PERMISSIONS_CACHE or _change_pending():
        return _read_permissions(user)
    key = USER_KEY.format(user.pk)
    cached = cache.get_many([VERSION_KEY, key])
    version = cached.get(VERSION_KEY)
    if version is None:
        # A new version rather than a count from zero: an evicted version must not match an old answer.
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    # The answer is for this version of the roles, this user (an id a flushed test database gives again is
    # another user, joined at another time) and this superuser flag.
    stamp = (version, user.date_joined, user.is_superuser)
    entry = cached.get(key)
    if entry is not None and entry[0] == stamp:
        return set(entry[1])
    # The version read before the permissions: a change committed meanwhile leaves this answer unused.
    permissions = _read_permissions(user)
    cache.set(key, (stamp, frozenset(permissions)))
    return permissions


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _change_pending() -> bool:
    """Whether this connection's transaction changed roles: its answers are not the committed ones."""
    return any(callback is _new_version for _, callback, *_ in connection.run_on_commit)


def roles_changed(**kwargs) -> None:
    """Cached answers are stale once the change commits (at once outside a transaction)."""
    if not _change_pending():
        transaction.on_commit(_new_version)


User = get_user_model()
for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
    m2m_changed.connect(roles_changed, sender=through, dispatch_uid=f"roles_changed_{through._meta.label}")
for model in (Group, Permission):
    post_save.connect(roles_changed, sender=model, dispatch_uid=f"roles_changed_save_{model._meta.label}")
    post_delete.connect(roles_changed, sender=model, dispatch_uid=f"roles_changed_delete_{model._meta.label}")
