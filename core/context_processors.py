from django.urls import NoReverseMatch, reverse

from core.roles import role_of

# The registers in the order the papers present them; one whose app has not landed yet shows disabled.
NAVIGATION = (
    ("Dashboard", "dashboards:home"),
    ("Changes", "changes:list"),
    ("RAID", "raid:list"),
    ("Milestones", "milestones:list"),
    ("Meetings", "meetings:list"),
    ("Actions", "meetings:action-list"),
    ("Decisions", "meetings:decision-list"),
)


def navigation(request):
    items = []
    for label, url_name in NAVIGATION:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            url = None
        items.append({"label": label, "url": url, "active": url is not None and _is_active(request, url)})
    return {"nav_items": items, "user_role": role_of(request.user) if hasattr(request, "user") else None}


def _is_active(request, url: str) -> bool:
    return request.path == url if url == "/" else request.path.startswith(url)
