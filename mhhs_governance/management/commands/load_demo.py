"""Loads the demo programme from the public seed papers: the governance structure, constituencies and
parties, the change requests with CR054's impact assessment, one demo user per role, and a representative of
each party.

Safe to run again: only what differs is written, so a second run changes nothing.

The demo users' passwords are published (README), so outside DEBUG the command refuses to create them unless
told so with --allow-published-passwords; --no-users loads the programme data alone anywhere."""

from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

import changes.demo
import meetings.demo
import milestones.demo
import programme.demo
import raid.demo
from core.records import upsert
from core.roles import CHAIR, PARTICIPANT, PMO, ensure_roles
from programme.models import Organisation, Profile
from programme.services import person_save

# Local-only demo sign-ins, documented in the README. Never load them on a shared server: outside DEBUG the command
# creates them only with --allow-published-passwords.
DEMO_USERS = (
    ("pmo", "pmo-demo-2024", PMO, "PMO", "Officer"),
    ("chair", "chair-demo-2024", CHAIR, "Group", "Chair"),
    ("participant", "participant-demo-2024", PARTICIPANT, "Programme", "Participant"),
)
# The party each demo user answers impact assessments for.
DEMO_ORGANISATIONS = {"pmo": "MHHS Programme", "participant": "UKPN"}
# One representative per demo party (rep-<party>), answering its impact assessments; the first party of each
# constituency (by name) also votes for it. One published password for all of them.
REPRESENTATIVE_PASSWORD = "party-demo-2024"

# Each app's loader, bottom layer first (later ones refer to what earlier ones created).
LOADERS = (programme.demo.load, changes.demo.load, raid.demo.load, milestones.demo.load, meetings.demo.load)


class Command(BaseCommand):
    help = "Load the MHHS demo programme from the seed papers: structure, parties, registers, meetings, demo users."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Load the programme data only, no demo users.")
        parser.add_argument(
            "--allow-published-passwords",
            action="store_true",
            help="Create the demo users even with DEBUG off. Their passwords are in the README: only on a machine "
            "nobody else can reach.",
        )

    def handle(self, *args, **options):
        with_users = not options["no_users"]
        if with_users and not settings.DEBUG and not options["allow_published_passwords"]:
            raise CommandError(
                "Refusing to create the demo users with DEBUG off: their passwords are published in the README, so "
                "anyone could sign in as PMO. Run `load_demo --no-users` for the programme data alone, or "
                "`load_demo --allow-published-passwords` on a machine nobody else can reach."
            )
        if with_users and not settings.DEBUG:
            self.stderr.write(
                self.style.WARNING("Creating the demo users, whose passwords are published, with DEBUG off.")
            )
        self._load(with_users=with_users)

    @transaction.atomic
    def _load(self, *, with_users: bool):
        ensure_roles()
        outcomes: Counter[str] = Counter()
        for load in LOADERS:
            load(outcomes)
        if with_users:
            for username, password, role, first_name, last_name in DEMO_USERS:
                outcomes[f"users {self._ensure_user(username, password, role, first_name, last_name)}"] += 1

            self._ensure_representatives(outcomes)

        for username, organisation in DEMO_ORGANISATIONS.items():
            user = get_user_model().objects.filter(username=username).first()
            if user is not None:
                party = Organisation.objects.filter(name=organisation).first()
                upsert(Profile, {"user": user}, {"organisation": party})
        summary = ", ".join(f"{count} {what}" for what, count in sorted(outcomes.items()))
        self.stdout.write(self.style.SUCCESS(f"Demo programme loaded: {summary}."))

    def _ensure_representatives(self, outcomes: Counter) -> None:
        """rep-<party> for every active party, through the people service; their shared password is hashed once."""
        user_model = get_user_model()
        hashed = make_password(REPRESENTATIVE_PASSWORD)
        voters = set()
        for party in Organisation.objects.filter(active=True).select_related("constituency").order_by("name"):
            username = f"rep-{slugify(party.name)}"[:150]
            is_new = not user_model.objects.filter(username=username).exists()
            user, changes = person_save(
                username=username,
                organisation=party,
                first_name=party.name[:150],
                last_name="Representative",
                party_representative=True,
                constituency_representative=party.constituency_id not in voters,
            )
            voters.add(party.constituency_id)
            if is_new:
                user_model.objects.filter(pk=user.pk).update(password=hashed)
            outcomes[f"representatives {'created' if is_new else 'updated' if changes else 'unchanged'}"] += 1

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
