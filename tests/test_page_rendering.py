"""Register pages write their table rows in Python (core.tables.LeanTable) rather than through django-tables2's
template: the rows must be the ones django-tables2's own path writes for the same table — every register, today,
as of a date, filtered, sorted and paged, for the PMO and for a Participant (who sees no Restricted row)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.template import Context, Template

from core.roles import PARTICIPANT, PMO

pytestmark = pytest.mark.django_db

PAGES = [
    "/changes/",
    "/changes/?status=open&status=on_hold&sort=stage",
    "/changes/?as_of=2024-09-04",
    "/raid/",
    "/raid/?since=2024-10-23&sort=-theme",
    "/raid/?as_of=2024-09-04",
    "/milestones/",
    "/milestones/?sort=-forecast_on&per_page=20&page=2",
    "/milestones/?as_of=PSG36",
    "/meetings/",
    "/meetings/?as_of=2024-09-04",
    "/actions/",
    "/actions/?as_of=2024-09-04&sort=due",
    "/decisions/",
    "/decisions/?sort=change_request",
]

LIBRARY_ROWS = Template("{% load django_tables2 %}{% render_table table 'django_tables2/bootstrap5.html' %}")


def _rows(html: str) -> str:
    body = re.search(r"<tbody[^>]*>(.*)</tbody>", html, re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<td\s+>", "<td>", body)).replace("> <", "><").strip()


def _striped(rows: str) -> str:
    """The rows without their even / odd classes: django-tables2 counts rows across renders of a table."""
    return re.sub(r'<tr\s+class="(even|odd)">', "<tr>", rows)


@pytest.mark.parametrize("role", [PMO, PARTICIPANT])
def test_each_register_writes_the_rows_django_tables2_writes(client_for, role):
    call_command("load_demo", "--allow-published-passwords", stdout=StringIO())
    client = client_for(role)

    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        table = response.context["table"]
        lean = _rows(response.content.decode())
        library = _rows(LIBRARY_ROWS.render(Context({"table": table, "request": response.wsgi_request})))

        assert lean, url
        assert _striped(lean) == _striped(library), url
        assert re.findall(r'<tr class="(\w+)">', lean)[:3] == ["even", "odd", "even"][: lean.count("<tr ")], url
        if role == PARTICIPANT:
            assert "Restricted" not in lean, url
