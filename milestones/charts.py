"""Milestone charts as SVG geometry, shared by the pages and the PDF packs."""

import datetime

from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.charts import chart_id
from core.templatetags.governance import forecast_late, slip
from milestones.models import Milestone


def timeline_chart(
    items: list[Milestone],
    today: datetime.date | None = None,
    width: int = 900,
    row_height: int = 22,
    label_width: int = 110,
) -> dict | None:
    """Baseline (hollow) and forecast (filled) markers per milestone on a shared date axis, joined by the slip;
    coordinates for a server-rendered SVG that pages and PDFs share."""
    dated = [m for m in items if m.baseline_on or m.forecast_on]
    if not dated:
        return None
    days = [d for m in dated for d in (m.baseline_on, m.forecast_on, m.actual_on) if d]
    today = today or timezone.localdate()
    start, end = min([*days, today]), max([*days, today])
    start, end = start - datetime.timedelta(days=7), end + datetime.timedelta(days=7)
    span = (end - start).days or 1
    plot = width - label_width - 20

    def x(day):
        return round(label_width + plot * (day - start).days / span, 1)

    rows = []
    for index, m in enumerate(dated):
        y = 30 + index * row_height
        rows.append(
            {
                "milestone": m,
                "y": y,
                "baseline_x": x(m.baseline_on) if m.baseline_on else None,
                "forecast_x": x(m.forecast_on) if m.forecast_on else None,
                "actual_x": x(m.actual_on) if m.actual_on else None,
            }
        )
    months, cursor = [], start.replace(day=1)
    while cursor <= end:
        if cursor >= start:
            months.append({"x": x(cursor), "label": cursor.strftime("%b %y")})
        cursor = (cursor + datetime.timedelta(days=32)).replace(day=1)
    # At most a dozen labels, so they never overlap.
    months = months[:: max(1, -(-len(months) // 12))]
    return {
        "width": width,
        "height": 40 + len(dated) * row_height,
        "rows": rows,
        "months": months,
        "today_x": x(today),
        "label_width": label_width,
    }


def _day(value) -> str:
    return f"{value:%d/%m/%Y}" if value else "—"


def timeline_figure(timeline: dict | None, on_page: bool = False) -> SafeString:
    """The timeline (`timeline_chart`) as pages and papers show it: baseline (hollow circle) against forecast
    (filled circle) and achieved (square) per milestone on one date axis, joined by a line that is dashed when the
    forecast is later than baseline; the dates as a table one click away (on a page, `on_page`, in its own scroll
    region). Written in Python: a paper's hundred milestones cost its template's tags a few milliseconds."""
    if not timeline:
        return mark_safe("")
    ids = chart_id("timeline", timeline)
    rows, height = timeline["rows"], timeline["height"]
    late = forecast_late(rows)
    if late:
        summary = f"{len(late)} forecast later than baseline ({', '.join(row['milestone'].ref for row in late)})"
    else:
        summary = "none forecast later than baseline"
    marks = []
    for month in timeline["months"]:
        marks.append(
            f'<line x1="{month["x"]}" x2="{month["x"]}" y1="14" y2="{height}" stroke="#eef0f3"/>'
            f'<text x="{month["x"]}" y="10" font-size="9" fill="#6c757d">{escape(month["label"])}</text>'
        )
    today_x = timeline["today_x"]
    marks.append(
        f'<line x1="{today_x}" x2="{today_x}" y1="14" y2="{height}" stroke="#0b2a4a" stroke-dasharray="3 3"/>'
        f'<text x="{today_x}" y="{height}" font-size="8" fill="#0b2a4a" text-anchor="middle">today</text>'
    )
    table = []
    for row in rows:
        m, y = row["milestone"], row["y"]
        baseline_x, forecast_x, actual_x = row["baseline_x"], row["forecast_x"], row["actual_x"]
        ref = escape(m.ref)
        marks.append(f'<text x="4" y="{y + 4}" font-size="10" fill="#212529">{ref}</text>')
        if baseline_x and forecast_x:
            style = (
                'stroke="#dc3545" stroke-width="2" stroke-dasharray="4 2"'
                if forecast_x > baseline_x
                else 'stroke="#198754" stroke-width="2"'
            )
            marks.append(f'<line x1="{baseline_x}" x2="{forecast_x}" y1="{y}" y2="{y}" {style}/>')
        if baseline_x:
            marks.append(
                f'<circle cx="{baseline_x}" cy="{y}" r="5" fill="#fff" stroke="#0b2a4a" stroke-width="2">'
                f"<title>{ref} baseline {_day(m.baseline_on)}</title></circle>"
            )
        if forecast_x:
            marks.append(
                f'<circle cx="{forecast_x}" cy="{y}" r="4" fill="#0b2a4a">'
                f"<title>{ref} forecast {_day(m.forecast_on)}</title></circle>"
            )
        if actual_x:
            marks.append(
                f'<rect x="{int(actual_x) - 4}" y="{y - 4}" width="8" height="8" fill="#0d6efd">'
                f"<title>{ref} achieved {_day(m.actual_on)}</title></rect>"
            )
        table.append(
            f'<tr><th scope="row">{ref}</th><td>{_day(m.baseline_on)}</td><td>{_day(m.forecast_on)}</td>'
            f"<td>{escape(slip(m))}</td><td>{_day(m.actual_on)}</td></tr>"
        )
    count = len(rows)
    region = ('<div class="table-responsive" tabindex="0" role="region" aria-label="Milestone dates">', "</div>")
    opens, closes = region if on_page else ("", "")
    return mark_safe(  # every value above is a number, a formatted date or escaped
        f'<figure class="chart"><svg class="milestone-timeline" viewBox="0 0 {timeline["width"]} {height}" '
        f'width="100%" role="img" aria-labelledby="{ids}-title" aria-describedby="{ids}-desc">'
        f'<title id="{ids}-title">Baseline and forecast dates of {count} milestone{pluralize(count)}: '
        f'{escape(summary)}</title><desc id="{ids}-desc">Each milestone on a date axis: a hollow circle at its '
        "baseline, a filled circle at its forecast, a square when achieved, and a dashed line when the forecast is "
        f"later than baseline. The dates are in the table that follows.</desc>{''.join(marks)}</svg>"
        '<figcaption class="small text-muted">○ baseline · ● forecast · ■ achieved; a dashed red line is a forecast '
        "later than baseline, a solid green line one earlier.</figcaption></figure>"
        '<details class="chart-data small"><summary>Baseline and forecast dates as a table</summary>'
        f'{opens}<table class="table table-sm w-auto"><caption>Baseline, forecast and achieved dates of each '
        'milestone</caption><thead><tr><th scope="col">Milestone</th><th scope="col">Baseline</th>'
        '<th scope="col">Forecast</th><th scope="col">Forecast against baseline</th><th scope="col">Achieved</th>'
        f"</tr></thead><tbody>{''.join(table)}</tbody></table>{closes}</details>"
    )
