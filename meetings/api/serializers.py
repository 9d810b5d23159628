import datetime
from functools import cached_property

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from changes.choices import Step
from changes.models import ChangeRequest
from core.api.fields import GatedSlugRelatedField, computed_from, reader_of, through_gate
from core.api.serializers import RecordSerializer
from meetings.choices import UPDATE_STATUSES, PackStatus, VoteChoice
from meetings.models import Action, AgendaItem, Decision, DiscussionItem, Meeting, MeetingPack, Vote, VoteRound
from meetings.rag import action_rag
from meetings.selectors import agenda_starts, round_tally, visible_change_request, visible_meeting
from milestones.models import Milestone
from programme.models import Constituency, GovernanceGroup, Organisation
from raid.models import RaidItem


class MeetingSerializer(RecordSerializer):
    group = serializers.SlugRelatedField(slug_field="code", queryset=GovernanceGroup.objects.all())
    version = serializers.CharField(
        source="document_version", required=False, help_text='Document version, e.g. "1.3".'
    )
    headline_approved_at = serializers.SerializerMethodField(
        help_text="The meeting that approved the headline report; null when the reader may not see that meeting."
    )

    class Meta:
        model = Meeting
        fields = [
            "ref",
            "group",
            "number",
            "title",
            "starts_at",
            "ends_at",
            "venue",
            "classification",
            "document_ref",
            "version",
            "status",
            "headline_status",
            "headline_issued_on",
            "headline_approved_at",
            "headline_approved_with_amendments",
            "headline_approved_by_correspondence",
        ]
        read_only_fields = [
            "ref",
            "headline_status",
            "headline_issued_on",
            "headline_approved_with_amendments",
            "headline_approved_by_correspondence",
        ]
        extra_kwargs = {"title": {"required": False}}
        # One meeting per group and number: refused by the service with a clear message.
        validators = []

    def get_headline_approved_at(self, meeting) -> str | None:
        request = self.context.get("request")
        approved_at = visible_meeting(meeting.headline_approved_at, request.user if request else None)
        return approved_at.ref if approved_at else None

    def validate(self, attrs):
        if self.instance is not None:
            for name in ("group", "number"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError(
                        {name: ["A meeting's group and number make its ref: they cannot change."]}
                    )
        return attrs


class AgendaItemSerializer(RecordSerializer):
    meeting = GatedSlugRelatedField(slug_field="ref", queryset=Meeting.objects.all())
    starts_at = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "position",
            "title",
            "objective",
            "item_type",
            "lead",
            "duration_minutes",
            "standing_section",
            "starts_at",
        ]

    def get_starts_at(self, item) -> str | None:
        """The meeting's start plus the durations before the item (a list preloads its meetings' agendas)."""
        schedules = self.context.setdefault("schedules", {})
        if item.meeting_id not in schedules:
            schedules.update(agenda_starts([item.meeting], reader_of(self.context)))
        starts_at = schedules.get(item.meeting_id, {}).get(item.pk)
        return starts_at.isoformat() if starts_at else None


class ActionSerializer(RecordSerializer):
    ref = serializers.RegexField(r"^[A-Z][A-Za-z0-9]*\d+(\.\d+)?-\d{2,}$", required=False)
    meeting = GatedSlugRelatedField(slug_field="ref", queryset=Meeting.objects.all())
    owner_organisation = serializers.SlugRelatedField(
        slug_field="name", queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    change_requests = GatedSlugRelatedField(
        slug_field="ref", queryset=ChangeRequest.objects.all(), many=True, required=False
    )
    raid_items = GatedSlugRelatedField(slug_field="ref", queryset=RaidItem.objects.all(), many=True, required=False)
    milestones = GatedSlugRelatedField(slug_field="ref", queryset=Milestone.objects.all(), many=True, required=False)
    rag = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = [
            "ref",
            "meeting",
            "area",
            "description",
            "owner",
            "owner_organisation",
            "raised_on",
            "due_on",
            "due_text",
            "status",
            "latest_update",
            "rag",
            "closed_on",
            "change_requests",
            "raid_items",
            "milestones",
            "classification",
            "version",
        ]
        read_only_fields = ["status", "latest_update", "closed_on", "version"]
        extra_kwargs = {"raised_on": {"required": False}}

    @computed_from("status", "due_on")
    def get_rag(self, action) -> str | None:
        return action_rag(action.status, action.due_on, self.today)

    @cached_property
    def today(self) -> datetime.date:
        # Read once for the whole list, not once per action.
        return timezone.localdate()

    def validate(self, attrs):
        if self.instance is not None:
            for name in ("ref", "meeting"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError({name: [f"An action's {name} cannot change."]})
        return attrs


class ActionUpdateInputSerializer(serializers.Serializer):
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=[(s.value, s.label) for s in UPDATE_STATUSES], required=False)


class DecisionSerializer(RecordSerializer):
    ref = serializers.RegexField(r"^[A-Z][A-Z0-9]*-DEC\d+$", required=False)
    meeting = GatedSlugRelatedField(slug_field="ref", queryset=Meeting.objects.all())
    change_request = GatedSlugRelatedField(
        slug_field="ref", queryset=ChangeRequest.objects.all(), allow_null=True, required=False
    )
    change_request_step = serializers.ChoiceField(
        choices=[Step.APPROVE, Step.REJECT],
        write_only=True,
        required=False,
        help_text="approve / reject: decides the change request in the same transaction.",
    )

    class Meta:
        model = Decision
        fields = [
            "ref",
            "meeting",
            "area",
            "text",
            "decided_by",
            "change_request",
            "change_request_step",
            "classification",
        ]
        extra_kwargs = {"classification": {"required": False}}

    def validate(self, attrs):
        if attrs.get("change_request_step") and not attrs.get("change_request"):
            raise serializers.ValidationError({"change_request": ["Name the change request this decision decides."]})
        return attrs


@extend_schema_field(OpenApiTypes.INT)
class GatedRoundField(serializers.PrimaryKeyRelatedField):
    """A vote round by its id, among those the reader may see."""

    def get_queryset(self):
        return through_gate(VoteRound.objects.all(), self.context)


class VoteSerializer(RecordSerializer):
    meeting = GatedSlugRelatedField(slug_field="ref", queryset=Meeting.objects.all())
    constituency = serializers.SlugRelatedField(slug_field="code", queryset=Constituency.objects.all())
    round = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The vote round it was cast in; null for a vote the chair recorded."
    )

    class Meta:
        model = Vote
        fields = ["id", "meeting", "subject", "constituency", "vote", "round"]
        # A seat's second vote on a subject replaces its first (the service).
        validators = []


class TallySerializer(serializers.Serializer):
    subject = serializers.CharField()
    approve = serializers.IntegerField()
    reject = serializers.IntegerField()
    abstain = serializers.IntegerField()
    absent = serializers.IntegerField()
    text = serializers.CharField()


class VoteCastSerializer(serializers.Serializer):
    """A constituency representative's vote: in `round`, or in the round on `subject` at `meeting`; for their own
    constituency, implied when omitted."""

    round = GatedRoundField(required=False, help_text="The vote round's id; or give meeting and subject.")
    meeting = GatedSlugRelatedField(slug_field="ref", queryset=Meeting.objects.all(), required=False)
    subject = serializers.CharField(required=False, max_length=100)
    constituency = serializers.SlugRelatedField(
        slug_field="code", queryset=Constituency.objects.all(), required=False, help_text="Your own; may be omitted."
    )
    vote = serializers.ChoiceField(choices=VoteChoice.choices)

    def validate(self, attrs):
        if "round" not in attrs and not ("meeting" in attrs and attrs.get("subject")):
            raise serializers.ValidationError({"round": ["Give the vote round, or the meeting and the subject."]})
        return attrs


class VoteRoundSerializer(serializers.ModelSerializer):
    meeting = serializers.SlugRelatedField(slug_field="ref", read_only=True)
    change_request = serializers.SerializerMethodField(
        help_text="The CR voted on; null when none, or when the reader may not see it."
    )
    decision = serializers.SlugRelatedField(slug_field="ref", read_only=True, allow_null=True)
    is_open = serializers.BooleanField(read_only=True)
    tally = serializers.SerializerMethodField(help_text="Live while open; stored at the close.")

    class Meta:
        model = VoteRound
        fields = [
            "id",
            "meeting",
            "subject",
            "change_request",
            "by_correspondence",
            "opened_at",
            "closes_at",
            "is_open",
            "closed_at",
            "tally",
            "decision",
        ]

    def get_change_request(self, vote_round) -> str | None:
        change_request = visible_change_request(vote_round, reader_of(self.context))
        return change_request.ref if change_request is not None else None

    @extend_schema_field(TallySerializer)
    def get_tally(self, vote_round) -> dict:
        return round_tally(vote_round).as_dict()


class VoteRoundOpenSerializer(serializers.Serializer):
    subject = serializers.CharField(required=False, allow_blank=True, max_length=100)
    change_request = GatedSlugRelatedField(
        slug_field="ref", queryset=ChangeRequest.objects.all(), required=False, allow_null=True
    )
    closes_at = serializers.DateTimeField(required=False, allow_null=True, help_text="Set: a vote by correspondence.")
    by_correspondence = serializers.BooleanField(required=False, allow_null=True, default=None)

    def validate(self, attrs):
        if not attrs.get("subject") and not attrs.get("change_request"):
            raise serializers.ValidationError({"subject": ["Say what is voted on, or give the change request."]})
        return attrs


class VoteRoundCloseSerializer(serializers.Serializer):
    record_decision = serializers.BooleanField(default=False)
    decision_text = serializers.CharField(required=False, allow_blank=True, default="")
    area = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    change_request_step = serializers.ChoiceField(
        choices=[Step.APPROVE, Step.REJECT],
        required=False,
        allow_null=True,
        default=None,
        help_text="With record_decision on a CR's vote: approve / reject decides the CR in the same transaction.",
    )


class DiscussionItemSerializer(RecordSerializer):
    meeting = GatedSlugRelatedField(slug_field="ref", queryset=Meeting.objects.all())

    class Meta:
        model = DiscussionItem
        fields = ["id", "meeting", "position", "area", "text"]


class IssueHeadlineSerializer(serializers.Serializer):
    issued_on = serializers.DateField()


class ApproveHeadlineSerializer(serializers.Serializer):
    at_meeting = GatedSlugRelatedField(slug_field="ref", queryset=Meeting.objects.all())
    with_amendments = serializers.BooleanField(default=False)
    by_correspondence = serializers.BooleanField(default=False)


class MeetingPackSerializer(RecordSerializer):
    meeting = GatedSlugRelatedField(slug_field="ref", queryset=Meeting.objects.all())
    version = serializers.CharField(read_only=True)
    file = serializers.SerializerMethodField(help_text="Download URL of the PDF once ready (permission-checked).")
    requested_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = MeetingPack
        fields = [
            "id",
            "meeting",
            "kind",
            "version",
            "classification",
            "status",
            "error",
            "pages",
            "file",
            "checksum",
            "requested_by",
            "requested_at",
            "rendered_at",
            "render_seconds",
        ]
        read_only_fields = ["status", "error", "pages", "checksum", "requested_at", "rendered_at", "render_seconds"]
        extra_kwargs = {"classification": {"required": False}}
        validators = []

    def get_file(self, pack) -> str | None:
        if pack.status != PackStatus.READY or not pack.file:
            return None
        request = self.context.get("request")
        url = pack.get_download_url()
        return request.build_absolute_uri(url) if request else url
