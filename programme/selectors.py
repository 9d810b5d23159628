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


def group_tree() -> list[tuple[GovernanceGroup, int]]:
    """Active groups in tree order (each followed by its subgroups), with their depth, for nested display."""
    # Only what the tree shows and is ordered by: the dashboard draws it on every read.
    groups = list(GovernanceGroup.objects.filter(active=True).only("code", "name", "level", "parent_id"))
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
