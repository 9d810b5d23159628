from rest_framework import serializers

from core.api.fields import GatedSlugRelatedField
from core.api.serializers import RecordSerializer
from milestones.choices import Rag
from milestones.models import Milestone
from programme.models import GovernanceGroup


class MilestoneSerializer(RecordSerializer):
    """A milestone per DESIGN §5. `rag` is derived (read-only); the PMO override is writable. Moving
    `baseline_on` needs `baseline_change_reference`: an approved CR (CR055) or a decision."""

    forum = serializers.SlugRelatedField(slug_field="code", queryset=GovernanceGroup.objects.all())
    depends_on = GatedSlugRelatedField(slug_field="ref", queryset=Milestone.objects.all(), many=True, required=False)
    rag = serializers.ChoiceField(
        choices=Rag.choices,
        read_only=True,
        allow_blank=True,
        help_text="Derived by the RAG rules; blank until computed.",
    )
    tier = serializers.IntegerField(required=False, min_value=1, max_value=3, help_text="Read from the ref if omitted.")

    class Meta:
        model = Milestone
        fields = [
            "ref",
            "tier",
            "workstream",
            "title",
            "forum",
            "responsible",
            "baseline_on",
            "forecast_on",
            "actual_on",
            "status",
            "rag",
            "rag_override",
            "rag_override_reason",
            "rag_override_until",
            "commentary",
            "depends_on",
            "baseline_change_reference",
            "classification",
            "version",
        ]
        read_only_fields = ["workstream", "rag", "version"]

    def validate_ref(self, value):
        if self.instance is not None and value != self.instance.ref:
            raise serializers.ValidationError("A milestone's ref cannot change.")
        return value
