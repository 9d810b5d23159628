import datetime
from functools import partial

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core import clock
from core.dates import end_of
from core.page_cache import kept_page
from core.views import moment_param
from dashboards import latest_papers, selectors
from dashboards.calendar import group_calendar
from dashboards.models import FeedToken
from dashboards.rows import group_rows
from dashboards.search import search as search_registers
from milestones.charts import timeline_chart
from programme import selectors as programme_selectors
from programme.models import GovernanceGroup
from programme.views import GovernanceGroupDetailView


@kept_page
def home(request):
    """The programme at a glance: every figure links to the filtered register behind it, and a Participant's
    figures count Public records only."""
    user = request.user
    # ?as_of=<date, date-time or meeting ref>: the programme as it stood then, read from the history.
    as_of = moment_param(request, clock.AS_OF)
    moment = as_of.at if as_of else None
    # Every group read once: the governance structure, and the codes that name the forums' donuts.
    groups = list(programme_selectors.structure())
    donuts, programme_milestones = selectors.milestone_panels(user, {group.pk: group.code for group in groups}, moment)
    context = {
        "as_of": as_of,
        "meeting_moments": partial(clock.recent_meetings, user),
        "milestones": donuts,
        "programme_timeline": timeline_chart(
            programme_milestones, today=timezone.localtime(moment).date() if moment else None
        ),
        "raid": selectors.raid_panel(user, moment),
        "changes": selectors.change_panel(user, moment),
        "actions": selectors.action_panel(user, moment),
        # Today's come from the query that also tells the banner whether the newest papers are in the past.
        "next_meetings": selectors.next_meetings(user, moment)
        if moment
        else latest_papers.for_request(request).next_meetings,
        "group_rows": group_rows(programme_selectors.group_tree(groups)),
    }
    return render(request, "dashboards/home.html", context)


@kept_page
def changes_since(request):
    """ "What changed since <moment>", by default since the last PSG (the end of its day: what it decided is
    not news), or four weeks without one."""
    since_moment = moment_param(request, clock.SINCE)
    last_psg = selectors.last_psg_before(timezone.now(), request.user)
    if since_moment is not None:
        since = since_moment.at
    elif last_psg is not None:
        since = end_of(last_psg.held_on)
    else:
        since = timezone.now() - datetime.timedelta(days=28)
    # ?all=1 lists every change rather than the first of each kind.
    limit = None if request.GET.get("all") else selectors.CHANGES_ROWS
    context = selectors.changes_since(request.user, since, limit)
    context["since_moment"] = since_moment
    context["meeting_moments"] = partial(clock.recent_meetings, request.user)
    context["last_psg"] = last_psg
    return render(request, "dashboards/changes_since.html", context)


def search(request):
    query = request.GET.get("q", "").strip()
    return render(request, "dashboards/search.html", {"q": query, "results": search_registers(request.user, query)})


class GroupPageView(GovernanceGroupDetailView):
    """/groups/<code>/: the group record with everything the group is doing."""

    template_name = "dashboards/group.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.group_activity(self.request.user, self.object))
        context["calendar_token"] = FeedToken.for_user(self.request.user).key
        return context


@login_not_required
def group_calendar_feed(request, code: str):
    """/groups/<code>/calendar.ics?token=…: calendar clients cannot sign in, so a per-user feed token stands in
    for the session; the feed shows what that user may see."""
    token = FeedToken.objects.select_related("user").filter(key=request.GET.get("token", "")).first()
    if token is None or not token.user.is_active:
        return HttpResponse("A valid feed token is required.", status=403, content_type="text/plain")
    if not token.user.has_perm("meetings.view_meeting"):
        return HttpResponse("Your role cannot read meetings.", status=403, content_type="text/plain")
    group = get_object_or_404(GovernanceGroup, code=code)
    body = group_calendar(group, token.user, request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{group.code}.ics"'
    return response


def my_items(request):
    return render(request, "dashboards/my.html", selectors.my_items(request.user))
