from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_roles(sender, using, **kwargs):
    from core.roles import ensure_roles

    ensure_roles(using=using)


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = "Programme structure"

    def ready(self):
        # After every migrate and test flush, so roles also gain the permissions of newly added models.
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="programme.sync_roles")
