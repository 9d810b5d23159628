import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime


def parse_moment(value: str | None) -> datetime.datetime | None:
    """A date ("2024-09-04": the end of that day, so what was decided that day counts) or an ISO 8601
    date-time; None when absent or unreadable."""
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            if day is None:
                return None
            moment = datetime.datetime.combine(day, datetime.time.max)
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
