from django.shortcuts import render

from programme import selectors
from programme.models import Constituency, Organisation


def home(request):
    """The programme dashboard. Registers add their panels as they land; until then it shows the
    governance structure every register hangs off."""
    context = {
        "group_tree": selectors.group_tree(),
        "constituency_count": Constituency.objects.count(),
        "organisation_count": Organisation.objects.filter(active=True).count(),
    }
    return render(request, "dashboards/home.html", context)
