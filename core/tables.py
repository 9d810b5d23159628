from core.history import instance_of


def record_url(record) -> str:
    """Link of a table row, whether the row is a record or one of its historical versions (as-of views)."""
    return (instance_of(record) if hasattr(record, "history_id") else record).get_absolute_url()
