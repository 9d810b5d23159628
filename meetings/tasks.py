from celery import shared_task

from meetings import services


@shared_task
def render_pack(pack_id: int) -> str:
    """Renders a meeting pack to PDF; safe to run twice. Returns the pack's status."""
    return services.pack_render(pack_id).status
