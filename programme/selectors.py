"""Reads of the programme structure shared by pages, API and later the dashboards."""

from django.db.models import Count, Q, QuerySet

from programme.models import Constituency, GovernanceGroup, Organisation, Profile


def constituencies() -> QuerySet[Constituency]:
    # Explicit order: Meta.ordering is dropped from GROUP BY queries.
    return Constituency.objects.annotate(
        organisation_count=Count("organisations", filter=Q(organisations__active=True))
    ).order_by("position", "name")


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("constituency")


def people(user=None) -> QuerySet[Profile]:
    """Everyone with a profile, their party and grants: the PMO's list (names and addresses are not for all)."""
    return (
        Profile.objects.select_related("user", "organisation__constituency")
        .prefetch_related("user__groups")
        .order_by("user__username")
    )


def governance_groups() -> QuerySet[GovernanceGroup]:
    return GovernanceGroup.objects.select_related("parent")


def structure() -> QuerySet[GovernanceGroup]:
    """Every group with only what the governance structure shows and is ordered by: the dashboard draws it on every
    read, and labels its forums' donuts from the same read."""
    return GovernanceGroup.objects.only("code", "name", "level", "parent_id", "active")


def group_tree(groups) -> list[tuple[GovernanceGroup, int]]:
    """The active ones of `groups` (every group, as `structure` reads them) in tree order, each followed by its
    subgroups, with their depth, for nested display."""
    groups = [group for group in groups if group.active]
    children: dict[int | None, list[GovernanceGroup]] = {}
    for group in groups:
        children.setdefault(group.parent_id, []).append(group)
    ordered: list[tuple[GovernanceGroup, int]] = []

    def walk(parent_id, depth):
        for group in children.get(parent_id, []):
            ordered.append((group, depth))
            walk(group.pk, depth + 1)

    walk(None, 0)
    return ordered
