"""Hashed static files for the local production-like runs (benchmark, load run): collected when the manifest the
shipped settings read is missing or older than a file under static/, since compressing them all takes a while."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command


def collect_if_stale() -> None:
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        collected = manifest.stat().st_mtime
        sources = (path for folder in settings.STATICFILES_DIRS for path in Path(folder).rglob("*") if path.is_file())
        if all(source.stat().st_mtime <= collected for source in sources):
            return
    call_command("collectstatic", interactive=False, verbosity=0)
