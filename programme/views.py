from django.urls import reverse

from core.views import RecordCreateView, RecordDetailView, RecordListView, RecordUpdateView
from programme import selectors
from programme.filtersets import ConstituencyFilterSet, GovernanceGroupFilterSet, OrganisationFilterSet, PersonFilterSet
from programme.forms import ConstituencyForm, GovernanceGroupForm, OrganisationForm
from programme.models import Constituency, GovernanceGroup, Organisation, Profile
from programme.tables import ConstituencyTable, GovernanceGroupTable, OrganisationTable, PersonTable


class GovernanceGroupListView(RecordListView):
    model = GovernanceGroup
    table_class = GovernanceGroupTable
    filterset_class = GovernanceGroupFilterSet
    create_url_name = "programme:group-create"

    def get_queryset(self):
        return selectors.governance_groups()


class GovernanceGroupDetailView(RecordDetailView):
    """The group record; dashboards.views.GroupPageView serves it at /groups/<code>/ with the group's activity."""

    model = GovernanceGroup
    slug_field = slug_url_kwarg = "code"
    template_name = "programme/governancegroup_detail.html"

    def get_queryset(self):
        return selectors.governance_groups()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["subgroups"] = self.object.children.filter(active=True)
        return context


class GovernanceGroupCreateView(RecordCreateView):
    model = GovernanceGroup
    form_class = GovernanceGroupForm


class GovernanceGroupUpdateView(RecordUpdateView):
    model = GovernanceGroup
    form_class = GovernanceGroupForm
    slug_field = slug_url_kwarg = "code"


class OrganisationListView(RecordListView):
    model = Organisation
    table_class = OrganisationTable
    filterset_class = OrganisationFilterSet
    create_url_name = "programme:organisation-create"

    def get_queryset(self):
        return selectors.organisations()


class OrganisationDetailView(RecordDetailView):
    model = Organisation
    template_name = "programme/organisation_detail.html"

    def get_queryset(self):
        return selectors.organisations()


class OrganisationCreateView(RecordCreateView):
    model = Organisation
    form_class = OrganisationForm


class OrganisationUpdateView(RecordUpdateView):
    model = Organisation
    form_class = OrganisationForm


class ConstituencyListView(RecordListView):
    model = Constituency
    table_class = ConstituencyTable
    filterset_class = ConstituencyFilterSet
    create_url_name = "programme:constituency-create"

    def get_queryset(self):
        return selectors.constituencies()


class ConstituencyDetailView(RecordDetailView):
    model = Constituency
    slug_field = slug_url_kwarg = "code"
    template_name = "programme/constituency_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisations"] = self.object.organisations.all()
        context["organisations_url"] = reverse("programme:organisation-list") + f"?constituency={self.object.code}"
        return context


class ConstituencyCreateView(RecordCreateView):
    model = Constituency
    form_class = ConstituencyForm


class ConstituencyUpdateView(RecordUpdateView):
    model = Constituency
    form_class = ConstituencyForm
    slug_field = slug_url_kwarg = "code"


class PersonListView(RecordListView):
    """People, their parties and grants: the PMO's list (it holds names and addresses), imported and exported as the
    people spreadsheet."""

    model = Profile
    permission_action = "change"
    table_class = PersonTable
    filterset_class = PersonFilterSet
    spreadsheet_kind = "people"

    def get_queryset(self):
        return selectors.people()
