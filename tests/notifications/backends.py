"""Email backends that fail as mail servers do, for the retry and bounce tests."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

attempts: list[str] = []


class DownBackend(BaseEmailBackend):
    """The server cannot be reached: worth another try."""

    def send_messages(self, email_messages):
        attempts.extend(message.to[0] for message in email_messages)
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingBackend(BaseEmailBackend):
    """The server refuses the address for good (550)."""

    def send_messages(self, email_messages):
        attempts.extend(message.to[0] for message in email_messages)
        recipients = {message.to[0]: (550, b"5.1.1 No such user") for message in email_messages}
        raise smtplib.SMTPRecipientsRefused(recipients)
