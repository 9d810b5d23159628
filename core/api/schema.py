"""The OpenAPI schema's operations, with the error answers each can give documented next to its success, and the
`as_of` parameter of every list and record that reads the past."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from core import clock
from core.api.views import AsOfMixin

# DRF's error bodies: field errors by name, a `detail` message, or (rarely) a list of messages.
ERROR_BODY = {
    "oneOf": [
        {"type": "object", "additionalProperties": {}},
        {"type": "array", "items": {"type": "string"}},
    ]
}
ERRORS = {
    "400": "Refused: what was wrong, by field, or in `detail`.",
    "401": "No valid credentials: send `Authorization: Token <key>` (or a signed-in session).",
    "403": "Signed in, but the role may not do this.",
    "404": "No such record, or one the reader may not see; or a page past the last.",
    "412": "The record changed since the version named by If-Match (or `version`): reload it, then write again.",
}

AS_OF = OpenApiParameter(
    clock.AS_OF,
    OpenApiTypes.STR,
    description="Read the records as they stood at a moment: a date (YYYY-MM-DD: the end of that day), an ISO 8601 "
    "date-time, or a meeting ref (`PSG36`: when its papers were issued, or its start where none were). Filters "
    "select by the values as they stood then.",
)


class GovernanceAutoSchema(AutoSchema):
    """drf-spectacular documents only the success answer; clients (and the API fuzzing in CI) need the refusals
    too, which every operation can give through the exception handler."""

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if isinstance(self.view, AsOfMixin) and getattr(self.view, "action", None) in ("list", "retrieve"):
            parameters = [AS_OF, *parameters]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            responses.setdefault(
                code, {"content": {"application/json": {"schema": ERROR_BODY}}, "description": ERRORS[code]}
            )
        return responses

    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403", "404"]
        # Writes to an existing record are checked against its version.
        if self.method in {"PUT", "PATCH"} or (self.method == "POST" and "{" in self.path):
            codes.append("412")
        return codes
