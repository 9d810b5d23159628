"""Base page views every register builds on: a filtered, sortable list (htmx-refreshed), a record page
with its History tab, and create / edit forms guarded by model permissions."""

import warnings
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import InvalidPage
from django.db import connection, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core import clock
from core.concurrency import StaleEditError, claim_version
from core.exceptions import WorkflowError
from core.forms import restrict_choices
from core.history import history_entries
from core.page_cache import KeptPageMixin


class ModelPermissionMixin(PermissionRequiredMixin):
    """Requires `<app>.<action>_<model>`; a signed-in user without it gets the 403 page."""

    permission_action = "view"

    def get_permission_required(self):
        opts = self.model._meta
        return (f"{opts.app_label}.{self.permission_action}_{opts.model_name}",)


MAX_PER_PAGE = 500


def moment_param(request, name: str = clock.AS_OF) -> clock.Moment | None:
    """`?<name>=` read by the clock for the request's user. A value that names no moment is read as absent and
    its reason shown as a message, so the page still answers (with its default)."""
    try:
        return clock.read(request.GET.get(name), user=request.user, param=name)
    except clock.MomentError as unreadable:
        messages.warning(request, unreadable.message)
        return None


class RecordListView(ModelPermissionMixin, KeptPageMixin, SingleTableMixin, FilterView):
    """A register page. With `?as_of=` (a date, a date-time or a meeting ref) it shows the records as they stood
    then, read-only, every filter selecting by the values then (core.clock, as the API and exports do)."""

    template_name = "includes/record_list.html"
    # The table's pagination only: a view's own (`paginate_by`) would count the rows a second time. Not silent: a
    # page that does not exist is not found (get_table), as Django's list views answer.
    table_pagination = {"per_page": 50, "silent": False}
    create_url_name: str | None = None
    # The register's kind in the spreadsheet import/export URLs ("raid-items"), when it has a sheet.
    spreadsheet_kind: str | None = None
    # Why `?as_of=` names no moment: shown under the field, while the page shows today's register.
    as_of_error = ""

    @cached_property
    def as_of(self) -> clock.Moment | None:
        try:
            return clock.read(self.request.GET.get(clock.AS_OF), user=self.request.user)
        except clock.MomentError as unreadable:
            self.as_of_error = unreadable.message
            return None

    def get_filterset(self, filterset_class):
        if self.as_of is None:
            return super().get_filterset(filterset_class)
        return clock.as_of_filterset(
            filterset_class, moment=self.as_of.at, **self.get_filterset_kwargs(filterset_class)
        )

    def get_table(self, **kwargs):
        per_page = self.request.GET.get("per_page")
        if per_page is not None and not (per_page.isdigit() and 0 < int(per_page) <= MAX_PER_PAGE):
            # An impossible page size is not read: the default one is shown rather than an error.
            query = self.request.GET.copy()
            del query["per_page"]
            self.request.GET = query
        page = self.request.GET.get("page") or "1"
        if page != "last" and not page.lstrip("-").isdigit():
            raise Http404(f"No page {page}.")
        # As of a date the rows are historical versions of the table's model: expected, not worth a warning.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Table data is of type", category=UserWarning)
            try:
                return super().get_table(**kwargs)
            except InvalidPage as missing:
                raise Http404(str(missing)) from None

    def get_template_names(self):
        if self.request.htmx and self.request.htmx.target == "record-table":
            return ["includes/record_table.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opts = self.model._meta
        context["verbose_name_plural"] = opts.verbose_name_plural
        context["can_add"] = self.create_url_name and self.request.user.has_perm(
            f"{opts.app_label}.add_{opts.model_name}"
        )
        context["create_url_name"] = self.create_url_name
        context["as_of"] = self.as_of
        context["as_of_error"] = self.as_of_error
        context["meeting_moments"] = partial(clock.recent_meetings, self.request.user)
        if self.as_of is not None:
            context["can_add"] = False
        context["spreadsheet_kind"] = self.spreadsheet_kind
        if context["spreadsheet_kind"]:
            context["can_import"] = self.request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}")
        return context


class RecordDetailView(ModelPermissionMixin, KeptPageMixin, DetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opts = self.model._meta
        context["history"] = history_entries(self.object, user=self.request.user)
        context["can_change"] = self.request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        return context


class RecordFormMixin(ModelPermissionMixin):
    template_name = "includes/record_form.html"

    def get_form(self, form_class=None):
        # A picker offers, and accepts, only the records the editor may see.
        return restrict_choices(super().get_form(form_class), self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name"] = self.model._meta.verbose_name
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"{self.model._meta.verbose_name.capitalize()} {self.object} saved.")
        return response


class ServiceFormMixin:
    """Saves through a workflow service instead of form.save(): subclasses implement `perform_save(data, form)`
    with the cleaned data (less the version), returning the record. A refusal becomes a form error and nothing
    is saved; a stale edit also answers 409."""

    def form_valid(self, form):
        data = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        try:
            self.object = self.perform_save(data, form)
        except StaleEditError as stale:
            form.add_error(None, stale.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        except WorkflowError as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
            return self.render_to_response(self.get_context_data(form=form))
        except DjangoValidationError as invalid:
            for field, errors in (
                invalid.message_dict.items() if hasattr(invalid, "error_dict") else [(None, invalid.messages)]
            ):
                form.add_error(field if field in form.fields else None, errors)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(self.request, f"{self.model._meta.verbose_name.capitalize()} {self.object} saved.")
        return redirect(self.object)

    def perform_save(self, data: dict, form):
        raise NotImplementedError


class RecordCreateView(RecordFormMixin, CreateView):
    permission_action = "add"


class RecordUpdateView(RecordFormMixin, UpdateView):
    permission_action = "change"

    def form_valid(self, form):
        if "version" not in form.cleaned_data:
            return super().form_valid(form)
        try:
            with transaction.atomic():
                claim_version(form.instance, form.cleaned_data["version"])
                return super().form_valid(form)
        except StaleEditError as stale:
            form.add_error(None, stale.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)


@login_not_required
@never_cache
def health(request):
    """Liveness for load balancers and docker healthchecks: the database and the cache answer."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # reported, not raised: this endpoint exists to say what is down
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        cache.set("health", "ok", 5)
        checks["cache"] = "ok" if cache.get("health") == "ok" else "error"
    except Exception as exc:
        checks["cache"] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "degraded", **checks}, status=200 if healthy else 503)
