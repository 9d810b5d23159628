"""Milestone charts as SVG geometry, shared by the pages and the PDF packs."""

import datetime

from django.utils import timezone

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
