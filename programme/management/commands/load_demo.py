"""Loads the demo programme: the MHHS governance structure, constituencies and parties from the seed
papers, and one demo user per role. Safe to run again: only what differs is written."""

from collections import Counter

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from mhhs_governance.records import upsert
from mhhs_governance.roles import CHAIR, PARTICIPANT, PMO, ensure_roles
from programme import demo_reference
from programme.models import Constituency, GovernanceGroup, Organisation

# Local-only demo sign-ins, documented in the README. Never load them on a shared server.
DEMO_USERS = (
    ("pmo", "pmo-demo-2024", PMO, "PMO", "Officer"),
    ("chair", "chair-demo-2024", CHAIR, "Group", "Chair"),
    ("participant", "participant-demo-2024", PARTICIPANT, "Programme", "Participant"),
)


class Command(BaseCommand):
    help = "Load the MHHS demo programme (governance groups, constituencies, organisations, demo users)."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Load reference data only, no demo users.")

    @transaction.atomic
    def handle(self, *args, **options):
        ensure_roles()
        outcomes: Counter[str] = Counter()

        constituencies = {}
        for position, (code, name) in enumerate(demo_reference.CONSTITUENCIES, start=1):
            constituencies[code], outcome = upsert(Constituency, {"code": code}, {"name": name, "position": position})
            outcomes[f"constituencies {outcome}"] += 1

        for name, constituency_code in demo_reference.ORGANISATIONS:
            _, outcome = upsert(Organisation, {"name": name}, {"constituency": constituencies[constituency_code]})
            outcomes[f"organisations {outcome}"] += 1

        groups: dict[str, GovernanceGroup] = {}
        for code, name, level, parent_code, description in demo_reference.GOVERNANCE_GROUPS:
            groups[code], outcome = upsert(
                GovernanceGroup,
                {"code": code},
                {
                    "name": name,
                    "level": level,
                    "parent": groups[parent_code] if parent_code else None,
                    "description": description,
                    "active": code not in demo_reference.INACTIVE_GROUPS,
                },
            )
            outcomes[f"groups {outcome}"] += 1

        if not options["no_users"]:
            for username, password, role, first_name, last_name in DEMO_USERS:
                outcomes[f"users {self._ensure_user(username, password, role, first_name, last_name)}"] += 1

        summary = ", ".join(f"{count} {what}" for what, count in sorted(outcomes.items()))
        self.stdout.write(self.style.SUCCESS(f"Demo programme loaded: {summary}."))

    def _ensure_user(self, username, password, role, first_name, last_name) -> str:
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username=username,
                password=password,
                first_name=first_name,
                last_name=last_name,
                # PMO maintain reference data and schedules in the admin as well.
                is_staff=role == PMO,
            )
            user.groups.add(Group.objects.get(name=role))
            return "created"
        if not user.groups.filter(name=role).exists():
            user.groups.add(Group.objects.get(name=role))
            return "updated"
        return "unchanged"
