import django_tables2 as tables

from programme.models import Constituency, GovernanceGroup, Organisation


class ConstituencyTable(tables.Table):
    name = tables.Column(linkify=True)
    organisation_count = tables.Column(verbose_name="Organisations")

    class Meta:
        model = Constituency
        fields = ("code", "name", "organisation_count")


class OrganisationTable(tables.Table):
    name = tables.Column(linkify=True)
    constituency = tables.Column(linkify=True, order_by="constituency__name")
    active = tables.BooleanColumn()

    class Meta:
        model = Organisation
        fields = ("name", "constituency", "active")


class GovernanceGroupTable(tables.Table):
    code = tables.Column(linkify=True)
    parent = tables.Column(linkify=True, order_by="parent__code")
    level = tables.TemplateColumn('{% choice_badge record.level "programme.choices.GroupLevel" %}')
    active = tables.BooleanColumn()

    class Meta:
        model = GovernanceGroup
        fields = ("code", "name", "level", "parent", "chair", "active")
