from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.choices import Classification
from core.exceptions import WorkflowError, refusal_text
from core.forms import restrict_choices
from core.views import (
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    RecordUpdateView,
    ServiceFormMixin,
)
from meetings import packs, selectors, services
from meetings.choices import PackKind, PackStatus
from meetings.filtersets import ActionFilterSet, DecisionFilterSet, MeetingFilterSet
from meetings.forms import (
    ActionCloseForm,
    ActionForm,
    ActionUpdateForm,
    AgendaFormSet,
    DecisionForm,
    DiscussionItemForm,
    HeadlineApproveForm,
    HeadlineIssueForm,
    MeetingForm,
    OwnerUpdateForm,
    QuickActionForm,
    VoteCastForm,
    VoteRoundCloseForm,
    VoteRoundOpenForm,
    VotesForm,
)
from meetings.models import Action, AgendaItem, Decision, Meeting
from meetings.tables import ActionTable, DecisionTable, MeetingTable
from programme.rules import constituency_of

TABS = ("agenda", "actions", "decisions", "votes", "discussion", "headline", "packs")


class MeetingListView(RecordListView):
    model = Meeting
    table_class = MeetingTable
    filterset_class = MeetingFilterSet
    create_url_name = "meetings:create"

    def get_queryset(self):
        # The table names the group, not the meeting that approved the headline report.
        return selectors.meetings(self.request.user).select_related(None).select_related("group")


def meeting_context(request, meeting: Meeting) -> dict:
    """Everything the meeting page and its live-mode fragments show, in a fixed number of queries."""
    user = request.user
    return {
        "meeting": meeting,
        "agenda": selectors.agenda(meeting, user),
        "action_review": selectors.action_review(meeting, user),
        "decisions": selectors.headline_decisions(meeting, user),
        "tallies": selectors.tally(meeting, user),
        "vote_rounds": selectors.vote_rounds(meeting, user),
        "vote_choices": VoteCastForm.base_fields["vote"].choices,
        "my_constituency": constituency_of(user),
        "votes": list(
            meeting.votes.restrict(user).select_related("constituency").order_by("subject", "constituency__position")
        ),
        "discussion": list(meeting.discussion_items.restrict(user)),
        "previous": selectors.previous_meeting(meeting, user),
        "next": selectors.next_meeting(meeting, user),
        "approved_here": list(meeting.approved_headline_reports.restrict(user).select_related("group")),
        "approved_at": selectors.visible_meeting(meeting.headline_approved_at, user),
        **_packs_context(request, meeting),
    }


class MeetingDetailView(RecordDetailView):
    model = Meeting
    slug_field = slug_url_kwarg = "ref"
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        return selectors.meetings(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(meeting_context(self.request, self.object))
        user = self.request.user
        context["live"] = self.request.GET.get("live") == "1" and user.has_perm("meetings.add_action")
        context["tab"] = self.request.GET.get("tab") if self.request.GET.get("tab") in TABS else "agenda"
        if context["live"] or user.has_perm("meetings.add_decision"):
            context["forms"] = live_forms(self.object, user)
        return context


def live_forms(meeting: Meeting, user, refused: tuple[str, object] | None = None) -> dict:
    """The live-meeting forms, empty; `refused` (name, bound form) keeps a refused form's values and errors."""
    forms = {
        "action": QuickActionForm(prefix="action"),
        "decision": DecisionForm(prefix="decision"),
        "votes": VotesForm(prefix="votes"),
        "vote_round": VoteRoundOpenForm(prefix="round"),
        "discussion": DiscussionItemForm(prefix="discussion"),
        "issue": HeadlineIssueForm(prefix="issue", initial={"issued_on": meeting.held_on}),
        "approve": HeadlineApproveForm(prefix="approve", at_meeting=meeting),
    }
    if refused is not None:
        name, bound = refused
        forms[name] = bound
    return {name: restrict_choices(form, user) for name, form in forms.items()}


class MeetingCreateView(ServiceFormMixin, RecordCreateView):
    model = Meeting
    form_class = MeetingForm

    def perform_save(self, data, form):
        return services.meeting_create(actor=self.request.user, **data)


class MeetingUpdateView(ServiceFormMixin, RecordUpdateView):
    model = Meeting
    form_class = MeetingForm
    slug_field = slug_url_kwarg = "ref"

    def get_queryset(self):
        return selectors.meetings(self.request.user)

    def perform_save(self, data, form):
        return services.meeting_edit(
            meeting=self.object, actor=self.request.user, expected_version=form.cleaned_data["version"], **data
        )


@permission_required("meetings.change_meeting", raise_exception=True)
def edit_agenda(request, ref: str):
    meeting = get_object_or_404(selectors.meetings(request.user), ref=ref)
    formset = AgendaFormSet(request.POST or None, instance=meeting, queryset=AgendaItem.objects.restrict(request.user))
    if request.method == "POST" and formset.is_valid():
        saved = formset.save(commit=False)
        services.agenda_update(meeting=meeting, actor=request.user, saved=saved, removed=formset.deleted_objects)
        messages.success(request, f"Agenda of {meeting.ref} saved.")
        return redirect(f"{meeting.get_absolute_url()}?tab=agenda")
    return render(request, "meetings/agenda_form.html", {"meeting": meeting, "formset": formset})


# The live forms (live_forms) by the prefix their posts carry.
LIVE_FORM_NAMES = {
    "action": "action",
    "decision": "decision",
    "votes": "votes",
    "round": "vote_round",
    "discussion": "discussion",
    "issue": "issue",
    "approve": "approve",
}


def _respond(request, meeting: Meeting, tab: str, refused: tuple[str, object] | None = None):
    """After a live-mode write: htmx gets the refreshed tab with its forms ready for the next record (a refused one
    keeps what was typed, its errors beside the fields), a plain form post goes back to the page."""
    if request.htmx:
        context = meeting_context(request, meeting)
        context["live"] = True
        context["forms"] = live_forms(meeting, request.user, refused)
        return render(request, f"meetings/tabs/{tab}.html", context)
    return redirect(f"{meeting.get_absolute_url()}?tab={tab}&live=1")


def _meeting_for(request, ref: str) -> Meeting:
    meeting = selectors.meetings(request.user).filter(ref=ref).first()
    if meeting is None:
        raise Http404(f"No meeting {ref}.")
    return meeting


def _refuse(request, message: str) -> None:
    messages.error(request, message)


def _field_errors(form, separator: str = "; ") -> str:
    """The form's errors in one line: each under its field's name, and errors of the whole form as they are."""
    return separator.join(
        " ".join(errors) if name == NON_FIELD_ERRORS else f"{name}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    )


def _live_write(request, ref: str, *, tab: str, form, perform, invalid: str):
    """One live-meeting write: validate the form, call the service, say what happened or why not, and answer
    with the refreshed tab (htmx) or the page. `form` builds the bound form for the meeting; `perform` does the
    write and returns the success message."""
    meeting = _meeting_for(request, ref)
    bound = restrict_choices(form(meeting), request.user)
    # A refused record's form is shown again as typed; a vote round's own forms are not among the live forms.
    kept = (LIVE_FORM_NAMES[bound.prefix], bound) if bound.prefix in LIVE_FORM_NAMES else None
    if not bound.is_valid():
        _refuse(request, invalid.format(errors=_field_errors(bound)))
        return _respond(request, meeting, tab, kept)
    try:
        messages.success(request, perform(meeting, bound.cleaned_data, bound))
    except (WorkflowError, DjangoValidationError) as refused:
        _refuse(request, refusal_text(refused))
        return _respond(request, meeting, tab, kept)
    return _respond(request, meeting, tab)


@require_POST
@permission_required("meetings.add_action", raise_exception=True)
def raise_action(request, ref: str):
    def perform(meeting, data, form):
        return f"{services.action_raise(meeting=meeting, actor=request.user, **data).ref} raised."

    return _live_write(
        request,
        ref,
        tab="actions",
        form=lambda meeting: QuickActionForm(request.POST, prefix="action"),
        perform=perform,
        invalid="Action not raised: {errors}",
    )


@require_POST
@permission_required("meetings.add_decision", raise_exception=True)
def record_decision(request, ref: str):
    def perform(meeting, data, form):
        data = {**data, "change_request_step": data["change_request_step"] or None}
        return f"{services.decision_record(meeting=meeting, actor=request.user, **data).ref} recorded."

    return _live_write(
        request,
        ref,
        tab="decisions",
        form=lambda meeting: DecisionForm(request.POST, prefix="decision"),
        perform=perform,
        invalid="Decision not recorded: {errors}",
    )


@require_POST
@permission_required("meetings.add_vote", raise_exception=True)
def record_votes(request, ref: str):
    def perform(meeting, data, form):
        services.votes_record(meeting=meeting, actor=request.user, subject=data["subject"], votes=form.votes())
        return f"Votes on {data['subject']} recorded."

    return _live_write(
        request,
        ref,
        tab="votes",
        form=lambda meeting: VotesForm(request.POST, prefix="votes"),
        perform=perform,
        invalid="Votes not recorded: {errors}",
    )


@require_POST
@permission_required("meetings.add_vote", raise_exception=True)
def open_vote_round(request, ref: str):
    def perform(meeting, data, form):
        vote_round = services.vote_round_open(meeting=meeting, actor=request.user, **data)
        return f"Vote on {vote_round.subject} opened."

    return _live_write(
        request,
        ref,
        tab="votes",
        form=lambda meeting: VoteRoundOpenForm(request.POST, prefix="round"),
        perform=perform,
        invalid="Vote not opened: {errors}",
    )


def _round_for(request, meeting: Meeting, pk: int):
    vote_round = meeting.vote_rounds.restrict(request.user).filter(pk=pk).first()
    if vote_round is None:
        raise Http404("No such vote at this meeting.")
    return vote_round


@require_POST
@permission_required("meetings.add_vote", raise_exception=True)
def close_vote_round(request, ref: str, pk: int):
    def perform(meeting, data, form):
        vote_round = services.vote_round_close(vote_round=_round_for(request, meeting, pk), actor=request.user, **data)
        recorded = f" {vote_round.decision.ref} recorded." if vote_round.decision else ""
        return f"Vote on {vote_round.subject} closed: {vote_round.tally_text}.{recorded}"

    return _live_write(
        request,
        ref,
        tab="votes",
        form=lambda meeting: VoteRoundCloseForm(request.POST, prefix=f"close-{pk}"),
        perform=perform,
        invalid="Vote not closed: {errors}",
    )


@require_POST
@permission_required("meetings.view_meeting", raise_exception=True)
def cast_vote(request, ref: str, pk: int):
    """A constituency representative's vote for their constituency; anyone else is refused (403) by the service."""

    def perform(meeting, data, form):
        cast = services.vote_cast(vote_round=_round_for(request, meeting, pk), actor=request.user, vote=data["vote"])
        return f"{cast.constituency} votes {cast.get_vote_display().lower()} on {cast.subject}."

    return _live_write(
        request,
        ref,
        tab="votes",
        form=lambda meeting: VoteCastForm(request.POST, prefix=f"cast-{pk}"),
        perform=perform,
        invalid="Vote not cast: {errors}",
    )


@require_POST
@permission_required("meetings.add_discussionitem", raise_exception=True)
def add_discussion(request, ref: str):
    def perform(meeting, data, form):
        services.discussion_item_add(meeting=meeting, actor=request.user, **data)
        return "Discussion item added."

    return _live_write(
        request,
        ref,
        tab="discussion",
        form=lambda meeting: DiscussionItemForm(request.POST, prefix="discussion"),
        perform=perform,
        invalid="Discussion item not added: {errors}",
    )


@require_POST
@permission_required("meetings.issue_headline_report", raise_exception=True)
def issue_headline(request, ref: str):
    def perform(meeting, data, form):
        services.headline_issue(meeting=meeting, actor=request.user, issued_on=data["issued_on"])
        return f"Headline report of {meeting.ref} issued."

    return _live_write(
        request,
        ref,
        tab="headline",
        form=lambda meeting: HeadlineIssueForm(request.POST, prefix="issue"),
        perform=perform,
        invalid="Give the issue date.",
    )


@require_POST
@permission_required("meetings.approve_headline_report", raise_exception=True)
def approve_headline(request, ref: str):
    def perform(meeting, data, form):
        decision = services.headline_approve(
            meeting=data["meeting"],
            at_meeting=meeting,
            actor=request.user,
            with_amendments=data["with_amendments"],
            by_correspondence=data["by_correspondence"],
        )
        return f"{decision.ref}: {decision.text}."

    return _live_write(
        request,
        ref,
        tab="headline",
        form=lambda meeting: HeadlineApproveForm(request.POST, prefix="approve", at_meeting=meeting),
        perform=perform,
        invalid="Choose an issued headline report of an earlier meeting of this group.",
    )


@permission_required("meetings.view_meeting", raise_exception=True)
def headline_report(request, ref: str):
    """The headline report laid out like the programme's, as its PDF is: this meeting's actions then the earlier
    meetings' still open, decisions in agenda and ref order, discussion, votes; all as at the report's issue."""
    meeting = _meeting_for(request, ref)
    moment = packs.paper_moment(meeting, PackKind.HEADLINE_REPORT, timezone.now())
    context = {"meeting": meeting, **packs.headline_context(meeting, request.user, moment)}
    return render(request, "meetings/headline_report.html", context)


class ActionListView(RecordListView):
    spreadsheet_kind = "actions"
    model = Action
    table_class = ActionTable
    filterset_class = ActionFilterSet

    def get_queryset(self):
        # The table shows the action's own fields: none of the meeting, owner or linked records the API's show.
        return selectors.actions(self.request.user).select_related(None).prefetch_related(None)


class ActionDetailView(RecordDetailView):
    model = Action
    slug_field = slug_url_kwarg = "ref"
    template_name = "meetings/action_detail.html"

    def get_queryset(self):
        return selectors.actions(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["log"] = selectors.action_log(self.object)
        if context["can_change"]:
            context["update_form"] = ActionUpdateForm()
            context["close_form"] = restrict_choices(ActionCloseForm(action=self.object), self.request.user)
        elif self.request.user.has_perm("meetings.update_own_action", self.object):
            context["owner_form"] = OwnerUpdateForm()
        return context


class ActionUpdateView(ServiceFormMixin, RecordUpdateView):
    model = Action
    form_class = ActionForm
    slug_field = slug_url_kwarg = "ref"

    def get_queryset(self):
        return selectors.actions(self.request.user)

    def perform_save(self, data, form):
        links = {name: data.pop(name) for name in ("change_requests", "raid_items", "milestones")}
        return services.action_edit(
            action=self.object,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"],
            links=links,
            **data,
        )


@require_POST
@permission_required("meetings.view_action", raise_exception=True)
def owner_update(request, ref: str):
    """The action's owner posts an update and may recommend it closed; anyone else is refused (403)."""
    action = get_object_or_404(selectors.actions(request.user), ref=ref)
    form = OwnerUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Update not saved: {_field_errors(form)}")
    else:
        try:
            services.action_update(
                action=action, actor=request.user, text=form.cleaned_data["text"], status=form.status()
            )
        except WorkflowError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, f"{action.ref} updated.")
    return redirect(action.get_absolute_url())


@require_POST
@permission_required("meetings.change_action", raise_exception=True)
def action_step(request, ref: str, step: str):
    """Append an update, close at a meeting, or reopen."""
    action = get_object_or_404(selectors.actions(request.user), ref=ref)
    try:
        if step == "update":
            form = ActionUpdateForm(request.POST)
            if not form.is_valid():
                raise WorkflowError(" ".join(error for errors in form.errors.values() for error in errors))
            services.action_update(
                action=action,
                actor=request.user,
                text=form.cleaned_data["text"],
                status=form.cleaned_data["status"] or None,
            )
        elif step == "close":
            form = restrict_choices(ActionCloseForm(request.POST, action=action), request.user)
            if not form.is_valid():
                raise WorkflowError("Choose the meeting it was closed at.")
            services.action_close(
                action=action,
                actor=request.user,
                at_meeting=form.cleaned_data["at_meeting"],
                text=form.cleaned_data["text"],
            )
        elif step == "reopen":
            services.action_reopen(action=action, actor=request.user, text=request.POST.get("text", "")[:500])
        else:
            raise Http404
    except WorkflowError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"{action.ref} updated.")
    return redirect(reverse("meetings:action-detail", args=[action.ref]))


class DecisionListView(RecordListView):
    spreadsheet_kind = "decisions"
    model = Decision
    table_class = DecisionTable
    filterset_class = DecisionFilterSet

    def get_queryset(self):
        # The table names the meeting and the CR, not the meeting's group.
        return selectors.decisions(self.request.user).select_related(None).select_related("meeting", "change_request")


class DecisionDetailView(RecordDetailView):
    model = Decision
    slug_field = slug_url_kwarg = "ref"
    template_name = "meetings/decision_detail.html"

    def get_queryset(self):
        return selectors.decisions(self.request.user)


def _packs_context(request, meeting: Meeting) -> dict:
    packs = list(selectors.packs(request.user).filter(meeting=meeting))
    return {
        "meeting": meeting,
        "packs": packs,
        "packs_in_progress": any(pack.status in (PackStatus.QUEUED, PackStatus.RENDERING) for pack in packs),
        "pack_kinds": PackKind.choices,
        "classifications": Classification.choices,
    }


@permission_required("meetings.view_meeting", raise_exception=True)
def packs_fragment(request, ref: str):
    """The meeting's packs and their progress; polled by htmx while any is queued or rendering."""
    return render(request, "meetings/includes/packs.html", _packs_context(request, _meeting_for(request, ref)))


@require_POST
@permission_required("meetings.export_pack", raise_exception=True)
def request_pack(request, ref: str):
    meeting = _meeting_for(request, ref)
    try:
        pack = services.pack_request(
            meeting=meeting,
            kind=request.POST.get("kind", ""),
            classification=request.POST.get("classification", Classification.PUBLIC),
            actor=request.user,
        )
        messages.success(request, f"{pack} queued.")
    except WorkflowError as refused:
        messages.error(request, refused.message)
    if request.htmx:
        return render(request, "meetings/includes/packs.html", _packs_context(request, meeting))
    return redirect(f"{meeting.get_absolute_url()}?tab=packs")


@require_POST
@permission_required("meetings.export_pack", raise_exception=True)
def retry_pack(request, pk: int):
    pack = get_object_or_404(selectors.packs(request.user), pk=pk)
    try:
        services.pack_retry(pack=pack, actor=request.user)
    except WorkflowError as refused:
        messages.error(request, refused.message)
    return redirect(f"{pack.meeting.get_absolute_url()}?tab=packs")


@permission_required("meetings.view_meeting", raise_exception=True)
def download_pack(request, pk: int):
    """The PDF, through this permission-checked view only: a Participant cannot fetch a Restricted pack."""
    pack = get_object_or_404(selectors.packs(request.user), pk=pk)
    if pack.status != PackStatus.READY or not pack.file:
        raise Http404("This pack has not been rendered.")
    services.pack_downloaded(pack=pack, user=request.user)
    return FileResponse(pack.file.open("rb"), content_type="application/pdf", filename=pack.filename())
