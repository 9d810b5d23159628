"""Dates relative to today, dated history for any register, and readers of the dashboard pages' HTML.

History is dated the way django-simple-history allows: `instance._history_date` before save() dates the row
that save writes; `backdate` re-dates the rows a factory or service already wrote (a record "created then")."""

import datetime

from django.test import Client
from django.utils import timezone

from tests.packs.html import Element, parse

DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int, hour: int = 12) -> datetime.datetime:
    """`hour` o'clock (midday by default), `days` days before today, in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(today() - days * DAY, datetime.time(hour)))


def backdate(record, when: datetime.datetime):
    """Every history row `record` has so far dated `when`, as if it had been written then."""
    type(record).history.filter(id=record.pk).update(history_date=when)
    return record


def save_at(record, when: datetime.datetime, reason: str = "Updated", **changes):
    """`record` with `changes` saved under a history row dated `when` (no workflow checks)."""
    for name, value in changes.items():
        setattr(record, name, value)
    record._history_date = when
    record._change_reason = reason
    record.save()
    del record._history_date
    return record


def signed_in(user) -> Client:
    """A page client of its own for `user`, so pages can be compared between readers in one test."""
    client = Client()
    client.force_login(user)
    return client


def page(response) -> Element:
    assert response.status_code == 200, response.content[:2000]
    return parse(response.content.decode())


def by_testid(document: Element, name: str) -> Element:
    element = document.find(data_testid=name)
    assert element is not None, f"no element with data-testid={name!r}"
    return element


def link_texts(element: Element) -> list[str]:
    return [a.text() for a in element.find_all("a")]


def shown_text(element: Element) -> str:
    """An element's text without its visually hidden parts (what a sighted reader sees)."""
    parts = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif "visually-hidden" not in child.classes:
            parts.append(f" {shown_text(child)} ")
    return " ".join("".join(parts).split())


def donuts(document: Element) -> dict[str, dict[str, tuple[int, str]]]:
    """Each donut's legend, its data table: {title: {RAG label: (count, link)}}."""
    charts = {}
    for figure in document.find_all("figure", data_testid="donut"):
        legend = figure.find("figcaption").find("table")
        slices = {}
        for row in legend.find("tbody").find_all("tr"):
            label, count = row.find("th"), row.find("td")
            link = label.find("a")
            slices[shown_text(label)] = (int(count.text()), link.attrs["href"] if link else "")
        charts[legend.find("caption").text()] = slices
    return charts


def heat_map_cells(document: Element) -> dict[tuple[int, int], tuple[int, str]]:
    """{(likelihood, impact): (count, link or "")} of the heat map's cells."""
    grid = by_testid(document, "heat-map")
    cells = {}
    for cell in grid.find_all("td"):
        link = cell.find("a")
        cells[(int(cell.attrs["data-likelihood"]), int(cell.attrs["data-impact"]))] = (
            int(cell.attrs["data-count"]),
            link.attrs["href"] if link else "",
        )
    return cells


def register_refs(document: Element) -> list[str]:
    """The refs in the first column of a register page's table, in order."""
    table = document.find("div", id="record-table").find("table")
    if table is None:
        return []
    return [row.find("td").text() for row in table.find("tbody").find_all("tr")]


def register_rows(document: Element) -> dict[str, str]:
    """{ref: the row's text} of a register page's table."""
    table = document.find("div", id="record-table").find("table")
    if table is None:
        return {}
    return {row.find("td").text(): row.text() for row in table.find("tbody").find_all("tr")}
