from celery import shared_task

from milestones import services


@shared_task
def recompute_rag(milestone_ids: list[int] | None = None) -> int:
    """Stores current RAG: for the given milestones and their dependents after an edit, for all of them nightly.
    Safe to run twice; returns how many RAGs changed."""
    return services.recompute_rag(milestone_ids)
