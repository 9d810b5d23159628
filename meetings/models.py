import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from changes.models import ChangeRequest
from core.history import History
from core.models import ClassifiedModel, GatedModel, VersionedModel
from meetings.choices import (
    ActionStatus,
    AgendaItemType,
    HeadlineStatus,
    MeetingStatus,
    PackKind,
    PackStatus,
    StandingSection,
    VoteChoice,
    suggested_section,
)
from meetings.rag import action_rag
from milestones.models import Milestone
from programme.models import Constituency, GovernanceGroup, Organisation
from raid.models import RaidItem


def meeting_ref(group_code: str, number: str, held_on: datetime.date | None = None) -> str:
    """DAG26, PSG36, DAG20.1 (the extraordinary meeting after DAG20); a meeting whose number the record does
    not give is known by its date, DAG-2024-08-14."""
    return f"{group_code}{number}" if number else f"{group_code}-{held_on:%Y-%m-%d}"


class Meeting(VersionedModel, ClassifiedModel):
    group = models.ForeignKey(GovernanceGroup, on_delete=models.PROTECT, related_name="meetings")
    number = models.CharField(
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d+(\.\d+)?$", 'A meeting number is like "26" or "20.1".')],
        help_text="Blank for a meeting the records do not number: it is then known by its date.",
    )
    ref = models.CharField(max_length=30, unique=True, editable=False)
    title = models.CharField(max_length=255)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    venue = models.CharField(max_length=255, blank=True)
    document_ref = models.CharField(max_length=40, blank=True, help_text="e.g. MHHS-DEL3002")
    document_version = models.CharField(max_length=10, default="1.0")
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    headline_status = models.CharField(max_length=10, choices=HeadlineStatus.choices, default=HeadlineStatus.DRAFT)
    headline_issued_on = models.DateField(null=True, blank=True)
    headline_approved_at = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="approved_headline_reports"
    )
    headline_approved_with_amendments = models.BooleanField(default=False)
    headline_approved_by_correspondence = models.BooleanField(default=False)
    history = History(excluded_fields=["version"])

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "number"], condition=~models.Q(number=""), name="one_meeting_number_per_group"
            )
        ]
        permissions = [
            ("issue_headline_report", "Can issue a meeting's headline report"),
            ("approve_headline_report", "Can approve a headline report at a meeting"),
            ("export_pack", "Can export meeting packs as PDF"),
        ]

    def __str__(self):
        return self.ref

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.ref])

    def save(self, *args, **kwargs):
        self.ref = meeting_ref(self.group.code, self.number, timezone.localtime(self.starts_at).date())
        super().save(*args, **kwargs)

    def classification_dependents(self):
        return (self.actions.all(), self.decisions.all())

    def validate_constraints(self, exclude=None):
        # The database constraint would name itself; the reader needs to know which meeting exists already.
        taken = Meeting.objects.unrestricted().filter(group_id=self.group_id, number=self.number).exclude(pk=self.pk)
        if self.number and self.group_id and taken.exists():
            raise ValidationError({"number": f"{meeting_ref(self.group.code, self.number)} already exists."})
        super().validate_constraints(exclude)

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": "A meeting cannot end before it starts."})

    @property
    def held_on(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()


class AgendaItem(GatedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    objective = models.TextField(blank=True)
    item_type = models.CharField(max_length=12, choices=AgendaItemType.choices, default=AgendaItemType.INFORMATION)
    lead = models.CharField(max_length=200, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(1)])
    standing_section = models.CharField(
        max_length=20,
        choices=StandingSection.choices,
        blank=True,
        help_text="What the pack fills this item's section with; suggested from the title when left blank.",
    )
    history = History()

    restricted_through = ("meeting__classification",)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="one_item_per_position")]

    def __str__(self):
        return f"{self.meeting.ref} item {self.position}: {self.title}"

    def save(self, *args, **kwargs):
        if not self.standing_section:
            self.standing_section = suggested_section(self.title)
        super().save(*args, **kwargs)


class Action(VersionedModel, ClassifiedModel):
    """An action from a meeting (DAG26-01). Status and latest update change through meetings.services."""

    ref = models.CharField(
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[A-Z][A-Za-z0-9]*\d+(\.\d+)?-\d{2,}$", "An action ref is like DAG26-01.")],
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    area = models.CharField(max_length=200, blank=True)
    description = models.TextField()
    owner = models.CharField(max_length=200)
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    raised_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    due_text = models.CharField(max_length=60, blank=True, help_text='When no date is set, e.g. "ASAP".')
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN, db_index=True)
    latest_update = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_at = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="closed_actions"
    )
    change_requests = models.ManyToManyField(ChangeRequest, blank=True, related_name="actions")
    raid_items = models.ManyToManyField(RaidItem, blank=True, related_name="actions")
    milestones = models.ManyToManyField(Milestone, blank=True, related_name="actions")
    history = History(excluded_fields=["version"])

    class Meta:
        ordering = ["meeting__starts_at", "ref"]
        # The most urgent actions (the dashboard's overdue and due-soon panel, the register's due filters) are read
        # in due-date order.
        indexes = [models.Index(fields=["due_on", "ref"], name="meetings_action_due_on_ref")]

    def __str__(self):
        return self.ref

    def get_absolute_url(self):
        return reverse("meetings:action-detail", args=[self.ref])

    def clean(self):
        if self.raised_on and self.due_on and self.due_on < self.raised_on:
            raise ValidationError({"due_on": "An action cannot be due before it was raised."})

    def rag(self, today: datetime.date | None = None) -> str | None:
        return action_rag(self.status, self.due_on, today)

    def classification_sources(self):
        return (self.meeting,)


class ActionUpdate(models.Model):
    """One dated entry of an action's log."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    text = models.TextField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    author = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["action", "on", "pk"]

    def __str__(self):
        return f"{self.action.ref} {self.on}"


class Decision(ClassifiedModel):
    """A decision (DAG-DEC55): numbered across all the group's meetings."""

    ref = models.CharField(
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[A-Z][A-Z0-9]*-DEC\d+$", "A decision ref is like DAG-DEC55.")],
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    area = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    decided_by = models.CharField(
        max_length=200, blank=True, help_text='e.g. "DAG", "Chair with delegated SRO authority", "SRO".'
    )
    change_request = models.ForeignKey(
        ChangeRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    history = History()

    class Meta:
        ordering = ["meeting__starts_at", "pk"]

    def __str__(self):
        return self.ref

    def get_absolute_url(self):
        return reverse("meetings:decision-detail", args=[self.ref])

    def classification_sources(self):
        # Its text and its link name the meeting and the CR it decides.
        return (self.meeting, self.change_request)


class VoteRound(GatedModel):
    """A vote the chair opens on a subject (a CR, a decision) at a meeting or by correspondence until `closes_at`;
    each constituency's representative casts their seat's Vote in it. Closing stores the tally and its wording."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="vote_rounds")
    subject = models.CharField(max_length=100, help_text='What is voted on, e.g. "CR018".')
    change_request = models.ForeignKey(
        ChangeRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="vote_rounds"
    )
    by_correspondence = models.BooleanField(default=False)
    opened_by = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text="Blank: the vote closes when the chair closes it."
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    approve = models.PositiveSmallIntegerField(default=0)
    reject = models.PositiveSmallIntegerField(default=0)
    abstain = models.PositiveSmallIntegerField(default=0)
    absent = models.PositiveSmallIntegerField(default=0)
    tally_text = models.CharField(max_length=255, blank=True)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="vote_rounds")
    history = History()

    restricted_through = ("meeting__classification",)

    class Meta:
        ordering = ["meeting", "-opened_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "subject"], name="one_vote_round_per_subject")]
        permissions = [("vote_for_constituency", "Can vote for their constituency in a vote round")]

    def __str__(self):
        return f"{self.meeting.ref} vote on {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def accepts_votes(self, now: datetime.datetime | None = None) -> bool:
        """Open, and not past its closing time (a vote by correspondence closes at `closes_at`)."""
        return self.is_open and (self.closes_at is None or (now or timezone.now()) < self.closes_at)


class Vote(GatedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    subject = models.CharField(max_length=100, help_text='What was voted on, e.g. "CR018".')
    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="votes")
    vote = models.CharField(max_length=10, choices=VoteChoice.choices)
    # Null for a vote the chair recorded from what was said; else the round its representative cast it in.
    round = models.ForeignKey(VoteRound, on_delete=models.PROTECT, null=True, blank=True, related_name="votes")
    history = History()

    restricted_through = ("meeting__classification",)

    class Meta:
        ordering = ["meeting", "subject", "constituency__position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "subject", "constituency"], name="one_vote_per_seat_and_subject")
        ]

    def __str__(self):
        return f"{self.meeting.ref} {self.subject}: {self.constituency} {self.get_vote_display()}"


class DiscussionItem(GatedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="discussion_items")
    position = models.PositiveSmallIntegerField(default=0)
    area = models.CharField(max_length=200)
    text = models.TextField()
    history = History()

    restricted_through = ("meeting__classification",)

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return f"{self.meeting.ref}: {self.area}"


def pack_path(pack: "MeetingPack", filename: str) -> str:
    return f"packs/{pack.meeting.group.code}/{filename}"


class MeetingPack(ClassifiedModel):
    """One rendered version of a meeting's papers or headline report, as a PDF.

    Versions run 1.0, 1.1, … per meeting, kind and classification; `section_digests` keeps a hash of each
    section so a later version can mark what changed since 1.0."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="packs")
    kind = models.CharField(max_length=20, choices=PackKind.choices)
    minor = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=PackStatus.choices, default=PackStatus.QUEUED, db_index=True)
    error = models.TextField(blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to=pack_path, blank=True)
    checksum = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the PDF.")
    section_digests = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    # The moment the paper states: every status, RAG and "overdue" in it is read as it stood then, so rendering it
    # again later gives the same paper (meetings.packs.paper_moment).
    as_of = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)

    # A pack of a meeting made Restricted after it was rendered Public is hidden with the meeting.
    restricted_through = ("classification", "meeting__classification")

    class Meta:
        ordering = ["meeting", "kind", "-minor"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind", "classification", "minor"], name="one_pack_per_version")
        ]

    def __str__(self):
        return f"{self.meeting.ref} {self.get_kind_display()} v{self.version}"

    @property
    def version(self) -> str:
        return f"1.{self.minor}"

    def classification_sources(self):
        # Packs of a meeting made Restricted later are not tightened (a Public and a Restricted version may both
        # exist); the read gate checks their meeting as well.
        return (self.meeting,)

    def filename(self) -> str:
        suffix = "" if self.classification == "public" else f"-{self.classification}"
        return f"{self.meeting.ref}-{self.kind.replace('_', '-')}-v{self.version}{suffix}.pdf"

    def get_download_url(self) -> str:
        return reverse("meetings:pack-download", args=[self.pk])


class PackDownload(models.Model):
    """Who downloaded which version of a pack, and when: a later version's notice names the sections changed since
    the version each person last downloaded (MeetingPack.section_digests)."""

    user = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="pack_downloads")
    pack = models.ForeignKey(MeetingPack, on_delete=models.CASCADE, related_name="downloads")
    downloaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-downloaded_at", "-pk"]
        indexes = [models.Index(fields=["user", "pack"])]

    def __str__(self):
        return f"{self.user} downloaded {self.pack} at {self.downloaded_at:%Y-%m-%d %H:%M}"
