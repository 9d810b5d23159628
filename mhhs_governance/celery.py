"""The Celery app: configured from Django settings (CELERY_*), tasks found in each app's tasks.py."""

import os

from celery import Celery
from celery.signals import worker_init, worker_process_init

from core.tasks import GuardedTask
from mhhs_governance.startup import refuse_to_serve_unsafely

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mhhs_governance.settings")

app = Celery("mhhs_governance", task_cls=GuardedTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def refuse_to_work_unsafely(**kwargs):
    # The worker starts under the web app's rule.
    refuse_to_serve_unsafely()


@worker_process_init.connect
def load_the_pack_printer(**kwargs):
    # Each pool process loads WeasyPrint, Pango and the fonts as it starts, not while a chair waits for a pack.
    from meetings import packs

    packs.warm_up()
