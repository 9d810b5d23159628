from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.core.management.base import BaseCommand, CommandError

from mhhs_governance.tasks import system_probe


class Command(BaseCommand):
    help = "Send a probe task through the broker to a Celery worker and print what it answered."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for the worker.")

    def handle(self, *args, timeout, **options):
        result = system_probe.delay()
        try:
            answer = result.get(timeout=timeout)
        except CeleryTimeoutError as exc:
            raise CommandError(f"No worker answered within {timeout:g} s (task {result.id}).") from exc
        self.stdout.write(self.style.SUCCESS(f"Worker answered: {answer}"))
