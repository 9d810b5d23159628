import datetime

from django.shortcuts import render
from django.utils import timezone

from dashboards import selectors
from dashboards.search import search as search_registers
from mhhs_governance.dates import parse_moment
from milestones.charts import timeline_chart
from programme import selectors as programme_selectors


def home(request):
    """The programme at a glance: every figure links to the filtered register behind it, and a Participant's
    figures count Public records only."""
    user = request.user
    programme_milestones = selectors.programme_milestones(user)
    context = {
        "milestones": selectors.milestone_donuts(user),
        "programme_timeline": timeline_chart(programme_milestones),
        "raid": selectors.raid_panel(user),
        "changes": selectors.change_panel(user),
        "actions": selectors.action_panel(user),
        "next_meetings": selectors.next_meetings(user),
        "group_tree": programme_selectors.group_tree(),
    }
    return render(request, "dashboards/home.html", context)


def changes_since(request):
    """ "What changed since <date>", by default since the last PSG."""
    since = parse_moment(request.GET.get("since"))
    last_psg = selectors.last_psg_before(timezone.now())
    if since is None:
        since = (
            timezone.make_aware(datetime.datetime.combine(last_psg.held_on, datetime.time.max))
            if last_psg
            else timezone.now() - datetime.timedelta(days=28)
        )
    context = selectors.changes_since(request.user, since)
    context["last_psg"] = last_psg
    return render(request, "dashboards/changes_since.html", context)


def search(request):
    query = request.GET.get("q", "")
    return render(request, "dashboards/search.html", {"q": query, "results": search_registers(request.user, query)})
