import datetime
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core import clock
from core.exceptions import WorkflowError
from core.views import (
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    RecordUpdateView,
    ServiceFormMixin,
    moment_param,
)
from programme.models import GovernanceGroup
from raid import selectors, services
from raid.choices import RaidKind, RaidStatus
from raid.filtersets import RaidItemFilterSet
from raid.forms import MitigationStepFormSet, RaidItemForm, mitigation_from
from raid.models import RaidItem
from raid.scoring import load_scoring
from raid.tables import RaidItemTable

DEFAULT_MOVEMENT_WINDOW = datetime.timedelta(days=28)


def _since(request) -> tuple[clock.Moment | None, datetime.datetime]:
    """`?since=` as the clock reads it (date, date-time or meeting ref), and the moment movement is read from:
    that, else four weeks ago, the usual gap between two meetings of a group."""
    since = moment_param(request, clock.SINCE)
    return since, since.at if since else timezone.now() - DEFAULT_MOVEMENT_WINDOW


class RaidItemListView(RecordListView):
    spreadsheet_kind = "raid-items"
    model = RaidItem
    table_class = RaidItemTable
    filterset_class = RaidItemFilterSet
    create_url_name = "raid:create"
    template_name = "raid/raiditem_list.html"

    def get_queryset(self):
        # The table shows the groups, not the mitigation plan (the API's records do).
        return selectors.raid_items(self.request.user).prefetch_related(None).prefetch_related("groups")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Read by the filter bar's "Movement since" field, which shows why a value names no moment.
        given = self.filterset.form.cleaned_data.get(clock.SINCE) if self.filterset.is_valid() else None
        since = given or timezone.now() - DEFAULT_MOVEMENT_WINDOW
        table = context["table"]
        page_items = [row.record for row in table.paginated_rows]
        table.movements = context["movements"] = selectors.movements(page_items, since)
        table.scoring = context["scoring"] = load_scoring()
        context["since"] = since
        return context


class RaidItemDetailView(RecordDetailView):
    model = RaidItem
    slug_field = slug_url_kwarg = "ref"
    template_name = "raid/raiditem_detail.html"

    def get_queryset(self):
        return selectors.raid_items(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["since_moment"], since = _since(self.request)
        context["since"] = since
        context["meeting_moments"] = partial(clock.recent_meetings, self.request.user)
        context["movement"] = selectors.movements([self.object], since)[self.object.pk]
        context["trend"] = trend_chart(selectors.score_trend(self.object))
        context["scoring"] = load_scoring()
        return context


class RaidItemFormMixin(ServiceFormMixin):
    """The item form plus its mitigation-plan formset, saved together by the service."""

    model = RaidItem
    form_class = RaidItemForm
    template_name = "raid/raiditem_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["steps"] = getattr(self, "steps", None) or MitigationStepFormSet(
            instance=getattr(self, "object", None) or RaidItem()
        )
        return context

    def post(self, request, *args, **kwargs):
        # Bound on every POST, so a refused form shows the steps as typed.
        self.object = self.get_object() if "ref" in kwargs else None
        self.steps = MitigationStepFormSet(request.POST, instance=self.object or RaidItem())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not self.steps.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        return super().form_valid(form)


class RaidItemCreateView(RaidItemFormMixin, RecordCreateView):
    def perform_save(self, data, form):
        return services.raid_item_create(actor=self.request.user, mitigation=mitigation_from(self.steps), **data)


class RaidItemUpdateView(RaidItemFormMixin, RecordUpdateView):
    slug_field = slug_url_kwarg = "ref"

    def get_queryset(self):
        return selectors.raid_items(self.request.user)

    def perform_save(self, data, form):
        return services.raid_item_update(
            item=self.object,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"],
            mitigation=mitigation_from(self.steps),
            **data,
        )


@require_POST
@permission_required("raid.change_raiditem", raise_exception=True)
def close_or_reopen(request, ref: str, action: str):
    item = get_object_or_404(selectors.raid_items(request.user), ref=ref)
    service = {"close": services.raid_item_close, "reopen": services.raid_item_reopen}.get(action)
    if service is None:
        raise Http404
    try:
        service(item=item, actor=request.user, reason=request.POST.get("reason", "")[:200])
    except WorkflowError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"{item.ref} {'closed' if action == 'close' else 'reopened'}.")
    return redirect(item)


@permission_required("raid.view_raiditem", raise_exception=True)
def heat_map(request):
    """Likelihood × impact grid of open items with the matrix score and band of each cell; each count links to
    the register filtered to that cell."""
    kind = request.GET.get("kind") or None
    if kind not in (None, *RaidKind.values):
        kind = None
    grid = selectors.heat_map_grid(request.user, kind=kind)
    return render(
        request,
        "raid/heat_map.html",
        {**grid, "kind": kind, "kinds": RaidKind.choices},
    )


@permission_required("raid.view_raiditem", raise_exception=True)
def top_risks(request, code: str):
    """ "Top programme risks related to <group>": the group's open risks and issues by score, with movement."""
    group = get_object_or_404(GovernanceGroup, code=code)
    since_moment, since = _since(request)
    items = list(
        selectors.raid_items(request.user)
        .filter(groups=group, status=RaidStatus.OPEN, kind__in=[RaidKind.RISK, RaidKind.ISSUE])
        .order_by("-score", "ref")
    )
    return render(
        request,
        "raid/top_risks.html",
        {
            "group": group,
            "items": items,
            "movements": selectors.movements(items, since),
            "since": since,
            "since_moment": since_moment,
            # The group's own past meetings are the natural points to compare with.
            "meeting_moments": partial(clock.recent_meetings, request.user, group.code),
            "scoring": load_scoring(),
            "groups": GovernanceGroup.objects.filter(active=True, raid_items__isnull=False).distinct(),
        },
    )


def trend_chart(points, width: int = 320, height: int = 90, pad: int = 14) -> dict | None:
    """Coordinates of the score trend for a small server-rendered SVG (the same markup serves the PDF)."""
    if not points:
        return None
    start, end = points[0][0], timezone.now()
    span = max((end - start).total_seconds(), 1)

    def x(when):
        return pad + (width - 2 * pad) * (when - start).total_seconds() / span

    def y(score):
        return height - pad - (height - 2 * pad) * (score - 1) / 29

    # A step line: a score holds until it changes, then jumps.
    path, markers = [], []
    for index, (when, score) in enumerate(points):
        if index:
            path.append(f"L{x(when):.1f},{y(points[index - 1][1]):.1f}")
        path.append(f"{'M' if not index else 'L'}{x(when):.1f},{y(score):.1f}")
        markers.append({"x": round(x(when), 1), "y": round(y(score), 1), "score": score, "when": when})
    path.append(f"L{x(end):.1f},{y(points[-1][1]):.1f}")
    return {
        "width": width,
        "height": height,
        "path": " ".join(path),
        "markers": markers,
        "start": start,
        "end": end,
        "gridlines": [{"score": s, "y": round(y(s), 1)} for s in (1, 7, 13, 21, 30)],
    }
