from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from changes import selectors, services
from changes.choices import Step
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


class ChangeRequestListView(RecordListView):
    spreadsheet_kind = "change-requests"
    model = ChangeRequest
    table_class = ChangeRequestTable
    filterset_class = ChangeRequestFilterSet
    create_url_name = "changes:create"

    def get_queryset(self):
        return selectors.change_requests(self.request.user)


class ChangeRequestDetailView(RecordDetailView):
    model = ChangeRequest
    slug_field = slug_url_kwarg = "ref"
    template_name = "changes/changerequest_detail.html"

    def get_queryset(self):
        return selectors.change_requests(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        change_request = self.object
        context["summary"] = selectors.impact_summary(change_request)
        context["responses"] = (
            change_request.impact_responses.restrict(self.request.user)
            .select_related("organisation__constituency")
            .order_by("organisation__constituency__position", "organisation__name")
        )
        context["timeline"] = selectors.lifecycle_timeline(change_request)
        context["ia_open"] = services.ia_window_is_open(change_request)
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
        if context["ia_open"] and self.request.user.has_perm("changes.add_impactresponse"):
            context["response_form"] = ImpactResponseForm(change_request=change_request)
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
@permission_required("changes.add_impactresponse", raise_exception=True)
def record_response(request, ref: str):
    change_request = _change_request_for(request, ref)
    form = ImpactResponseForm(request.POST, change_request=change_request)
    if not form.is_valid():
        messages.error(request, "Response not recorded — " + "; ".join(" ".join(e) for e in form.errors.values()))
        return redirect(change_request)
    try:
        response = services.impact_response_record(
            change_request=change_request, actor=request.user, **form.cleaned_data
        )
    except WorkflowError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"Recorded: {response.organisation} — {response.get_response_display()}.")
    return redirect(change_request)


@permission_required("changes.view_changerequest", raise_exception=True)
def impact_summary_fragment(request, ref: str):
    """The IA summary table alone (htmx refresh; the same fragment goes into the PDF pack)."""
    change_request = get_object_or_404(selectors.change_requests(request.user), ref=ref)
    return render(
        request,
        "changes/includes/impact_summary.html",
        {"summary": selectors.impact_summary(change_request), "change_request": change_request},
    )
