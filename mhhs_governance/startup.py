"""What the processes that serve (the web app, the Celery worker) check before they take a request or a task."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def secret_key_refusal() -> str | None:
    """Why the configured SECRET_KEY must not sign anything, or None when it may."""
    if settings.DEBUG:
        return None
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        key = ""
    if not key:
        problem = "SECRET_KEY is not set"
    elif key in settings.PUBLISHED_SECRET_KEYS:
        problem = "SECRET_KEY is a published development key"
    else:
        return None
    return (
        f"{problem} and DEBUG is off: refusing to start. Set SECRET_KEY in the environment (or in .env beside "
        "manage.py) to a long random value, e.g. the output of "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'; or set DEBUG=true for local development."
    )


def refuse_to_serve_unsafely() -> None:
    refusal = secret_key_refusal()
    if refusal:
        raise ImproperlyConfigured(refusal)
