"""Admin deletions that can be undone. Every register's ModelAdmin derives from `HistoryAdmin`.

- A deletion in the admin leaves django-simple-history's "-" row naming the user (the request's user, through
  `HistoryRequestMiddleware`). Every row one admin deletion removes, the cascade included (a RAID item's
  mitigation steps, a meeting's agenda), gets the same deletion stamp: one `history_date` and the reason
  "Deleted in the admin".
- "Deleted records" (`/admin/<app>/<model>/deleted/`, linked from the list page) lists the records whose last
  history row is a deletion and which have no live row. PMO and superusers restore one: it is recreated from
  its last snapshot with the same id and ref, its tracked many-to-many links (and the links other records'
  histories still show to it), and the records its deletion cascaded to. The restore is a "+" history row
  "Restored from deletion by <user>", so the History tab reads created … deleted … restored.

Fields a model keeps out of its history (`version`, a milestone's derived `rag`) come back at their defaults;
`after_restore` lets an admin recompute what is derived.
"""

import datetime
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.dispatch import receiver
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin
from simple_history.signals import pre_create_historical_record
from simple_history.utils import get_m2m_field_name, get_m2m_reverse_field_name

from core.concurrency import claim_version
from core.models import VersionedModel
from core.records import stamp
from core.restriction import RestrictedQuerySet, can_view_restricted, system_work

DELETED_IN_ADMIN = "Deleted in the admin"
# Rows a deletion outside the admin cascaded to carry their own timestamps, a moment before their parent's.
CASCADE_WINDOW = datetime.timedelta(seconds=5)
DELETED_LIST_LIMIT = 100


class RestoreError(Exception):
    """A deleted record that cannot be restored as things stand; the message says why."""


# --- deletion stamp -------------------------------------------------------------------------------------------


@dataclass
class _Deletion:
    when: datetime.datetime
    user: object


_current_deletion: ContextVar[_Deletion | None] = ContextVar("admin_deletion", default=None)


@contextmanager
def admin_deletion(user):
    """Every "-" history row written inside gets one timestamp, the user and the reason "Deleted in the admin"
    (unless the code deleting gave its own), so the rows a cascade removed are found again on restore."""
    token = _current_deletion.set(_Deletion(timezone.now(), user))
    try:
        # A deletion cascades to records whatever their classification: system work.
        with system_work():
            yield
    finally:
        _current_deletion.reset(token)


@receiver(pre_create_historical_record, dispatch_uid="mhhs_admin_deletion_stamp")
def _stamp_admin_deletion(sender, history_instance, **kwargs):
    deletion = _current_deletion.get()
    if deletion is None or history_instance.history_type != "-":
        return
    history_instance.history_date = deletion.when
    if history_instance.history_user_id is None and getattr(deletion.user, "pk", None) is not None:
        history_instance.history_user = deletion.user
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = DELETED_IN_ADMIN


# --- finding deleted records ------------------------------------------------------------------------------------


def has_history(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def deleted_records(model):
    """The last history row of each record of `model` that was deleted and is not live again, newest first."""
    history = history_model(model)
    pk = model._meta.pk.attname
    live = model._base_manager.filter(pk=OuterRef(pk))
    later = history.objects.filter(**{pk: OuterRef(pk)}, history_id__gt=OuterRef("history_id"))
    return (
        history.objects.filter(history_type="-")
        .exclude(Exists(live))
        .exclude(Exists(later))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


LABEL_FIELDS = ("ref", "code", "title", "name", "subject", "text")


@system_work()
def record_label(record) -> str:
    """The deleted record as its model names it; where that needs a record deleted too, its ref, title or
    text, else its id."""
    model = record.instance_type
    try:
        instance = record.instance
        instance.__dict__.pop("_history", None)
        return str(instance)
    except Exception:  # its __str__ follows a foreign key to a record that is gone as well
        for name in LABEL_FIELDS:
            value = getattr(record, name, None)
            if isinstance(value, str) and value:
                return Truncator(value).chars(60)
        return f"#{getattr(record, model._meta.pk.attname)}"


def cascaded_with(record) -> list:
    """The deleted rows the deletion of `record` cascaded to (recursively), parents before children: rows of
    history-tracked models whose CASCADE foreign key points at it, deleted with the same stamp (an admin
    deletion), or by the same user up to a few seconds before it (a deletion elsewhere), and not live."""
    model = record.instance_type
    pk_value = getattr(record, model._meta.pk.attname)
    found = []
    for relation in model._meta.related_objects:
        if relation.many_to_many or relation.on_delete is not models.CASCADE or not has_history(relation.related_model):
            continue
        child_model = relation.related_model
        if relation.field.attname not in {f.attname for f in history_model(child_model)._meta.fields}:
            continue
        same_deletion = Q(history_date=record.history_date) | Q(
            history_date__gte=record.history_date - CASCADE_WINDOW,
            history_date__lte=record.history_date,
            history_user_id=record.history_user_id,
        )
        children = deleted_records(child_model).filter(same_deletion, **{relation.field.attname: pk_value})
        for child in children.order_by("history_id"):
            found.append(child)
            found.extend(cascaded_with(child))
    return found


# --- restoring -----------------------------------------------------------------------------------------------------


@dataclass
class Restored:
    instance: object
    cascaded: list = field(default_factory=list)
    notes: list = field(default_factory=list)


@system_work()
def restore_deleted(record, user) -> Restored:
    """Recreates the record deleted at history row `record` (history_type "-") and everything its deletion
    cascaded to, in one transaction, each with a "+" history row "Restored from deletion by <user>"."""
    reason = f"Restored from deletion by {user.get_username()}"
    with transaction.atomic():
        notes: list[str] = []
        instance = _restore_one(record, user, reason, notes)
        cascaded = [_restore_one(child, user, reason, notes) for child in cascaded_with(record)]
    return Restored(instance, cascaded, notes)


def _restore_one(record, user, reason: str, notes: list):
    model = record.instance_type
    opts = model._meta
    pk_value = getattr(record, opts.pk.attname)
    if record.history_type != "-":
        raise RestoreError(f"History entry {record.history_id} is not a deletion.")
    if model._base_manager.filter(pk=pk_value).exists():
        raise RestoreError(f"{opts.verbose_name.capitalize()} {pk_value} exists: it was restored already.")

    instance = record.instance
    instance.__dict__.pop("_history", None)  # a plain record, not a historical view of one
    label = record_label(record)
    for model_field in opts.concrete_fields:
        if not model_field.is_relation or model_field.many_to_many:
            continue
        value = getattr(instance, model_field.attname)
        target = model_field.remote_field.model
        if value is not None and not target._base_manager.filter(**{model_field.target_field.attname: value}).exists():
            raise RestoreError(
                f"{label} refers to {target._meta.verbose_name} {value}, which is deleted too: restore that first."
            )
    try:
        instance.validate_unique()
        instance.validate_constraints()
    except ValidationError as error:
        raise RestoreError(f"{label} cannot be restored: {' '.join(error.messages)}") from error

    # The many-to-many rows go in first: foreign keys are checked at commit (Django creates them deferrable), so
    # the "+" history row written when the record is saved records its links, as any other version does.
    _restore_links(model, record, pk_value, notes)
    stamp(instance, user, reason)
    try:
        with transaction.atomic():
            instance.save(force_insert=True)
    except IntegrityError as error:
        raise RestoreError(f"{label} cannot be restored: {error}") from error
    return instance


def _restore_links(model, record, pk_value, notes: list) -> None:
    """Tracked many-to-many links: the record's own, as its last version before the deletion had them, and
    those other live records' latest versions still show to it (the deletion removed them without a trace
    in those records' histories)."""
    history = history_model(model)
    pk = model._meta.pk.attname
    before = (
        history.objects.filter(**{pk: pk_value}, history_id__lt=record.history_id)
        .exclude(history_type="-")
        .order_by("-history_date", "-history_id")
        .first()
    )
    wanted: dict[type, set[tuple[str, int, str, int]]] = {}

    if before is not None:
        for m2m_field in history._history_m2m_fields:
            source, target = get_m2m_field_name(m2m_field), get_m2m_reverse_field_name(m2m_field)
            m2m_history = getattr(history, m2m_field.name).model
            ids = set(m2m_history.objects.filter(history=before).values_list(f"{target}_id", flat=True))
            live = set(m2m_field.related_model._base_manager.filter(pk__in=ids).values_list("pk", flat=True))
            if ids - live:
                notes.append(f"{len(ids - live)} {m2m_field.verbose_name} link(s) to deleted records left out")
            rows = wanted.setdefault(m2m_field.remote_field.through, set())
            for other in live:
                rows.add((source, pk_value, target, other))
                if m2m_field.remote_field.symmetrical and m2m_field.related_model is model:
                    rows.add((source, other, target, pk_value))

    for other_model in apps.get_models():
        if not has_history(other_model):
            continue
        other_history = history_model(other_model)
        other_pk = other_model._meta.pk.attname
        for m2m_field in other_history._history_m2m_fields:
            if m2m_field.related_model is not model:
                continue
            source, target = get_m2m_field_name(m2m_field), get_m2m_reverse_field_name(m2m_field)
            m2m_history = getattr(other_history, m2m_field.name).model
            latest = (
                other_history.objects.filter(**{other_pk: OuterRef(f"history__{other_pk}")})
                .order_by("-history_date", "-history_id")
                .values("history_id")[:1]
            )
            holders = set(
                m2m_history.objects.filter(**{f"{target}_id": pk_value})
                .filter(history__history_type__in=["+", "~"], history_id=Subquery(latest))
                .values_list(f"{source}_id", flat=True)
            )
            holders = set(other_model._base_manager.filter(pk__in=holders).values_list("pk", flat=True))
            rows = wanted.setdefault(m2m_field.remote_field.through, set())
            for holder in holders:
                rows.add((source, holder, target, pk_value))

    for through, rows in wanted.items():
        through._default_manager.bulk_create(
            [through(**{f"{source}_id": a, f"{target}_id": b}) for source, a, target, b in sorted(rows)],
            ignore_conflicts=True,
        )


# --- the admin -----------------------------------------------------------------------------------------------------


class GatedAdminMixin:
    """The admin reads registers through the gate (core.restriction) like every page: its lists, the record it
    opens and the choices its pickers offer are restricted for the signed-in user."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.restrict(request.user) if isinstance(queryset, RestrictedQuerySet) else queryset

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A form saves every link it was built with: it is built only for staff who see every record, and reads
        # the record's links in full (system work), so saving it never unlinks what the form did not show.
        if not can_view_restricted(request.user):
            raise PermissionDenied
        with system_work():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        queryset = getattr(field, "queryset", None)
        if isinstance(queryset, RestrictedQuerySet) and not queryset.is_restricted:
            field.queryset = queryset.restrict(request.user)
        return field


class HistoryAdmin(GatedAdminMixin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin with admin deletions stamped in the history and a "Deleted records" page from which
    PMO and superusers restore them. An edit here takes a version, as every write does, so a form opened elsewhere
    before it is refused as stale."""

    change_list_template = "admin/history/change_list.html"

    def save_model(self, request, obj, form, change):
        if change and isinstance(obj, VersionedModel):
            claim_version(obj)
        stamp(obj, request.user, "Edited in the admin" if change else "Added in the admin")
        super().save_model(request, obj, form, change)

    # --- deletions ------------------------------------------------------------------------------------------

    def delete_model(self, request, obj):
        with admin_deletion(request.user):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with admin_deletion(request.user):
            super().delete_queryset(request, queryset)

    # --- restoring -----------------------------------------------------------------------------------------

    def has_restore_permission(self, request) -> bool:
        """Staff who may add and change these records here: PMO and superusers, not Chairs or Participants (and
        nobody where the admin allows no adding, as for the RAID scoring grid)."""
        user = request.user
        return (
            user.is_active
            and user.is_staff
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )

    def after_restore(self, request, restored: Restored) -> None:
        """Hook for what a restore leaves derived fields to (e.g. a milestone's RAG)."""

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("deleted/", self.admin_site.admin_view(self.deleted_view), name=f"{info}_deleted"),
            path(
                "deleted/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{info}_restore",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if self.has_restore_permission(request):
            extra_context["deleted_records_url"] = self._url("deleted")
        return super().changelist_view(request, extra_context)

    def _url(self, name: str, *args) -> str:
        return reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    def _context(self, request, **context):
        return {**self.admin_site.each_context(request), "opts": self.opts, **context}

    def deleted_view(self, request):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        records = deleted_records(self.model)
        pk = self.opts.pk.attname
        rows = [
            {
                "record": record,
                "label": record_label(record),
                "history_url": self._url("history", getattr(record, pk)),
                "restore_url": self._url("restore", record.history_id),
            }
            for record in records[:DELETED_LIST_LIMIT]
        ]
        context = self._context(
            request, title=f"Deleted {self.opts.verbose_name_plural}", rows=rows, total=records.count()
        )
        return TemplateResponse(request, "admin/history/deleted_records.html", context)

    def restore_view(self, request, history_id: int):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        record = deleted_records(self.model).filter(history_id=history_id).first()
        if record is None:
            raise Http404(f"No deleted {self.opts.verbose_name} with history entry {history_id}.")
        if request.method == "POST":
            try:
                restored = restore_deleted(record, request.user)
            except RestoreError as error:
                self.message_user(request, str(error), messages.ERROR)
                return HttpResponseRedirect(self._url("deleted"))
            self.log_addition(request, restored.instance, "Restored from deletion.")
            self.after_restore(request, restored)
            extra = f", with {len(restored.cascaded)} record(s) deleted with it" if restored.cascaded else ""
            notes = f" ({'; '.join(restored.notes)})" if restored.notes else ""
            self.message_user(request, f"Restored {restored.instance}{extra}.{notes}", messages.SUCCESS)
            return HttpResponseRedirect(self._url("change", restored.instance.pk))
        context = self._context(
            request,
            title=f"Restore {self.opts.verbose_name}",
            record=record,
            label=record_label(record),
            cascaded=[
                f"{child.instance_type._meta.verbose_name.capitalize()}: {record_label(child)}"
                for child in cascaded_with(record)
            ],
            deleted_url=self._url("deleted"),
        )
        return TemplateResponse(request, "admin/history/restore.html", context)
