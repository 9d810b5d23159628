from functools import partial

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core import clock
from core.views import (
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    RecordUpdateView,
    ServiceFormMixin,
    moment_param,
)
from milestones import selectors, services
from milestones.charts import timeline_chart
from milestones.choices import Rag
from milestones.filtersets import MilestoneFilterSet
from milestones.forms import MilestoneForm
from milestones.models import Milestone
from milestones.rag import RagResult, evaluate
from milestones.tables import MilestoneTable
from programme.models import GovernanceGroup


class MilestoneListView(RecordListView):
    spreadsheet_kind = "milestones"
    model = Milestone
    table_class = MilestoneTable
    filterset_class = MilestoneFilterSet
    create_url_name = "milestones:create"
    template_name = "milestones/milestone_list.html"

    def get_queryset(self):
        # The table does not show dependencies (the API's records do).
        return selectors.milestones(self.request.user).prefetch_related(None)


class MilestoneDetailView(RecordDetailView):
    model = Milestone
    slug_field = slug_url_kwarg = "ref"
    template_name = "milestones/milestone_detail.html"

    def get_queryset(self):
        return selectors.milestones(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        milestone = self.object
        # The rules read every dependency (system work); the reader is shown only those they may see.
        dependencies = list(
            Milestone.objects.unrestricted()
            .filter(dependents=milestone)
            .only("id", "ref", "rag", "forecast_on", "baseline_on", "title")
        )
        # The rule that fired, in words: the rules run on this milestone with its dependencies' stored RAG.
        result = evaluate(
            milestone.snapshot(tuple(dep.ref for dep in dependencies)),
            timezone.localdate(),
            {dep.ref: (RagResult(dep.rag, ""), dep.forecast_on or dep.baseline_on) for dep in dependencies},
        )
        visible = set(
            Milestone.objects.restrict(self.request.user).filter(dependents=milestone).values_list("pk", flat=True)
        )
        hidden = {dep.ref for dep in dependencies if dep.pk not in visible}
        context["rag_result"] = selectors.rule_for_reader(result, hidden)
        context["dependencies"] = [dep for dep in dependencies if dep.pk in visible]
        context["dependents"] = selectors.milestones(self.request.user).filter(depends_on=milestone)
        return context


class MilestoneCreateView(ServiceFormMixin, RecordCreateView):
    model = Milestone
    form_class = MilestoneForm

    def perform_save(self, data, form):
        return services.milestone_create(actor=self.request.user, **data)


class MilestoneUpdateView(ServiceFormMixin, RecordUpdateView):
    model = Milestone
    form_class = MilestoneForm
    slug_field = slug_url_kwarg = "ref"

    def get_queryset(self):
        return selectors.milestones(self.request.user)

    def perform_save(self, data, form):
        return services.milestone_update(
            milestone=self.object, actor=self.request.user, expected_version=form.cleaned_data["version"], **data
        )


@permission_required("milestones.view_milestone", raise_exception=True)
def delivery_dashboard(request, code: str):
    """The PSG "Delivery Dashboard" of one forum: previous / current / forecast RAG, dated in the headers."""
    forum = get_object_or_404(GovernanceGroup, code=code)
    items = list(selectors.milestones(request.user).filter(forum=forum).order_by("baseline_on", "ref"))
    # ?on=2024-09-04 (or on=PSG36, the day its papers were issued) shows the dashboard as it was reported that
    # day, read from the history.
    on = moment_param(request, clock.ON)
    dates = selectors.reporting_dates(timezone.localtime(on.at).date() if on else None)
    return render(
        request,
        "milestones/delivery_dashboard.html",
        {
            "forum": forum,
            "dates": dates,
            "rows": selectors.delivery_dashboard(items, dates, request.user),
            "timeline": timeline_chart(items, today=dates.current),
            "forums": GovernanceGroup.objects.filter(milestones__isnull=False).distinct(),
            "on": dates.current,
            "on_moment": on,
            "meeting_moments": partial(clock.recent_meetings, request.user),
        },
    )


@permission_required("milestones.view_milestone", raise_exception=True)
def rollups(request):
    """Worst-of RAG with counts, for the programme, by forum and by workstream."""
    return render(
        request,
        "milestones/rollups.html",
        {
            "programme": selectors.rollup(request.user, "programme"),
            "by_forum": selectors.rollup(request.user, "forum"),
            "by_workstream": selectors.rollup(request.user, "workstream"),
            "rags": list(Rag),
        },
    )
