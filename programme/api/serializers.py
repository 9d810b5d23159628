from rest_framework import serializers

from core.api.serializers import RecordSerializer
from programme.models import Constituency, GovernanceGroup, Organisation


class ConstituencySerializer(RecordSerializer):
    class Meta:
        model = Constituency
        fields = ["code", "name", "description", "version"]


class OrganisationSerializer(RecordSerializer):
    constituency = serializers.SlugRelatedField(slug_field="code", queryset=Constituency.objects.all())

    class Meta:
        model = Organisation
        fields = ["id", "name", "constituency", "active", "version"]


class GovernanceGroupSerializer(RecordSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code", queryset=GovernanceGroup.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = GovernanceGroup
        fields = ["code", "name", "level", "parent", "chair", "description", "active", "version"]

    def validate(self, attrs):
        # The model's own rules (no cycles, parent above child) answer as field errors, not a 500.
        candidate = GovernanceGroup(**{**self._current_values(), **attrs})
        candidate.clean()
        return attrs

    def _current_values(self):
        if self.instance is None:
            return {}
        return {"pk": self.instance.pk, "level": self.instance.level, "parent": self.instance.parent}
