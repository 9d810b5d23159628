from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The kernel every register builds on: base models, history and "as of", refs, restriction, concurrency,
    API base classes and the spreadsheet engine. It imports no app of the project."""

    name = "core"
    verbose_name = "Kernel"

    def ready(self):
        # Connects, in every process (commands and workers too, not only once a web request first needs them), the
        # signals that renew cached permissions and the watch on each connection's writes, which ends kept pages.
        from core import backends, page_cache  # noqa: F401
