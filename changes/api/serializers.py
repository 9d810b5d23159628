from functools import cached_property

from rest_framework import serializers

from changes.choices import Step
from changes.models import ChangeRequest, ImpactResponse
from changes.services import allowed_steps
from core.api.fields import GatedSlugRelatedField, computed_from
from core.api.serializers import RecordSerializer
from programme.models import Constituency, GovernanceGroup, Organisation


class ChangeRequestSerializer(RecordSerializer):
    """A CR as DESIGN §5 names it. Status, stage and latest action are read-only: they move only through
    POST /api/change-requests/<ref>/transitions/<step>/."""

    ref = serializers.RegexField(r"^CR\d{3,}$", required=False, help_text="Omit to generate the next CR number.")
    raiser_organisation = serializers.SlugRelatedField(
        slug_field="name", queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    decision_body = serializers.SlugRelatedField(
        slug_field="code", queryset=GovernanceGroup.objects.all(), allow_null=True, required=False
    )
    mutually_exclusive_with = GatedSlugRelatedField(
        slug_field="ref", queryset=ChangeRequest.objects.all(), many=True, required=False
    )
    ia_constituencies = serializers.SlugRelatedField(
        slug_field="code", queryset=Constituency.objects.all(), many=True, required=False
    )
    allowed_steps = serializers.SerializerMethodField()

    class Meta:
        model = ChangeRequest
        fields = [
            "ref",
            "title",
            "description",
            "raised_by",
            "raiser_organisation",
            "change_type",
            "status",
            "stage",
            "latest_action",
            "decision_body",
            "raised_on",
            "ia_opens_on",
            "ia_closes_on",
            "decided_on",
            "ia_constituencies",
            "implementation_target",
            "implementation_milestone",
            "change_owner",
            "mutually_exclusive_with",
            "classification",
            "allowed_steps",
            "version",
        ]
        read_only_fields = ["status", "stage", "latest_action", "ia_opens_on", "ia_closes_on", "decided_on", "version"]

    @computed_from("stage", "status", "change_type")
    def get_allowed_steps(self, change_request) -> list[str]:
        # The steps follow from the stage, status and type alone: worked out once per combination in a list.
        state = (change_request.stage, change_request.status, change_request.change_type)
        if state not in self.steps_by_state:
            self.steps_by_state[state] = allowed_steps(change_request)
        return list(self.steps_by_state[state])

    @cached_property
    def steps_by_state(self) -> dict[tuple, list[str]]:
        return {}

    def validate_ref(self, value):
        if self.instance is not None:
            if value != self.instance.ref:
                raise serializers.ValidationError("A CR's ref cannot change.")
        # Taken is taken, by a Restricted CR too (PMO alone raise CRs here).
        elif ChangeRequest.objects.unrestricted().filter(ref=value).exists():
            raise serializers.ValidationError(f"{value} already exists; refs are never reused.")
        return value

    def validate(self, attrs):
        # The model's own rules answer as field errors.
        candidate = ChangeRequest(
            **{k: v for k, v in attrs.items() if k not in {"mutually_exclusive_with", "ia_constituencies"}}
        )
        if self.instance is not None:
            candidate.ia_opens_on, candidate.ia_closes_on = self.instance.ia_opens_on, self.instance.ia_closes_on
        candidate.clean()
        return attrs


class TransitionSerializer(serializers.Serializer):
    """The inputs of a lifecycle step; which ones a step needs is in the step's description."""

    ia_opens_on = serializers.DateField(required=False, help_text="issue_ia: defaults to today.")
    ia_closes_on = serializers.DateField(required=False, help_text="issue_ia, reopen_ia: required.")
    decision_body = serializers.SlugRelatedField(
        slug_field="code",
        queryset=GovernanceGroup.objects.all(),
        required=False,
        help_text="approve, reject: group code (e.g. PSG, CB, SRO, OFGEM); defaults to the CR's decision body.",
    )
    decided_on = serializers.DateField(required=False, help_text="approve, reject: defaults to today.")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200)
    version = serializers.IntegerField(required=False, help_text="The version you read; a stale one answers 412.")

    def validate(self, attrs):
        step = self.context["step"]
        if step not in Step.values:
            raise serializers.ValidationError({"step": f"Unknown step; use one of {', '.join(Step.values)}."})
        return attrs


class ImpactResponseSerializer(RecordSerializer):
    """An organisation's IA answer. A party representative may omit `organisation` (their own is implied); the
    comments and impacts of an answer kept for the PMO only are blank to other parties' readers."""

    change_request = GatedSlugRelatedField(slug_field="ref", queryset=ChangeRequest.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        help_text="Omit to answer for your own organisation (a party representative).",
    )
    constituency = serializers.CharField(source="organisation.constituency.code", read_only=True)
    entered_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = ImpactResponse
        fields = [
            "id",
            "change_request",
            "organisation",
            "constituency",
            "response",
            "cost_impact",
            "time_impact",
            "systems_impact",
            "impact_detail",
            "comments",
            "shared",
            "entered_by",
            "on_behalf",
            "responded_at",
            "version",
        ]
        read_only_fields = ["entered_by", "on_behalf", "responded_at", "version"]
        # A second answer from the same organisation revises the first (the service), so no uniqueness check.
        validators = []

    def to_representation(self, answer):
        data = super().to_representation(answer)
        request = self.context.get("request")
        if request is not None and not request.user.has_perm("changes.read_answer_details", answer):
            for name in HIDDEN_UNLESS_SHARED:
                data[name] = ""
        return data


# What a party keeps for the PMO unless it shares its answer.
HIDDEN_UNLESS_SHARED = ("cost_impact", "time_impact", "systems_impact", "impact_detail", "comments")


class ImpactSummaryRowSerializer(serializers.Serializer):
    constituency = serializers.CharField()
    yes = serializers.IntegerField()
    no = serializers.IntegerField()
    abstain = serializers.IntegerField()
    no_reply = serializers.IntegerField()


class ImpactTotalsSerializer(serializers.Serializer):
    yes = serializers.IntegerField()
    no = serializers.IntegerField()
    abstain = serializers.IntegerField()
    no_reply = serializers.IntegerField()


class ImpactSummarySerializer(serializers.Serializer):
    rows = ImpactSummaryRowSerializer(many=True)
    totals = ImpactTotalsSerializer()
