"""Import (upload → dry-run preview → map unknown wordings → confirm) and export pages for every register's
spreadsheets."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from core import clock
from core.spreadsheets import MAX_UPLOAD_BYTES, SheetError, parse_uk_date
from core.vocabulary import remember_mapping
from mhhs_governance.registers import REGISTERS

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
PENDING_DIR = "imports"


def _register(kind: str, user, *actions: str):
    register = REGISTERS.get(kind)
    if register is None:
        raise Http404
    opts = register.sheet.model._meta
    if not user.has_perms([f"{opts.app_label}.{action}_{opts.model_name}" for action in actions]):
        raise PermissionDenied
    return register


def _download(content: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export(request, kind: str, fmt: str):
    """The list page's current view (its filters, and `?as_of=` moment) with the headers the import reads; a
    Participant's export holds Public records only."""
    register = _register(kind, request.user, "view")
    sheet = register.sheet()
    sheet.reader = request.user
    try:
        moment = clock.moment(request.GET.get(clock.AS_OF), user=request.user)
    except clock.MomentError as unreadable:
        return HttpResponse(f"as_of: {unreadable.message}", status=400, content_type="text/plain")
    queryset = register.queryset(request.user)
    if moment is None:
        filterset = register.filterset(request.GET, queryset=queryset, request=request)
    else:
        # As the list page and the API do: the versions as they stood, filtered on their values then.
        filterset = clock.as_of_filterset(register.filterset, request.GET, queryset, moment, request=request)
    if not filterset.is_valid():
        return HttpResponse(f"Bad filter: {filterset.errors.as_text()}", status=400, content_type="text/plain")
    if moment is not None:
        records = clock.records_as_of(filterset.qs, request.user, queryset)
        records = sheet.rewind(records, moment)
    else:
        records = list(sheet.queryset_for_export(filterset.qs))
    stamp = timezone.localtime(moment or timezone.now()).strftime("%Y-%m-%d")
    return _download(sheet.export(records, fmt), f"{kind}-{stamp}.{fmt}", fmt)


def template(request, kind: str, fmt: str):
    register = _register(kind, request.user, "add", "change")
    return _download(register.sheet().template(fmt), f"{kind}-template.{fmt}", fmt)


def import_page(request, kind: str):
    """Upload (with the date the file states, if it is an old one) → a dry run showing each row as create / update /
    unchanged / error and how each wording was read → map the wordings no rule reads → confirm (all or nothing)."""
    # An import creates and rewrites records: PMO's, not a Chair's (who may add decisions but not edit them).
    register = _register(kind, request.user, "add", "change")
    sheet = register.sheet()
    context = {
        "kind": kind,
        "sheet": sheet,
        "list_url": reverse(register.list_url),
        "max_mb": MAX_UPLOAD_BYTES // 2**20,
    }
    if request.method == "POST" and request.POST.get("map"):
        return _map(request, kind, sheet, context)
    if request.method == "POST" and request.POST.get("token"):
        return _confirm(request, sheet, context)
    if request.method == "POST":
        upload = request.FILES.get("file")
        as_of = _as_of(request, context)
        if upload is None:
            context["error"] = "Choose a file to upload."
        elif upload.size > MAX_UPLOAD_BYTES:
            # Refused before anything reads it.
            context["error"] = f"The file is larger than {context['max_mb']} MB."
        elif "error" not in context:
            _preview(context, sheet, upload.name, upload.read(), as_of)
    status = 400 if context.get("error") else 200
    return render(request, "includes/import.html", context, status=status)


def _as_of(request, context):
    """The date the file states, from the form (blank: the file is today's)."""
    value = request.POST.get("as_of", "").strip()
    try:
        return parse_uk_date(value)
    except ValueError as unreadable:
        context["error"] = f"As of: {unreadable}"
        return None


def _preview(context, sheet, filename: str, content: bytes, as_of, token: str | None = None) -> None:
    """Checks the file into `context`. The file waits under a token while it can still be imported: when every row
    passes (to confirm), or when the PMO can map the wordings that stopped it."""
    try:
        report, _ = sheet.check(filename, content, as_of=as_of)
    except SheetError as refused:
        context["error"] = str(refused)
        report = None
    if report is not None and (not report.errors or report.unknown_values):
        if token is None:
            token = uuid.uuid4().hex
            default_storage.save(f"{PENDING_DIR}/{token}", ContentFile(content))
        context.update(token=token, filename=filename, as_of=as_of)
    elif token is not None:
        default_storage.delete(f"{PENDING_DIR}/{token}")
    context["report"] = report


def _pending(request, context) -> bytes | None:
    token = request.POST.get("token", "")
    name = f"{PENDING_DIR}/{token}"
    if not token.isalnum() or not default_storage.exists(name):
        context["error"] = "This preview has expired: upload the file again."
        return None
    with default_storage.open(name, "rb") as pending:
        return pending.read()


def _map(request, kind: str, sheet, context):
    """Keeps the PMO's reading of one wording for this register, then checks the waiting file again with it."""
    content = _pending(request, context)
    as_of = _as_of(request, context)
    wording = request.POST.get("value", "").strip()[:255]
    if content is not None and "error" not in context:
        try:
            column, choice = sheet.mapping_target(request.POST.get("column", ""), request.POST.get("choice", ""))
        except ValueError as refused:
            context["error"] = str(refused)
        else:
            if not wording:
                context["error"] = "Give the wording to map."
            else:
                remember_mapping(kind=kind, column=column, value=wording, choice=choice, actor=request.user)
                context["mapped"] = f"'{wording}' is read as {choice} in this and every later import."
    if "error" in context:
        return render(request, "includes/import.html", context, status=400)
    filename = request.POST.get("filename", "upload")[:200]
    _preview(context, sheet, filename, content, as_of, token=request.POST["token"])
    return render(request, "includes/import.html", context, status=400 if context.get("error") else 200)


def _confirm(request, sheet, context):
    content = _pending(request, context)
    as_of = _as_of(request, context)
    if content is None or "error" in context:
        return render(request, "includes/import.html", context, status=400)
    filename = request.POST.get("filename", "upload")[:200]
    try:
        report = sheet.run(filename, content, actor=request.user, dry_run=False, as_of=as_of)
    except SheetError as refused:
        context["error"] = str(refused)
        return render(request, "includes/import.html", context, status=400)
    finally:
        default_storage.delete(f"{PENDING_DIR}/{request.POST['token']}")
    if report.errors:
        # The data changed between preview and confirmation: nothing was imported.
        context["report"] = report
        return render(request, "includes/import.html", context, status=409)
    counts = report.counts
    dated = f" as of {as_of:%d/%m/%Y}" if as_of else ""
    messages.success(
        request,
        f"Imported {filename}{dated}: {counts['create']} created, {counts['update']} updated, "
        f"{counts['unchanged']} unchanged.",
    )
    return redirect(context["list_url"])


def urlpatterns():
    from django.urls import path

    patterns = []
    for kind, register in REGISTERS.items():
        patterns += [
            path(f"{register.path}/import/", import_page, {"kind": kind}, name=f"import-{kind}"),
            path(
                f"{register.path}/import/template.<str:fmt>",
                _only_formats(template),
                {"kind": kind},
                name=f"template-{kind}",
            ),
            path(f"{register.path}/export.<str:fmt>", _only_formats(export), {"kind": kind}, name=f"export-{kind}"),
        ]
    return patterns


def _only_formats(view):
    def wrapped(request, fmt: str, kind: str):
        if fmt not in CONTENT_TYPES:
            raise Http404
        return view(request, kind=kind, fmt=fmt)

    return wrapped
