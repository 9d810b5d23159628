import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime


def parse_moment(value: str | None) -> datetime.datetime | None:
    """A date ("2024-09-04": the end of that day, so what was decided that day counts) or an ISO 8601
    date-time; None when absent or unreadable."""
    if not value:
        return None
    try:
        # A bare date first: parse_datetime would read it as that day's midnight.
        day = parse_date(value)
        moment = datetime.datetime.combine(day, datetime.time.max) if day else parse_datetime(value)
    except ValueError:
        return None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
