import datetime
import re

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2099, 12, 31)
LOOKS_LIKE_A_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class NotAMoment(ValueError):
    """Text that is neither a date nor a date-time (as opposed to an impossible or out-of-range one)."""


def out_of_range(value) -> str | None:
    """Why a date (or date-time) cannot be a programme date, or None when it can."""
    if value is None:
        return None
    day = value.date() if isinstance(value, datetime.datetime) else value
    if EARLIEST <= day <= LATEST:
        return None
    return f"Give a date between {EARLIEST:%d/%m/%Y} and {LATEST:%d/%m/%Y}."


def end_of(day: datetime.date) -> datetime.datetime:
    """The last instant of `day` in the project's time zone. A bare date always means this, so that what was
    decided on that day counts as done by then."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def parse_moment(value: str | None) -> datetime.datetime | None:
    """A date ("2024-09-04": the end of that day) or an ISO 8601 date-time, as an aware datetime; None when
    blank. ValueError, with a message for the reader, when it is impossible or outside the programme's years, and
    NotAMoment when it is neither.
    Request values are read through core.clock, which also reads meeting refs."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        # A bare date first: parse_datetime would read it as that day's midnight.
        day = parse_date(value)
        moment = end_of(day) if day else parse_datetime(value)
    except ValueError:
        if LOOKS_LIKE_A_DATE.fullmatch(value):
            raise ValueError(f"'{value}' is not a date (YYYY-MM-DD). There is no such day.") from None
        moment = None
    if moment is None:
        raise NotAMoment(f"'{value}' is not a date (YYYY-MM-DD) or an ISO 8601 date-time.")
    if refusal := out_of_range(moment):
        raise ValueError(refusal)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
