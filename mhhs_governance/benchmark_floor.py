"""The benchmark's page floor, served as a page: a URL conf of one view that answers a signed-in request through
the project's middleware (session, authentication, security headers, CSRF, CSP) with the rows of one SQL query
written as a plain HTML table — the least any register page does. Used only by mhhs_governance.benchmark, which
swaps it in as ROOT_URLCONF while it times the floor."""

from html import escape

from django.db import connection
from django.http import HttpResponse
from django.urls import path

# The SQL, link and parameters the benchmark is about to time (set by benchmark._page_floor).
floor: dict = {}


def query(sql: str, params=()) -> tuple[list[str], list[tuple]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [c[0] for c in cursor.description], cursor.fetchall()


def plain_html(sql: str, link: str, params=()) -> str:
    """The floor of a page: the rows from one SQL query, written as a plain HTML table (the first column linked)."""
    columns, rows = query(sql, params)
    head = "".join(f"<th>{escape(column)}</th>" for column in columns)
    body = "".join(
        f'<tr><td><a href="{link}{escape(str(row[0]))}/">{escape(str(row[0]))}</a></td>'
        + "".join(f"<td>{escape('' if value is None else str(value))}</td>" for value in row[1:])
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def plain_table(request):
    table = plain_html(floor["sql"], floor["link"], floor["params"])
    return HttpResponse(f'<!doctype html><html lang="en"><title>Floor</title><main>{table}</main></html>')


urlpatterns = [path("floor/", plain_table)]
