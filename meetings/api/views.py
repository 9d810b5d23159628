from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from core.api.permissions import RolePermissions
from core.api.views import AsOfMixin, RecordViewSet, parse_if_match
from core.exceptions import WorkflowError
from meetings import selectors, services
from meetings.api.serializers import (
    ActionSerializer,
    ActionUpdateInputSerializer,
    AgendaItemSerializer,
    ApproveHeadlineSerializer,
    DecisionSerializer,
    DiscussionItemSerializer,
    IssueHeadlineSerializer,
    MeetingPackSerializer,
    MeetingSerializer,
    TallySerializer,
    VoteCastSerializer,
    VoteRoundCloseSerializer,
    VoteRoundOpenSerializer,
    VoteRoundSerializer,
    VoteSerializer,
)
from meetings.filtersets import ActionFilterSet, DecisionFilterSet, MeetingFilterSet
from meetings.models import AgendaItem, DiscussionItem, Vote


class PackPermissions(RolePermissions):
    """Reading packs is viewing meetings; generating one is the export permission Chairs and PMO hold."""

    perms_map = {**RolePermissions.perms_map, "POST": ["meetings.export_pack"]}


def _require(request, permission: str, doing: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied(f"Your role cannot {doing}.")


class MeetingViewSet(RecordViewSet):
    serializer_class = MeetingSerializer
    action_permissions = {
        "votes": ["meetings.view_meeting"],
        # Reading rounds is reading the meeting; opening one needs meetings.add_vote (checked on POST).
        "vote_rounds": ["meetings.view_meeting"],
        "close_vote_round": ["meetings.add_vote"],
        "issue_headline_report": ["meetings.issue_headline_report"],
        "approve_headline_report": ["meetings.approve_headline_report"],
    }
    filterset_class = MeetingFilterSet
    lookup_field = "ref"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return selectors.meetings(self.request.user).order_by("-starts_at")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.meeting_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        serializer.instance = services.meeting_edit(
            meeting=serializer.instance,
            actor=self.request.user,
            expected_version=parse_if_match(self.request.headers.get("If-Match")),
            **serializer.validated_data,
        )

    @extend_schema(responses={200: TallySerializer(many=True)}, filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def votes(self, request, ref=None, **kwargs):
        """The tally per subject: approve / reject / abstain / absent, and the wording."""
        return Response([row.as_dict() for row in selectors.tally(self.get_object(), request.user)])

    @extend_schema(methods=["GET"], request=None, responses={200: VoteRoundSerializer(many=True)}, filters=False)
    @extend_schema(methods=["POST"], request=VoteRoundOpenSerializer, responses={201: VoteRoundSerializer})
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="vote-rounds",
        pagination_class=None,
        filter_backends=[],
    )
    def vote_rounds(self, request, ref=None, **kwargs):
        """GET: the meeting's vote rounds with their tallies. POST (Chair, PMO): opens a vote on `subject` (or
        the `change_request`), at the meeting or by correspondence until `closes_at`."""
        meeting = self.get_object()
        if request.method == "GET":
            rows = [row.round for row in selectors.vote_rounds(meeting, request.user)]
            return Response(VoteRoundSerializer(rows, many=True, context=self.get_serializer_context()).data)
        _require(request, "meetings.add_vote", "open a vote")
        inputs = VoteRoundOpenSerializer(data=request.data, context=self.get_serializer_context())
        inputs.is_valid(raise_exception=True)
        vote_round = services.vote_round_open(meeting=meeting, actor=request.user, **inputs.validated_data)
        return Response(
            VoteRoundSerializer(vote_round, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=VoteRoundCloseSerializer, responses={200: VoteRoundSerializer})
    @action(detail=True, methods=["post"], url_path=r"vote-rounds/(?P<round_id>\d+)/close")
    def close_vote_round(self, request, ref=None, round_id=None, **kwargs):
        """Closes the round: the rest Not in attendance, the tally stored; `record_decision` records the decision
        with the tally's wording in the same transaction."""
        meeting = self.get_object()
        vote_round = meeting.vote_rounds.restrict(request.user).filter(pk=round_id).first()
        if vote_round is None:
            raise NotFound(f"{meeting.ref} has no vote {round_id}.")
        inputs = VoteRoundCloseSerializer(data=request.data)
        inputs.is_valid(raise_exception=True)
        closed = services.vote_round_close(vote_round=vote_round, actor=request.user, **inputs.validated_data)
        return Response(VoteRoundSerializer(closed, context=self.get_serializer_context()).data)

    @extend_schema(request=IssueHeadlineSerializer, responses={200: MeetingSerializer})
    @action(detail=True, methods=["post"], url_path="issue-headline-report")
    def issue_headline_report(self, request, ref=None, **kwargs):
        inputs = IssueHeadlineSerializer(data=request.data)
        inputs.is_valid(raise_exception=True)
        meeting = services.headline_issue(meeting=self.get_object(), actor=request.user, **inputs.validated_data)
        return Response(self.get_serializer(meeting).data)

    @extend_schema(request=ApproveHeadlineSerializer, responses={201: DecisionSerializer})
    @action(detail=True, methods=["post"], url_path="approve-headline-report")
    def approve_headline_report(self, request, ref=None, **kwargs):
        """Approves this meeting's headline report at `at_meeting`, recording the approval decision there."""
        inputs = ApproveHeadlineSerializer(data=request.data)
        inputs.is_valid(raise_exception=True)
        decision = services.headline_approve(meeting=self.get_object(), actor=request.user, **inputs.validated_data)
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


class AgendaItemViewSet(RecordViewSet):
    serializer_class = AgendaItemSerializer
    filterset_fields = ["meeting__ref", "item_type"]

    def get_queryset(self):
        return (
            AgendaItem.objects.restrict(self.request.user)
            .select_related("meeting")
            .order_by("meeting__starts_at", "position")
        )

    def perform_create(self, serializer):
        serializer.instance = services.agenda_item_save(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.agenda_item_save(
            meeting=data.pop("meeting", serializer.instance.meeting),
            item=serializer.instance,
            actor=self.request.user,
            **data,
        )

    def list(self, request, *args, **kwargs):
        if self.as_of() is not None:
            return super().list(request, *args, **kwargs)  # the agenda as it stood (core.api.views.AsOfMixin)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        items = list(page if page is not None else queryset)
        context = self.get_serializer_context()
        context["schedules"] = selectors.agenda_starts({item.meeting for item in items}, request.user)
        data = self.get_serializer_class()(items, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)


class ActionViewSet(RecordViewSet):
    serializer_class = ActionSerializer
    lean_list = True
    # Anyone who reads the action may post; the service lets the PMO and the action's owner only (403 otherwise).
    action_permissions = {"updates": ["meetings.view_action"]}
    filterset_class = ActionFilterSet
    lookup_field = "ref"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return selectors.actions(self.request.user).order_by("meeting__starts_at", "ref")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        links = {name: data.pop(name) for name in ("change_requests", "raid_items", "milestones") if name in data}
        serializer.instance = services.action_raise(actor=self.request.user, links=links, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        links = {name: data.pop(name) for name in ("change_requests", "raid_items", "milestones") if name in data}
        data.pop("meeting", None)
        data.pop("ref", None)
        with transaction.atomic():
            serializer.instance = services.action_edit(
                action=serializer.instance,
                actor=self.request.user,
                expected_version=parse_if_match(self.request.headers.get("If-Match")),
                links=links,
                **data,
            )

    @extend_schema(request=ActionUpdateInputSerializer, responses={201: ActionSerializer})
    @action(detail=True, methods=["post"])
    def updates(self, request, ref=None, **kwargs):
        """Appends `text` to the action's log as its latest update; `status` may move it between open, ongoing
        and recommend_closed. The action's owner (named in it, or their organisation's) may post too, setting
        ongoing or recommend_closed; closing stays with the group's meeting."""
        inputs = ActionUpdateInputSerializer(data=request.data)
        inputs.is_valid(raise_exception=True)
        updated = services.action_update(action=self.get_object(), actor=request.user, **inputs.validated_data)
        return Response(self.get_serializer(updated).data, status=status.HTTP_201_CREATED)


class DecisionViewSet(
    AsOfMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Decisions are recorded, not edited: a correction is a new decision."""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilterSet
    lookup_field = "ref"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return selectors.decisions(self.request.user).order_by("meeting__starts_at", "pk")

    def perform_create(self, serializer):
        serializer.instance = services.decision_record(actor=self.request.user, **serializer.validated_data)


class VoteViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """POST: a constituency representative's vote for their own constituency in an open vote round (`round`, or
    `meeting` and `subject`); casting again before the close changes it. Chair and PMO may still record a
    constituency's vote on a subject no round is held on (a second one replaces it)."""

    serializer_class = VoteSerializer
    filterset_fields = ["meeting__ref", "subject", "vote"]
    # Whoever reads votes may post; the service decides who votes for which constituency (403 otherwise).
    action_permissions = {"create": ["meetings.view_vote"]}

    def get_queryset(self):
        return Vote.objects.restrict(self.request.user).select_related("meeting", "constituency").order_by("pk")

    @extend_schema(request=VoteCastSerializer, responses={201: VoteSerializer})
    def create(self, request, *args, **kwargs):
        if not (request.user.has_perm("meetings.add_vote") or request.user.has_perm("meetings.vote_for_constituency")):
            raise PermissionDenied("Only a constituency's representative votes for it.")
        inputs = VoteCastSerializer(data=request.data, context=self.get_serializer_context())
        inputs.is_valid(raise_exception=True)
        data = inputs.validated_data
        vote_round = data.get("round") or selectors.round_on(
            request.user, meeting=data["meeting"], subject=data["subject"]
        )
        if vote_round is not None:
            cast = services.vote_cast(
                vote_round=vote_round, actor=request.user, vote=data["vote"], constituency=data.get("constituency")
            )
        elif request.user.has_perm("meetings.add_vote") and data.get("constituency") is not None:
            cast = services.votes_record(
                meeting=data["meeting"],
                actor=request.user,
                subject=data["subject"],
                votes=[(data["constituency"].code, data["vote"])],
            )[0]
        elif request.user.has_perm("meetings.vote_for_constituency"):
            raise WorkflowError(f"No vote on {data['subject']} is open at {data['meeting'].ref}.", field="subject")
        else:
            raise WorkflowError("Give the constituency whose vote you record.", field="constituency")
        return Response(self.get_serializer(cast).data, status=status.HTTP_201_CREATED)


class DiscussionItemViewSet(RecordViewSet):
    serializer_class = DiscussionItemSerializer
    filterset_fields = ["meeting__ref"]

    def get_queryset(self):
        return DiscussionItem.objects.restrict(self.request.user).select_related("meeting")

    def perform_create(self, serializer):
        serializer.instance = services.discussion_item_add(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.discussion_item_edit(
            item=serializer.instance, actor=self.request.user, **serializer.validated_data
        )


class MeetingPackViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Meeting packs. POST queues a render (Chair / PMO); poll the record until `status` is ready, then
    `file` downloads the PDF."""

    serializer_class = MeetingPackSerializer
    filterset_fields = ["meeting__ref", "kind", "status", "classification"]
    permission_classes = [PackPermissions]

    def get_queryset(self):
        return selectors.packs(self.request.user).order_by("-requested_at")

    @extend_schema(request=MeetingPackSerializer, responses={202: MeetingPackSerializer})
    def create(self, request, *args, **kwargs):
        _require(request, "meetings.export_pack", "export meeting packs")
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        meeting = selectors.meetings(request.user).filter(pk=data["meeting"].pk).first()
        if meeting is None:
            raise PermissionDenied("You cannot see this meeting.")
        pack = services.pack_request(
            meeting=meeting,
            kind=data["kind"],
            classification=data.get("classification", "public"),
            actor=request.user,
        )
        pack.refresh_from_db()
        return Response(self.get_serializer(pack).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={202: MeetingPackSerializer})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None, **kwargs):
        _require(request, "meetings.export_pack", "export meeting packs")
        pack = services.pack_retry(pack=self.get_object(), actor=request.user)
        pack.refresh_from_db()
        return Response(self.get_serializer(pack).data, status=status.HTTP_202_ACCEPTED)
