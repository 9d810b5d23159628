from celery import shared_task

from core.tasks import GuardedTask
from meetings import services


class RenderPackTask(GuardedTask):
    def on_give_up(self, message: str, args, kwargs) -> None:
        # The pack would otherwise stay "rendering" for ever, and only a failed pack can be retried.
        pack_id = kwargs.get("pack_id", args[0] if args else None)
        if pack_id is not None:
            services.pack_mark_failed(pack_id, message)


@shared_task(base=RenderPackTask)
def render_pack(pack_id: int) -> str:
    """Renders a meeting pack to PDF; safe to run twice. Returns the pack's status."""
    return services.pack_render(pack_id).status
