"""The one gate for reads: every register's queryset knows whether it was restricted for a reader.

After NetBox's and Nautobot's `RestrictedQuerySet.restrict(user, action)`. A page, an API route, an export, a PDF,
a feed or an email reads a register as `Model.objects.restrict(user)` (or through a queryset already restricted);
system work (Celery tasks, the benchmark, backups, uniqueness checks) says so with `.unrestricted()`. While a
request is being answered, evaluating a register's queryset that is neither is a bug: with RESTRICTION_STRICT (on
in the tests) it raises UnrestrictedRead, otherwise it is logged as an error — never silent.

Locking reads (`select_for_update`) are part of a write: the view that calls the service has read the record
through the gate already, and the service re-reads it only to lock it."""

import logging
from contextlib import ContextDecorator, contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import models

from core.choices import Classification
from core.roles import VIEW_RESTRICTED

logger = logging.getLogger(__name__)

# The user a request is being answered for; None outside requests (tasks, commands, the shell).
_reader: ContextVar = ContextVar("reader", default=None)

RESTRICTED, UNRESTRICTED = "restricted", "unrestricted"


class UnrestrictedRead(RuntimeError):
    """A register was read during a request without the reader's restriction."""


def can_view_restricted(user) -> bool:
    return user is not None and user.is_authenticated and user.has_perm(VIEW_RESTRICTED)


class RestrictedQuerySet(models.QuerySet):
    """A register's rows, restricted for a reader with `restrict(user)` or explicitly not with `unrestricted()`.

    The rows a reader who may not see Restricted records gets are those Public at every path the model names in
    `restricted_through` (its own classification, and for some records their meeting's or CR's)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._gate = None

    def restrict(self, user, action: str = "view"):
        """The rows `user` may `action` (only "view" is scoped by classification; who may change a register is
        a model permission checked by the view)."""
        paths = getattr(self.model, "restricted_through", ("classification",))
        queryset = self if can_view_restricted(user) else self.filter(**dict.fromkeys(paths, Classification.PUBLIC))
        return queryset._gated(RESTRICTED)

    def unrestricted(self):
        """Every row, for system work that answers to no reader."""
        return self._gated(UNRESTRICTED)

    @property
    def is_restricted(self) -> bool:
        return self._gate == RESTRICTED

    def _gated(self, gate: str):
        queryset = self._chain()
        queryset._gate = gate
        return queryset

    def _clone(self):
        clone = super()._clone()
        clone._gate = self._gate
        return clone

    def _check_gate(self) -> None:
        if self._gate is not None or self.query.select_for_update:
            return
        reader = _reader.get()
        if reader is None:
            return
        message = (
            f"{self.model._meta.label} was read while answering a request without .restrict(user): use "
            f"{self.model.__name__}.objects.restrict(request.user), or .unrestricted() for system work."
        )
        if getattr(settings, "RESTRICTION_STRICT", False):
            raise UnrestrictedRead(message)
        logger.error(message)

    def _fetch_all(self):
        if self._result_cache is None:
            self._check_gate()
        super()._fetch_all()

    def count(self):
        if self._result_cache is None:
            self._check_gate()
        return super().count()

    def exists(self):
        if self._result_cache is None:
            self._check_gate()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._check_gate()
        return super().aggregate(*args, **kwargs)

    def iterator(self, chunk_size=None):
        self._check_gate()
        return super().iterator(chunk_size=chunk_size)


def read_for(queryset, user):
    """`queryset` restricted for `user`; with no user, the explicit read of system work (a pack a task renders for
    its audience passes that audience, never None)."""
    return queryset.restrict(user) if user is not None else queryset.unrestricted()


class RestrictedManager(models.Manager.from_queryset(RestrictedQuerySet)):
    """The default manager of every register. Related managers (meeting.actions) derive from it, so a link followed
    in a template is a read like any other; Django's own unique checks are system work."""

    def restrict(self, user, action: str = "view"):
        return self.get_queryset().restrict(user, action)

    def unrestricted(self):
        return self.get_queryset().unrestricted()


@contextmanager
def reading_for(user):
    """Marks the code inside as answering `user`'s request (the middleware wraps each request in it)."""
    token = _reader.set(user)
    try:
        yield
    finally:
        _reader.reset(token)


class system_work(ContextDecorator):
    """Marks code that answers to no reader, even inside a request: a service enforcing a rule over every record
    (the view has read what it acts on through the gate), a Celery task, an import's checks, a backup."""

    def __enter__(self):
        self._token = _reader.set(None)
        return self

    def __exit__(self, *exc):
        _reader.reset(self._token)
        return False

    def _recreate_cm(self):
        # A fresh instance per call, so nested and concurrent calls each restore their own reader.
        return type(self)()


class RestrictionMiddleware:
    """Runs each request as a read for its user, so an ungated read of a register is caught (core.restriction)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with reading_for(getattr(request, "user", None) or _anonymous()):
            return self.get_response(request)


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
