"""People: who belongs to which party, and the representative grants the PMO make (core.roles). The one path for
these writes: the admin, the people spreadsheet and the demo loader call it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from core.exceptions import WorkflowError
from core.restriction import system_work
from core.roles import CHAIR, CONSTITUENCY_REPRESENTATIVE, PARTICIPANT, PARTY_REPRESENTATIVE, PMO
from programme.models import Organisation, Profile


@system_work()
def person_save(
    *,
    username: str,
    organisation: Organisation | None,
    party_representative: bool,
    constituency_representative: bool,
    first_name: str | None = None,
    last_name: str | None = None,
    email: str | None = None,
) -> tuple[object, list[str]]:
    """Creates or updates a person: their party, and whether they answer impact assessments for it (Party
    representative) or vote for its constituency (Constituency representative). A new person is a Participant who
    signs in once the PMO sets a password; a person with a role keeps it. Returns the user and what changed."""
    username = username.strip()
    if not username:
        raise WorkflowError("A person needs a username.", field="username")
    if (party_representative or constituency_representative) and organisation is None:
        raise WorkflowError("A representative speaks for an organisation: give theirs.", field="organisation")
    changes = []
    with transaction.atomic():
        user_model = get_user_model()
        user = user_model.objects.select_for_update().filter(username=username).first()
        if user is None:
            user = user_model(username=username)
            user.set_unusable_password()
            changes.append("created")
        for name, value in (("first_name", first_name), ("last_name", last_name), ("email", email)):
            if value is not None and getattr(user, name) != value.strip():
                setattr(user, name, value.strip())
                changes.append(name.replace("_", " "))
        user.save()
        held = set(user.groups.values_list("name", flat=True))
        if not held & {PMO, CHAIR, PARTICIPANT}:
            user.groups.add(Group.objects.get(name=PARTICIPANT))
            changes.append(PARTICIPANT)
        for grant, wanted in (
            (PARTY_REPRESENTATIVE, party_representative),
            (CONSTITUENCY_REPRESENTATIVE, constituency_representative),
        ):
            if wanted and grant not in held:
                user.groups.add(Group.objects.get(name=grant))
                changes.append(f"{grant} granted")
            elif not wanted and grant in held:
                user.groups.remove(Group.objects.get(name=grant))
                changes.append(f"{grant} withdrawn")
        profile, _ = Profile.objects.get_or_create(user=user)
        if profile.organisation_id != (organisation.pk if organisation else None):
            profile.organisation = organisation
            profile.save(update_fields=["organisation"])
            changes.append("organisation")
    return user, changes
