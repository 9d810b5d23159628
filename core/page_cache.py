"""Pages kept while the data is unchanged: a register, record or dashboard page rendered for one session is answered
from the shared cache when the same session asks for it again, until anything is written to the database or
PAGE_CACHE_SECONDS pass.

A page costs 15–50 ms of templates and queries to render, and is re-read far more often than anything it shows
changes. What keeps a kept page true:

- **Any write ends every kept page.** Each connection's statements are watched (`watch_writes`): an INSERT, UPDATE,
  DELETE or schema change, whatever path made it (services, admin, imports, tasks, migrations, raw SQL), starts a
  new *generation* once it commits (at once outside a transaction), and a page is kept under the generation read
  before it was rendered. A few tables that no page shows (sessions, sign-in attempts, the beat schedule) are
  not watched.
- **A page is kept for the session that read it**: its key holds the request's cookies, so it never reaches
  another reader, nor the same person signed in again; the URL and the htmx headers are in it too.
- **Time moves pages without a write** (a vote closes, a meeting starts, a date becomes overdue): a page is kept
  for PAGE_CACHE_SECONDS at most.
- Nothing is kept or answered inside a transaction, nor a page that carries a message or sets a cookie.

Only with a cache every process shares (Redis): with one per process, a write in one worker would not end
another's pages (PAGE_CACHE, on with REDIS_URL)."""

import hashlib
import logging
import re
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

GENERATION_KEY = "pages:generation"
PAGE_KEY = "pages:page:{}"

# Statements that change what a page may show, and the table each writes to (none for a schema change).
_WRITE = re.compile(
    r"""\s*(?:(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+["`]?(\w+)|TRUNCATE|ALTER|CREATE|DROP)""",
    re.IGNORECASE,
)
# Tables no page shows, written while people merely read: sessions, django-axes' sign-in records, and Celery
# beat's schedule, which it writes on every tick.
UNWATCHED_TABLES = re.compile(r"django_session$|axes_|django_celery_beat_|django_celery_results_", re.IGNORECASE)


def _new_generation() -> None:
    # A new uuid rather than a count: an evicted generation must not match pages kept before it.
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # the write is done; its pages stay kept PAGE_CACHE_SECONDS at most
        logger.exception("The kept pages could not be ended after a write")


def _pending(db) -> bool:
    """Whether a new generation is already due when this transaction commits, by a callback that survives
    whatever the statement just run survives (registered outside every savepoint it runs in)."""
    open_savepoints = set(db.savepoint_ids)
    return any(callback is _new_generation and sids <= open_savepoints for sids, callback, *_ in db.run_on_commit)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    written = _WRITE.match(sql) if isinstance(sql, str) else None
    if written and not (written.group(1) and UNWATCHED_TABLES.match(written.group(1))):
        db = context["connection"]
        if not db.in_atomic_block:
            _new_generation()
        elif not _pending(db):
            transaction.on_commit(_new_generation, using=db.alias, robust=True)
    return result


def watch_writes(sender, connection, **kwargs) -> None:
    """Watches every statement of `connection` (connected to `connection_created`, so commands and Celery workers
    are watched as the web processes are)."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


connection_created.connect(watch_writes, dispatch_uid="page_cache_watch_writes")


def _key(request) -> str:
    htmx = sorted((name, value) for name, value in request.META.items() if name.startswith("HTTP_HX_"))
    parts = (request.method, request.get_full_path(), request.META.get("HTTP_COOKIE", ""), htmx, get_language())
    return PAGE_KEY.format(hashlib.sha256(repr(parts).encode()).hexdigest())


def _carries_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def answer(request, render) -> HttpResponse:
    """The page `render()` answers for `request`, kept for the same session while nothing is written. A cache that
    cannot be reached costs the page its keeping, never the page."""
    if (
        not settings.PAGE_CACHE
        or request.method not in ("GET", "HEAD")
        or connection.in_atomic_block
        or _carries_messages(request)
    ):
        return render()
    key = _key(request)
    try:
        generation, page = _kept(key)
    except Exception:  # the cache is down: the page is rendered as without one
        logger.exception("Kept pages could not be read")
        return render()
    if page is not None and page[0] == generation:
        _, status, headers, content = page
        return HttpResponse(content, status=status, headers=headers)
    response = render()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    keepable = response.status_code == 200 and not response.streaming and not response.cookies
    if keepable and not _carries_messages(request):
        try:
            cache.set(key, (generation, 200, dict(response.headers), response.content), settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("A page could not be kept")
    return response


def _kept(key: str) -> tuple[str, tuple | None]:
    """The current generation (started when there is none) and the page kept under `key`, if any."""
    kept = cache.get_many([GENERATION_KEY, key])
    generation = kept.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation, kept.get(key)


def kept_page(view):
    """For a page function: its GET and HEAD answered through `answer`."""

    @wraps(view)
    def kept(request, *args, **kwargs):
        return answer(request, lambda: view(request, *args, **kwargs))

    return kept


class KeptPageMixin:
    """For a page view: its GET answered through `answer` (after the view's permission check, which runs in
    dispatch)."""

    def get(self, request, *args, **kwargs):
        return answer(request, lambda: super(KeptPageMixin, self).get(request, *args, **kwargs))
