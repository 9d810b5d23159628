from functools import cached_property

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import computed_from
from core.api.serializers import RecordSerializer
from programme.models import GovernanceGroup
from raid.choices import Band, MovementKind
from raid.models import MitigationStep, RaidItem, RaidTheme
from raid.scoring import band_of


class MitigationStepSerializer(RecordSerializer):
    class Meta:
        model = MitigationStep
        fields = ["position", "text", "owner", "due_on", "done"]
        read_only_fields = ["position"]


# The shape of `movement`, for the schema. Built with type() because one field is named "from".
MovementSerializer = type(
    "MovementSerializer",
    (serializers.Serializer,),
    {
        "kind": serializers.ChoiceField(choices=MovementKind.choices),
        "from": serializers.IntegerField(allow_null=True, help_text="Score at `since`; null for a new item."),
        "to": serializers.IntegerField(allow_null=True),
        "text": serializers.CharField(help_text='The papers\' wording, e.g. "Score reduced from 20 to 10".'),
    },
)


class RaidItemSerializer(RecordSerializer):
    """A RAID item per DESIGN §5. `score` is derived from the matrix (when written), `band` from the score;
    `mitigation` is the ordered plan and, when written, replaces the plan. `movement` appears when the list is
    asked `?since=`."""

    ref = serializers.RegexField(r"^[RIAD]\d+$", required=False, help_text="Omit to generate the next number.")
    theme = serializers.SlugRelatedField(
        slug_field="name", queryset=RaidTheme.objects.all(), allow_null=True, required=False
    )
    groups = serializers.SlugRelatedField(
        slug_field="code", queryset=GovernanceGroup.objects.all(), many=True, required=False
    )
    band = serializers.SerializerMethodField()
    mitigation = MitigationStepSerializer(source="mitigation_steps", many=True, required=False)
    movement = serializers.SerializerMethodField()

    class Meta:
        model = RaidItem
        fields = [
            "ref",
            "kind",
            "title",
            "description",
            "impact_text",
            "owner",
            "theme",
            "groups",
            "likelihood",
            "impact",
            "score",
            "band",
            "initial_score",
            "target_score",
            "status",
            "raised_on",
            "closed_on",
            "mitigation",
            "classification",
            "movement",
            "version",
        ]
        read_only_fields = ["score", "closed_on", "version"]

    @extend_schema_field(serializers.ChoiceField(choices=Band.choices, allow_null=True))
    @computed_from("score")
    def get_band(self, item) -> str | None:
        # The band follows from the score alone: looked up once per score in a list.
        if item.score not in self.bands_by_score:
            band = band_of(item.score, self.context["bands"])
            self.bands_by_score[item.score] = band.value if band else None
        return self.bands_by_score[item.score]

    @cached_property
    def bands_by_score(self) -> dict[int | None, str | None]:
        return {}

    @extend_schema_field(MovementSerializer(allow_null=True))
    @computed_from("pk")
    def get_movement(self, item) -> dict | None:
        movements = self.context.get("movements")
        if movements is None or item.pk not in movements:
            return None
        return movements[item.pk].as_dict()

    def validate_kind(self, value):
        if self.instance is not None and value != self.instance.kind:
            raise serializers.ValidationError("An item's kind cannot change; raise a new item instead.")
        return value

    def validate_ref(self, value):
        if self.instance is not None and value != self.instance.ref:
            raise serializers.ValidationError("An item's ref cannot change.")
        # Taken is taken, by a Restricted item too.
        if self.instance is None and RaidItem.objects.unrestricted().filter(ref=value).exists():
            raise serializers.ValidationError(f"{value} already exists; refs are never reused.")
        return value

    def validate(self, attrs):
        kind = attrs.get("kind", getattr(self.instance, "kind", None))
        if kind is None:
            raise serializers.ValidationError({"kind": ["This field is required."]})
        return attrs
