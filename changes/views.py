from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from changes import selectors, services
from changes.choices import ChangeStage, Step
from changes.filtersets import ChangeRequestFilterSet
from changes.forms import STEP_FIELDS, ChangeRequestForm, ImpactResponseForm, TransitionForm
from changes.models import ChangeRequest
from changes.tables import ChangeRequestTable
from core.exceptions import WorkflowError
from core.views import (
    ModelPermissionMixin,
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    RecordUpdateView,
    ServiceFormMixin,
)
from programme.rules import is_party_representative, organisation_of


class ChangeRequestListView(RecordListView):
    spreadsheet_kind = "change-requests"
    model = ChangeRequest
    table_class = ChangeRequestTable
    filterset_class = ChangeRequestFilterSet
    create_url_name = "changes:create"

    def get_queryset(self):
        # The table shows neither exclusions nor IA constituencies (the API's records do).
        return selectors.change_requests(self.request.user).prefetch_related(None)


class ChangeRequestDetailView(RecordDetailView):
    model = ChangeRequest
    slug_field = slug_url_kwarg = "ref"
    template_name = "changes/changerequest_detail.html"

    def get_queryset(self):
        return selectors.change_requests(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        change_request = self.object
        context.update(ia_context(self.request, change_request))
        context["timeline"] = selectors.lifecycle_timeline(change_request)
        if context["can_change"]:
            context["steps"] = [
                {
                    "step": step,
                    "label": Step(step).label,
                    "form": TransitionForm(step=step, initial={"version": change_request.version}),
                    "has_inputs": bool(STEP_FIELDS.get(step)),
                }
                for step in services.allowed_steps(change_request)
            ]
        return context


def ia_context(request, change_request: ChangeRequest) -> dict:
    """The impact-assessment section of the CR page: the tally, the answers the reader may see, the PMO's form to
    enter a party's answer, and a representative's form to give or revise their own party's."""
    user = request.user
    ia_open = services.ia_window_is_open(change_request)
    context = {
        "object": change_request,
        "ia_open": ia_open,
        "summary": selectors.impact_summary(change_request),
        "answers": selectors.answer_roll(change_request, user),
    }
    if ia_open and user.has_perm("changes.add_impactresponse"):
        # Its own ids: a PMO who also represents a party sees both forms on the page.
        context["response_form"] = ImpactResponseForm(change_request=change_request, auto_id="behalf-%s")
    party = organisation_of(user)
    if party is not None and is_party_representative(user):
        own = selectors.impact_responses(user).filter(change_request=change_request, organisation=party).first()
        context.update(party=party, own_answer=own)
        if user.has_perm("changes.respond_for_organisation", (change_request, party)):
            context["answer_form"] = ImpactResponseForm.for_answer(own, change_request=change_request)
        elif change_request.stage in (ChangeStage.IMPACT_ASSESSMENT, ChangeStage.AWAITING_DECISION):
            context["answer_refusal"] = services.window_refusal(change_request)
    return context


class ChangeRequestCreateView(ServiceFormMixin, RecordCreateView):
    model = ChangeRequest
    form_class = ChangeRequestForm

    def perform_save(self, data, form):
        return services.change_request_create(actor=self.request.user, **data)


class ChangeRequestUpdateView(ServiceFormMixin, RecordUpdateView):
    model = ChangeRequest
    form_class = ChangeRequestForm
    slug_field = slug_url_kwarg = "ref"

    def get_queryset(self):
        return selectors.change_requests(self.request.user)

    def perform_save(self, data, form):
        return services.change_request_edit(
            change_request=self.object, actor=self.request.user, expected_version=form.cleaned_data["version"], **data
        )


class ChangeRequestStatusView(ModelPermissionMixin, ListView):
    """The pack's "Change Request Status" slide: CRs raised in the last N months, or still open."""

    model = ChangeRequest
    template_name = "changes/status_report.html"
    context_object_name = "change_requests"

    def get_months(self) -> int:
        try:
            return min(max(int(self.request.GET.get("months", 3)), 1), 36)
        except ValueError:
            return 3

    def get_queryset(self):
        return selectors.status_report(self.request.user, months=self.get_months())

    def get_context_data(self, **kwargs):
        return super().get_context_data(months=self.get_months(), **kwargs)


def _change_request_for(request, ref: str) -> ChangeRequest:
    change_request = selectors.change_requests(request.user).filter(ref=ref).first()
    if change_request is None:
        raise Http404(f"No change request {ref}.")
    return change_request


@require_POST
@permission_required("changes.change_changerequest", raise_exception=True)
def transition(request, ref: str, step: str):
    change_request = _change_request_for(request, ref)
    if step not in Step.values:
        raise Http404(f"No step {step}.")
    form = TransitionForm(request.POST, step=step)
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[name].label or name}: {' '.join(errs)}" for name, errs in form.errors.items())
        messages.error(request, f"{Step(step).label} not done — {errors}")
        return redirect(change_request)
    inputs = {name: value for name, value in form.cleaned_data.items() if name != "version"}
    try:
        services.change_request_transition(
            change_request=change_request,
            step=step,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
            **inputs,
        )
    except WorkflowError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"{change_request.ref}: {change_request.latest_action}.")
    return redirect(change_request)


@require_POST
def record_response(request, ref: str):
    """An IA answer posted from the CR page or /my/: the PMO's for the party they pick, a representative's for their
    own party (the service refuses anyone else, 403). htmx gets the refreshed section, with the tally moved."""
    entering = request.user.has_perm("changes.add_impactresponse")
    if not (entering or request.user.has_perm("changes.respond_for_organisation")):
        raise PermissionDenied("Only the PMO and party representatives answer impact assessments.")
    change_request = _change_request_for(request, ref)
    form = ImpactResponseForm(request.POST, change_request=change_request, own_party=not entering)
    if not form.is_valid():
        messages.error(request, "Response not recorded — " + "; ".join(" ".join(e) for e in form.errors.values()))
        return _after_answer(request, change_request)
    data = dict(form.cleaned_data)
    try:
        response = services.impact_response_submit(
            change_request=change_request, actor=request.user, expected_version=data.pop("version"), **data
        )
    except WorkflowError as refused:
        messages.error(request, refused.message)
    else:
        behalf = " (entered on the party's behalf)" if response.on_behalf else ""
        messages.success(request, f"Recorded: {response.organisation} — {response.get_response_display()}{behalf}.")
    return _after_answer(request, change_request)


def _after_answer(request, change_request: ChangeRequest):
    if request.htmx:
        return render(request, "changes/includes/ia_section.html", ia_context(request, change_request))
    return redirect(request.POST.get("next") if request.POST.get("next") == "/my/" else change_request)


@permission_required("changes.view_changerequest", raise_exception=True)
def impact_summary_fragment(request, ref: str):
    """The IA summary table alone (htmx refresh; the same fragment goes into the PDF pack)."""
    change_request = get_object_or_404(selectors.change_requests(request.user), ref=ref)
    return render(
        request,
        "changes/includes/impact_summary.html",
        {"summary": selectors.impact_summary(change_request), "change_request": change_request},
    )
