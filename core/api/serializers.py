"""The base of the registers' serializers."""

from rest_framework import serializers
from rest_framework.validators import UniqueTogetherValidator, UniqueValidator

from core.restriction import RestrictedManager, RestrictedQuerySet


def _every_row(queryset):
    is_gated = isinstance(queryset, RestrictedManager | RestrictedQuerySet)
    return queryset.unrestricted() if is_gated else queryset


class RecordSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose uniqueness checks see every record: a ref or a position taken by a Restricted record
    is taken (system work, core.restriction), though the record itself is never shown."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            for validator in field.validators:
                if isinstance(validator, UniqueValidator):
                    validator.queryset = _every_row(validator.queryset)
        return fields

    def get_validators(self):
        validators = super().get_validators()
        for validator in validators:
            if isinstance(validator, UniqueTogetherValidator):
                validator.queryset = _every_row(validator.queryset)
        return validators
