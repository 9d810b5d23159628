"""The Celery app: configured from Django settings (CELERY_*), tasks found in each app's tasks.py."""

import os

from celery import Celery

from core.tasks import GuardedTask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mhhs_governance.settings")

app = Celery("mhhs_governance", task_cls=GuardedTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
