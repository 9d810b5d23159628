"""The three roles, as Django groups with model permissions.

`ensure_roles()` is the one definition of what each role may do. The data migration creates the groups,
every `migrate` (and every test-database flush) re-syncs their permissions through post_migrate, and
tests may call it directly; it is idempotent.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

PMO = "PMO"
CHAIR = "Chair"
PARTICIPANT = "Participant"
ROLES = (PMO, CHAIR, PARTICIPANT)

# Grants on top of Participant, made by the PMO (admin, or the import of people): who may act for their party or
# constituency. The group gives the permission; whether it applies to a record (this organisation, while the
# window is open) is the object rule of the same name in the record's app (`<app>/rules.py`, django-rules).
PARTY_REPRESENTATIVE = "Party representative"
CONSTITUENCY_REPRESENTATIVE = "Constituency representative"
GRANTS = {
    PARTY_REPRESENTATIVE: ("changes.respond_for_organisation",),
    CONSTITUENCY_REPRESENTATIVE: ("meetings.vote_for_constituency",),
}

# The apps whose records the roles work on; an app that does not exist yet is skipped.
REGISTER_APPS = ("programme", "changes", "raid", "milestones", "meetings")

# Seeing Restricted records is itself a permission, so a role's reach is data, not code.
VIEW_RESTRICTED = "programme.view_restricted"

# Record-level actions beyond view/add/change, by role (app_label.codename). Later apps add theirs here.
MEETING_CHAIR_PERMISSIONS = (
    "meetings.issue_headline_report",
    "meetings.approve_headline_report",
    "meetings.export_pack",
    "meetings.add_decision",
    "meetings.add_vote",
    "meetings.change_vote",
)
# How imports read the programme's wordings (core.ChoiceMapping): PMO keep them, as they keep the registers.
IMPORT_MAPPING_PERMISSIONS = ("core.view_choicemapping", "core.add_choicemapping", "core.change_choicemapping")
EXTRA_PERMISSIONS = {
    PMO: (VIEW_RESTRICTED, *MEETING_CHAIR_PERMISSIONS, *IMPORT_MAPPING_PERMISSIONS),
    # Chairs read everything, and at their meetings approve minutes, record decisions and votes, export packs.
    CHAIR: (VIEW_RESTRICTED, *MEETING_CHAIR_PERMISSIONS),
    PARTICIPANT: (),
}

# No role deletes: records are withdrawn, closed or archived, never removed from the UI.
MODEL_ACTIONS = {PMO: ("view", "add", "change"), CHAIR: ("view",), PARTICIPANT: ("view",)}
# Models only the PMO read: people's profiles hold who is who and their grants.
PMO_ONLY_MODELS = ("profile",)


def role_of(user) -> str | None:
    """The user's role for display, read from their permissions (cached for the request, so no extra query)."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return "Administrator"
    if user.has_perm("programme.add_governancegroup"):
        return PMO
    if user.has_perm("meetings.export_pack"):
        return CHAIR
    if user.has_perm("programme.view_governancegroup"):
        return PARTICIPANT
    return None


def ensure_roles(using: str = DEFAULT_DB_ALIAS) -> None:
    from django.contrib.auth.models import Group, Permission

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)

    register_perms = list(
        Permission.objects.using(using)
        .filter(content_type__app_label__in=REGISTER_APPS)
        .exclude(content_type__model__startswith="historical")
        .select_related("content_type")
    )
    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        wanted = {
            perm.pk
            for perm in register_perms
            if perm.codename == f"{perm.codename.split('_', 1)[0]}_{perm.content_type.model}"
            and perm.codename.split("_", 1)[0] in MODEL_ACTIONS[role]
            and (role == PMO or perm.content_type.model not in PMO_ONLY_MODELS)
        }
        _sync(group, wanted | _permission_ids(EXTRA_PERMISSIONS[role], using))
    for grant, permissions in GRANTS.items():
        group, _ = Group.objects.using(using).get_or_create(name=grant)
        _sync(group, _permission_ids(permissions, using))


def _permission_ids(dotted_names, using: str) -> set[int]:
    from django.contrib.auth.models import Permission

    wanted = set()
    for dotted in dotted_names:
        app_label, codename = dotted.split(".")
        wanted.update(
            Permission.objects.using(using)
            .filter(content_type__app_label=app_label, codename=codename)
            .values_list("pk", flat=True)
        )
    return wanted


def _sync(group, wanted: set[int]) -> None:
    current = set(group.permissions.values_list("pk", flat=True))
    if current != wanted:
        group.permissions.set(wanted)
