from functools import partial

from core import clock
from core.context_processors import NAVIGATION
from dashboards import latest_papers as papers

# The dashboard and the registers: the pages whose figures a reader would otherwise take for today's programme.
PAGES = frozenset(url_name for _, url_name in NAVIGATION)


def latest_papers(request):
    """`latest_papers` for the banner (templates/includes/latest_papers_banner.html): called only when a page that
    extends base.html renders it, so a fragment (an htmx refresh) or an API response costs no query."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in PAGES or not request.user.is_authenticated:
        return {}
    return {"latest_papers": partial(banner, request)}


def banner(request) -> dict | None:
    """What the banner says, None when the newest papers are current."""
    meeting = papers.for_request(request).latest_papers
    if meeting is None:
        return None
    viewing = request.GET.get(clock.AS_OF, "").strip().lower() == meeting.ref.lower()
    return {
        "title": papers.title(meeting),
        "held_on": meeting.held_on,
        "viewing": viewing,
        "then_url": _same_page(request, meeting.ref),
        "today_url": _same_page(request, None),
    }


def _same_page(request, as_of: str | None) -> str:
    """This page with `as_of` set (or dropped), its other parameters kept; from the first page, whose rows the
    other moment changes."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop(clock.AS_OF, None)
    if as_of is not None:
        query[clock.AS_OF] = as_of
    return f"{request.path}?{query.urlencode()}" if query else request.path
