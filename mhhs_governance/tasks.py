import socket

from celery import shared_task
from django.db import connection


@shared_task
def system_probe() -> dict:
    """Proves the whole background path: broker → worker → database → result backend.

    `manage.py probe_worker` sends it; the answer names the worker host and what it read from the database.
    """
    from programme.models import GovernanceGroup

    return {
        "worker": socket.gethostname(),
        "database": connection.vendor,
        "governance_groups": GovernanceGroup.objects.count(),
    }
