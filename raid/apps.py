from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_scoring(sender, using, **kwargs):
    from raid.scoring import ensure_default_scoring

    ensure_default_scoring(using=using)


class RaidConfig(AppConfig):
    name = "raid"
    verbose_name = "RAID log"

    def ready(self):
        # Also after test-database flushes: the matrix is reference data every score depends on.
        post_migrate.connect(ensure_scoring, sender=self, dispatch_uid="raid.ensure_scoring")
