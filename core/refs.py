"""Generated refs (CR054, R849, DAG26-01, DAG-DEC55): one implementation for every register."""

import re

from django.db import IntegrityError, transaction

from core.exceptions import WorkflowError
from core.models import RefCounter

# Refs are numbered in the hundreds (CR054, R920, DAG26-01); a longer number is a typo, and would overflow
# the counter.
MAX_REF_NUMBER = 999_999


def next_ref(series: str, *, width: int = 0) -> str:
    """The next ref of `series`, e.g. next_ref("CR", width=3) → "CR055". Call inside the creating
    transaction: the counter row stays locked until it commits, so two creators never get the same ref."""
    with transaction.atomic():
        counter, _ = RefCounter.objects.select_for_update().get_or_create(series=series)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{series}{counter.last:0{width}d}"


def claim_ref(series: str, ref: str) -> None:
    """Records an imported or hand-entered ref, so later generated refs of the series go past it."""
    match = re.fullmatch(rf"{re.escape(series)}(\d+)", ref)
    if match is None:
        return
    number = int(match.group(1))
    if number > MAX_REF_NUMBER:
        raise WorkflowError(f"{ref} is not a ref of this programme: numbers go up to {MAX_REF_NUMBER}.", field="ref")
    with transaction.atomic():
        counter, _ = RefCounter.objects.select_for_update().get_or_create(series=series)
        if counter.last < number:
            counter.last = number
            counter.save(update_fields=["last"])


def assign_ref(model, series: str, ref: str = "", *, width: int = 0, malformed: str = "") -> str:
    """The ref a new record of `model` gets, once for every register: the next of `series` (DAG26-03), or the
    given one (imported or hand-entered) when it is of the series and was never used — not even by a record since
    deleted, which the history remembers. Call inside the creating transaction. `malformed` is the refusal for a
    ref not of the series."""
    if ref:
        if not re.fullmatch(rf"{re.escape(series)}\d{{{max(width, 1)},}}", ref):
            raise WorkflowError(malformed or f"{ref} is not a ref of the {series} series.", field="ref")
        if model.history.filter(ref=ref).exists():
            raise WorkflowError(f"{ref} already exists; refs are never reused.", field="ref")
        claim_ref(series, ref)
        return ref
    ref = next_ref(series, width=width)
    # Refs entered before the counter existed, or since deleted, are skipped rather than reused.
    while model.history.filter(ref=ref).exists():
        ref = next_ref(series, width=width)
    return ref


def insert_new(record, *, duplicate: str, field: str) -> None:
    """Inserts `record`, refusing with `duplicate` when a concurrent request took the same ref first: the check
    for an existing ref cannot see an insert not yet committed, but the unique index waits for it."""
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        if type(record)._default_manager.filter(ref=record.ref).exists():
            raise WorkflowError(duplicate, field=field) from None
        raise


def ref_order(ref: str) -> tuple:
    """Sorts refs as the papers number them: DEC9 before DEC10, PSG35-02 before PSG35-10, DAG20.1 after DAG20."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", ref))
