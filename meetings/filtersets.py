import django_filters
from django.utils import timezone

from core.choices import Classification
from core.filtersets import SearchFilterSet
from meetings.choices import ActionRag, ActionStatus, MeetingStatus
from meetings.models import Action, Decision, Meeting
from meetings.rag import rag_condition
from programme.models import GovernanceGroup

# Only what a choice shows (its code) and is read by: a filter bar offers every group and meeting.
GROUP = {"queryset": GovernanceGroup.objects.only("id", "code"), "to_field_name": "code", "label": "Group"}


def meetings_visible_to_reader(request):
    """The meetings a filter may offer: a Participant is never shown a Restricted meeting's ref."""
    if request is None:  # described for the schema, not run
        return Meeting.objects.none()
    return Meeting.objects.restrict(request.user).only("id", "ref")


class MeetingFilterSet(SearchFilterSet):
    search_fields = ("ref", "title", "venue", "document_ref")

    group = django_filters.ModelChoiceFilter(**GROUP)
    status = django_filters.MultipleChoiceFilter(choices=MeetingStatus.choices)
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", "Upcoming"), ("past", "Past")], method="filter_when", label="When"
    )
    held = django_filters.DateFromToRangeFilter(
        field_name="starts_at__date", label="Held between", widget=django_filters.widgets.DateRangeWidget
    )

    class Meta:
        model = Meeting
        fields = ["group", "status", "when", "held"]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(starts_at__gte=now) if value == "upcoming" else queryset.filter(starts_at__lt=now)


class ActionFilterSet(SearchFilterSet):
    search_fields = ("ref", "area", "description", "owner", "latest_update")

    group = django_filters.ModelChoiceFilter(field_name="meeting__group", **GROUP)
    meeting = django_filters.ModelChoiceFilter(queryset=meetings_visible_to_reader, to_field_name="ref")
    status = django_filters.MultipleChoiceFilter(choices=ActionStatus.choices)
    owner = django_filters.CharFilter(lookup_expr="icontains")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue")
    due = django_filters.DateFromToRangeFilter(
        field_name="due_on", label="Due between", widget=django_filters.widgets.DateRangeWidget
    )
    classification = django_filters.ChoiceFilter(choices=Classification.choices)

    class Meta:
        model = Action
        fields = ["group", "meeting", "status", "owner", "overdue", "due", "classification"]

    def filter_overdue(self, queryset, name, value):
        overdue = rag_condition(ActionRag.RED, timezone.localtime(self.as_of).date() if self.as_of else None)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class DecisionFilterSet(SearchFilterSet):
    search_fields = ("ref", "area", "text", "decided_by")

    group = django_filters.ModelChoiceFilter(field_name="meeting__group", **GROUP)
    meeting = django_filters.ModelChoiceFilter(queryset=meetings_visible_to_reader, to_field_name="ref")
    change_request = django_filters.CharFilter(field_name="change_request__ref", label="Change request")
    decided = django_filters.DateFromToRangeFilter(
        field_name="meeting__starts_at__date", label="Decided between", widget=django_filters.widgets.DateRangeWidget
    )
    classification = django_filters.ChoiceFilter(choices=Classification.choices)

    class Meta:
        model = Decision
        fields = ["group", "meeting", "change_request", "decided", "classification"]
