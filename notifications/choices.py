from django.db import models


class Kind(models.TextChoices):
    """What a notification is about; each person chooses per kind how often email comes (Preference)."""

    IA_ISSUED = "ia_issued", "Impact assessment issued to your organisation"
    IA_CLOSING = "ia_closing", "Impact assessment closing without your organisation's answer"
    ACTION_ASSIGNED = "action_assigned", "Action assigned to you or your organisation"
    ACTIONS_DUE = "actions_due", "Your actions due soon or overdue"
    PAPERS_PUBLISHED = "papers_published", "Papers published for a group you follow"
    CR_DECIDED = "cr_decided", "Decision on a change request you raised or answered"
    VOTE_OPENED = "vote_opened", "Vote opened for your constituency"
    HEADLINE_ISSUED = "headline_issued", "Headline report issued"


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately"
    DAILY = "daily", "Daily digest"
    WEEKLY = "weekly", "Weekly digest"
    OFF = "off", "Off"


# Without a stored choice: at once, except the action reminders, which are a weekly digest by nature.
DEFAULT_FREQUENCY = {kind: Frequency.IMMEDIATELY for kind in Kind} | {Kind.ACTIONS_DUE: Frequency.WEEKLY}
DIGESTS = (Frequency.DAILY, Frequency.WEEKLY)


class Channel(models.TextChoices):
    EMAIL = "email", "Email"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    BOUNCED = "bounced", "Bounced"
    SKIPPED = "skipped", "Skipped"
