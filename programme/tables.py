import django_tables2 as tables

from core.roles import CONSTITUENCY_REPRESENTATIVE, PARTY_REPRESENTATIVE
from programme.models import Constituency, GovernanceGroup, Organisation, Profile


class ConstituencyTable(tables.Table):
    name = tables.Column(linkify=True)
    organisation_count = tables.Column(verbose_name="Organisations")

    class Meta:
        model = Constituency
        template_name = "includes/table.html"
        fields = ("code", "name", "organisation_count")


class OrganisationTable(tables.Table):
    name = tables.Column(linkify=True)
    constituency = tables.Column(linkify=True, order_by="constituency__name")
    active = tables.BooleanColumn()

    class Meta:
        model = Organisation
        template_name = "includes/table.html"
        fields = ("name", "constituency", "active")


class GovernanceGroupTable(tables.Table):
    code = tables.Column(linkify=True)
    parent = tables.Column(linkify=True, order_by="parent__code")
    level = tables.TemplateColumn('{% choice_badge record.level "programme.choices.GroupLevel" %}')
    active = tables.BooleanColumn()

    class Meta:
        model = GovernanceGroup
        template_name = "includes/table.html"
        fields = ("code", "name", "level", "parent", "chair", "active")


class PersonTable(tables.Table):
    username = tables.Column(accessor="user__username", verbose_name="Username", order_by="user__username")
    name = tables.Column(accessor="user__get_full_name", verbose_name="Name", orderable=False)
    email = tables.Column(accessor="user__email", verbose_name="Email", order_by="user__email")
    organisation = tables.Column(linkify=True, order_by="organisation__name")
    represents = tables.Column(empty_values=(), orderable=False, verbose_name="Represents")

    class Meta:
        model = Profile
        template_name = "includes/table.html"
        fields = ("username", "name", "email", "organisation", "represents")

    def render_represents(self, record):
        held = {group.name for group in record.user.groups.all()}
        return ", ".join(grant for grant in (PARTY_REPRESENTATIVE, CONSTITUENCY_REPRESENTATIVE) if grant in held) or "—"
