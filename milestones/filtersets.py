import django_filters

from core.choices import Classification
from core.filtersets import SearchFilterSet
from milestones.choices import MilestoneStatus, Rag, Tier
from milestones.models import Milestone
from programme.models import GovernanceGroup


class MilestoneFilterSet(SearchFilterSet):
    search_fields = ("ref", "title", "responsible", "commentary")

    tier = django_filters.MultipleChoiceFilter(choices=Tier.choices)
    forum = django_filters.ModelChoiceFilter(queryset=GovernanceGroup.objects.only("id", "code"), to_field_name="code")
    workstream = django_filters.CharFilter(lookup_expr="iexact")
    responsible = django_filters.CharFilter(lookup_expr="icontains")
    rag = django_filters.MultipleChoiceFilter(choices=Rag.choices, label="RAG")
    status = django_filters.MultipleChoiceFilter(choices=MilestoneStatus.choices)
    baseline = django_filters.DateFromToRangeFilter(
        field_name="baseline_on", label="Baseline between", widget=django_filters.widgets.DateRangeWidget
    )
    forecast = django_filters.DateFromToRangeFilter(
        field_name="forecast_on", label="Forecast between", widget=django_filters.widgets.DateRangeWidget
    )
    classification = django_filters.ChoiceFilter(choices=Classification.choices)

    class Meta:
        model = Milestone
        fields = [
            "tier",
            "forum",
            "workstream",
            "responsible",
            "rag",
            "status",
            "baseline",
            "forecast",
            "classification",
        ]
