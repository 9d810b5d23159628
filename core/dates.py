import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2099, 12, 31)


def out_of_range(value) -> str | None:
    """Why a date (or date-time) cannot be a programme date, or None when it can."""
    if value is None:
        return None
    day = value.date() if isinstance(value, datetime.datetime) else value
    if EARLIEST <= day <= LATEST:
        return None
    return f"Give a date between {EARLIEST:%d/%m/%Y} and {LATEST:%d/%m/%Y}."


def parse_moment(value: str | None) -> datetime.datetime | None:
    """A date ("2024-09-04": the end of that day, so what was decided that day counts) or an ISO 8601
    date-time; None when absent, unreadable or outside the programme's years."""
    if not value:
        return None
    try:
        # A bare date first: parse_datetime would read it as that day's midnight.
        day = parse_date(value)
        moment = datetime.datetime.combine(day, datetime.time.max) if day else parse_datetime(value)
    except ValueError:
        return None
    if moment is None or out_of_range(moment):
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
