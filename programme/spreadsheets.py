"""People as a spreadsheet: who belongs to which party and whom the PMO grant the representative roles. Rows are
written by programme.services.person_save, as the admin's are."""

from django.contrib.auth import get_user_model

from core.exceptions import WorkflowError
from core.roles import CONSTITUENCY_REPRESENTATIVE, PARTY_REPRESENTATIVE
from core.spreadsheets import Column, RegisterSheet, text
from programme import services
from programme.models import Organisation, Profile

YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


def _yes_no(value) -> bool:
    word = text(value).casefold()
    if word in YES or word in NO:
        return word in YES
    raise ValueError(f"'{text(value)}' is not Yes or No")


def _export_yes_no(value) -> str:
    return "Yes" if value else "No"


class PeopleSheet(RegisterSheet):
    kind = "people"
    title = "People"
    model = Profile
    key = "username"
    columns = (
        Column("Username", "username", required=True),
        Column("First name", "first_name"),
        Column("Last name", "last_name"),
        Column("Email", "email"),
        Column("Organisation", "organisation", ("Party", "Company")),
        Column("Party representative", "party_representative", parse=_yes_no, export=_export_yes_no),
        Column("Constituency representative", "constituency_representative", parse=_yes_no, export=_export_yes_no),
    )

    def queryset_for_export(self, queryset):
        return queryset.select_related("user", "organisation").prefetch_related("user__groups")

    def export_row(self, profile) -> list:
        held = {group.name for group in profile.user.groups.all()}
        return [
            profile.user.username,
            profile.user.first_name,
            profile.user.last_name,
            profile.user.email,
            profile.organisation.name if profile.organisation else "",
            _export_yes_no(PARTY_REPRESENTATIVE in held),
            _export_yes_no(CONSTITUENCY_REPRESENTATIVE in held),
        ]

    def existing(self, keys: set[str]) -> dict:
        users = get_user_model().objects.filter(username__in=keys).prefetch_related("groups")
        return {user.username: user for user in users.select_related("profile__organisation")}

    def context(self, rows: list[dict]) -> dict:
        return {"organisations": {o.name.casefold(): o for o in Organisation.objects.all()}}

    def _organisation(self, values, context):
        name = text(values.get("organisation"))
        if not name:
            return None
        try:
            return context["organisations"][name.casefold()]
        except KeyError:
            raise ValueError(f"Organisation: no organisation is called '{name}'") from None

    def prepare(self, values, existing, context):
        organisation = self._organisation(values, context)
        wants_grant = values.get("party_representative") or values.get("constituency_representative")
        if wants_grant and organisation is None and "organisation" in values:
            raise WorkflowError("A representative speaks for an organisation: give theirs.", field="organisation")
        if existing is None:
            return [column.key for column in self.columns if values.get(column.key) not in (None, "")]
        held = {group.name for group in existing.groups.all()}
        profile = getattr(existing, "profile", None)
        now = {
            "first_name": existing.first_name,
            "last_name": existing.last_name,
            "email": existing.email,
            "organisation": profile.organisation if profile else None,
            "party_representative": PARTY_REPRESENTATIVE in held,
            "constituency_representative": CONSTITUENCY_REPRESENTATIVE in held,
        }
        wanted = {**values, "organisation": organisation}
        return [name for name, value in now.items() if name in values and wanted[name] != value]

    def apply(self, values, existing, context, actor, reason):
        # A column the file leaves out leaves that part of the person as it is.
        held = {group.name for group in existing.groups.all()} if existing is not None else set()
        profile = getattr(existing, "profile", None) if existing is not None else None
        services.person_save(
            username=text(values["username"]),
            organisation=(
                self._organisation(values, context)
                if "organisation" in values
                else (profile.organisation if profile else None)
            ),
            party_representative=values.get("party_representative", PARTY_REPRESENTATIVE in held),
            constituency_representative=values.get("constituency_representative", CONSTITUENCY_REPRESENTATIVE in held),
            first_name=values.get("first_name"),
            last_name=values.get("last_name"),
            email=values.get("email"),
        )
