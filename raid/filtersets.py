import django_filters
from django.db.models import Q

from core.choices import Classification
from core.filtersets import MomentFilter, SearchFilterSet
from programme.models import GovernanceGroup
from raid.choices import IMPACTS, ISSUE_LIKELIHOOD, LIKELIHOODS, Band, RaidKind, RaidStatus
from raid.models import RaidItem, RaidTheme
from raid.scoring import load_scoring


class RaidItemFilterSet(SearchFilterSet):
    search_fields = ("ref", "title", "description", "impact_text", "owner", "theme__name")

    kind = django_filters.MultipleChoiceFilter(choices=RaidKind.choices)
    band = django_filters.MultipleChoiceFilter(choices=Band.choices, method="filter_band", label="Band")
    status = django_filters.ChoiceFilter(choices=RaidStatus.choices)
    theme = django_filters.ModelChoiceFilter(queryset=RaidTheme.objects.only("id", "name"), to_field_name="name")
    group = django_filters.ModelChoiceFilter(
        field_name="groups",
        queryset=GovernanceGroup.objects.only("id", "code"),
        to_field_name="code",
        label="Related group",
    )
    owner = django_filters.CharFilter(lookup_expr="icontains")
    likelihood = django_filters.ChoiceFilter(
        choices=[(n, n) for n in LIKELIHOODS],
        method="filter_likelihood",
        help_text=f"Issues have no likelihood and count as {ISSUE_LIKELIHOOD}, the row they are scored in.",
    )
    impact = django_filters.ChoiceFilter(choices=[(n, n) for n in IMPACTS], label="Impact level")
    classification = django_filters.ChoiceFilter(choices=Classification.choices)
    since = MomentFilter(
        label="Movement since",
        help_text="A date (its end), an ISO 8601 date-time or a meeting ref (PSG35: its start): adds each item's "
        "score movement since then (filters nothing).",
    )

    class Meta:
        model = RaidItem
        fields = ["kind", "band", "status", "theme", "group", "owner", "likelihood", "impact", "classification"]

    def filter_likelihood(self, queryset, name, value):
        row = Q(likelihood=value)
        if int(value) == ISSUE_LIKELIHOOD:
            row |= Q(kind=RaidKind.ISSUE)
        return queryset.filter(row)

    def filter_band(self, queryset, name, value):
        scoring = load_scoring()
        ranges = [scoring.score_range(band) for band in value]
        scores = {score for low, high in ranges for score in range(low, high + 1)}
        return queryset.filter(score__in=scores)
