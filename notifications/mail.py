"""Email: each message has a text and an HTML part (templates/emails/), absolute links to the records, and a
signed one-click link to unsubscribe from the kinds it carries (List-Unsubscribe, RFC 8058)."""

import smtplib

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from notifications.choices import Kind

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


class PermanentFailure(Exception):
    """The server refused the address for good (a 5xx answer): it bounced, and retrying will not help."""


def absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}" if path else settings.SITE_URL


def unsubscribe_token(user, kinds) -> str:
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign_object({"u": user.pk, "k": sorted(set(kinds))})


def read_unsubscribe_token(token: str) -> tuple[int, list[str]]:
    """(user id, kinds) from a token; raises signing.BadSignature (forged) or signing.SignatureExpired."""
    data = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).unsign_object(
        token, max_age=settings.NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE
    )
    user_id, kinds = (data.get("u"), data.get("k")) if isinstance(data, dict) else (None, None)
    if not isinstance(user_id, int) or not isinstance(kinds, list) or not kinds or set(kinds) - set(Kind.values):
        raise signing.BadSignature("The link does not name a person and what to stop.")
    return user_id, kinds


def build(user, address: str, subject: str, notifications, digest: str = "") -> EmailMultiAlternatives:
    """One email to `address` listing `notifications` (one, or a digest's)."""
    kinds = [notification.kind for notification in notifications]
    unsubscribe_url = absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(user, kinds)]))
    context = {
        "user": user,
        "subject": subject,
        "digest": digest,
        "items": [
            {
                "subject": n.subject,
                "body": n.body,
                "url": absolute(n.url) if n.url else "",
                "kind": n.get_kind_display(),
            }
            for n in notifications
        ],
        "kinds": [Kind(kind).label for kind in dict.fromkeys(kinds)],
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": absolute(reverse("notifications:preferences")),
        "inbox_url": absolute(reverse("notifications:inbox")),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("emails/notification.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("emails/notification.html", context), "text/html")
    return message


def send(message: EmailMultiAlternatives) -> None:
    """Sends through the configured backend; a refusal of the address for good raises PermanentFailure, anything
    else (a connection refused, a 4xx) is raised as it is, for a retry."""
    try:
        message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as refused:
        codes = [code for code, _ in refused.recipients.values()]
        if codes and all(code >= 500 for code in codes):
            raise PermanentFailure(_describe(refused.recipients)) from refused
        raise
    except smtplib.SMTPDataError as refused:
        if refused.smtp_code >= 500:
            raise PermanentFailure(f"{refused.smtp_code} {_text(refused.smtp_error)}") from refused
        raise


def _describe(recipients: dict) -> str:
    return "; ".join(f"{address}: {code} {_text(reply)}" for address, (code, reply) in recipients.items())


def _text(reply) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
