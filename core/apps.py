from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The kernel every register builds on: base models, history and "as of", refs, restriction, concurrency,
    API base classes and the spreadsheet engine. It imports no app of the project."""

    name = "core"
    verbose_name = "Kernel"
