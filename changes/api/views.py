from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from changes import selectors, services
from changes.api.permissions import AnswerPermissions
from changes.api.serializers import (
    ChangeRequestSerializer,
    ImpactResponseSerializer,
    ImpactSummarySerializer,
    TransitionSerializer,
)
from changes.choices import Step
from changes.filtersets import ChangeRequestFilterSet, ImpactResponseFilterSet
from core.api.views import RecordViewSet, parse_if_match
from programme.rules import organisation_of


class ChangeRequestViewSet(RecordViewSet):
    serializer_class = ChangeRequestSerializer
    lean_list = True
    filterset_class = ChangeRequestFilterSet
    lookup_field = "ref"

    def get_queryset(self):
        return selectors.change_requests(self.request.user).order_by("-ref")

    def perform_create(self, serializer):
        serializer.instance = services.change_request_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        data = {name: value for name, value in serializer.validated_data.items() if name != "ref"}
        serializer.instance = services.change_request_edit(
            change_request=serializer.instance,
            actor=self.request.user,
            expected_version=parse_if_match(self.request.headers.get("If-Match")),
            **data,
        )

    @extend_schema(
        request=TransitionSerializer,
        responses={200: ChangeRequestSerializer},
        parameters=[OpenApiParameter("step", OpenApiTypes.STR, OpenApiParameter.PATH, enum=Step.values)],
        description="Moves the CR one step through change control. Illegal steps answer 400 with the reason; "
        "a stale `version` (or If-Match) answers 412. Approving rejects its mutually exclusive CRs.",
    )
    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<step>[a-z_]+)")
    def transitions(self, request, ref=None, step=None, **kwargs):
        if not request.user.has_perm("changes.change_changerequest"):
            raise PermissionDenied("Only PMO can move a change request through change control.")
        change_request = self.get_object()
        inputs = TransitionSerializer(data=request.data, context={"step": step})
        inputs.is_valid(raise_exception=True)
        data = dict(inputs.validated_data)
        expected = data.pop("version", None)
        if expected is None:
            expected = parse_if_match(request.headers.get("If-Match"))
        services.change_request_transition(
            change_request=change_request, step=step, actor=request.user, expected_version=expected, **data
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=change_request.pk)).data)

    @extend_schema(responses={200: ImpactSummarySerializer})
    @action(detail=True, methods=["get"], url_path="impact-summary")
    def impact_summary(self, request, ref=None, **kwargs):
        """Yes / No / Abstain / No reply per constituency, and totals, as the pack's table."""
        return Response(selectors.impact_summary(self.get_object()).as_dict())


class ImpactResponseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """IA answers. POST records an organisation's answer, revising its earlier one for the same CR: a party
    representative's for their own organisation (`organisation` may be omitted), the PMO's for any (marked as
    entered on the party's behalf). PATCH or PUT revises an answer while the window is open. Another organisation's
    answer is refused 403; an answer outside the IA window 400, naming the window's dates."""

    serializer_class = ImpactResponseSerializer
    filterset_class = ImpactResponseFilterSet
    permission_classes = [AnswerPermissions]

    def get_queryset(self):
        return selectors.impact_responses(self.request.user).order_by("change_request__ref", "organisation__name")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        change_request = data.pop("change_request")
        visible = selectors.change_requests(request.user).filter(pk=change_request.pk).exists()
        if not visible:
            raise PermissionDenied("You cannot answer for this change request.")
        party = data.get("organisation") or organisation_of(request.user)
        answers = self.get_queryset().filter(change_request=change_request, organisation=party)
        existed = party is not None and answers.exists()
        answer = services.impact_response_submit(change_request=change_request, actor=request.user, **data)
        return Response(
            self.get_serializer(answer).data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        )

    def update(self, request, *args, **kwargs):
        answer = self.get_object()
        serializer = self.get_serializer(answer, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        for name, held in (("change_request", answer.change_request), ("organisation", answer.organisation)):
            if name in data and data.pop(name) != held:
                raise ValidationError({name: [f"An answer's {name.replace('_', ' ')} cannot change."]})
        revised = services.impact_response_submit(
            change_request=answer.change_request,
            organisation=answer.organisation,
            actor=request.user,
            expected_version=parse_if_match(request.headers.get("If-Match")),
            response=data.pop("response", answer.response),
            comments=data.pop("comments", answer.comments),
            **data,
        )
        return Response(self.get_serializer(revised).data)
