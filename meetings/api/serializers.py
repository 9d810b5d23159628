from rest_framework import serializers

from changes.choices import Step
from changes.models import ChangeRequest
from core.api.fields import GatedSlugRelatedField, reader_of
from core.api.serializers import RecordSerializer
from meetings.choices import UPDATE_STATUSES, PackStatus
from meetings.models import Action, AgendaItem, Decision, DiscussionItem, Meeting, MeetingPack, Vote
from meetings.rag import action_rag
from meetings.selectors import agenda_starts, visible_meeting
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

    def get_rag(self, action) -> str | None:
        return action.rag()

    def lean_rag(self, row) -> str | None:
        return action_rag(row["status"], row["due_on"])

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


class VoteSerializer(RecordSerializer):
    meeting = GatedSlugRelatedField(slug_field="ref", queryset=Meeting.objects.all())
    constituency = serializers.SlugRelatedField(slug_field="code", queryset=Constituency.objects.all())

    class Meta:
        model = Vote
        fields = ["id", "meeting", "subject", "constituency", "vote"]
        # A seat's second vote on a subject replaces its first (the service).
        validators = []


class TallySerializer(serializers.Serializer):
    subject = serializers.CharField()
    approve = serializers.IntegerField()
    reject = serializers.IntegerField()
    abstain = serializers.IntegerField()
    absent = serializers.IntegerField()
    text = serializers.CharField()


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
