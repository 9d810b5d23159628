"""Import (upload → dry-run preview → confirm) and export pages for every register's spreadsheets."""

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
from core.spreadsheets import MAX_UPLOAD_BYTES, SheetError
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
    """Upload → a dry run showing each row as create / update / unchanged / error → confirm (all or nothing)."""
    # An import creates and rewrites records: PMO's, not a Chair's (who may add decisions but not edit them).
    register = _register(kind, request.user, "add", "change")
    sheet = register.sheet()
    context = {
        "kind": kind,
        "sheet": sheet,
        "list_url": reverse(register.list_url),
        "max_mb": MAX_UPLOAD_BYTES // 2**20,
    }
    if request.method == "POST" and request.POST.get("token"):
        return _confirm(request, sheet, context)
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = "Choose a file to upload."
        elif upload.size > MAX_UPLOAD_BYTES:
            # Refused before anything reads it.
            context["error"] = f"The file is larger than {context['max_mb']} MB."
        else:
            content = upload.read()
            try:
                report, _ = sheet.check(upload.name, content)
            except SheetError as refused:
                context["error"] = str(refused)
            else:
                context["report"] = report
                if not report.errors:
                    token = f"{uuid.uuid4().hex}"
                    default_storage.save(f"{PENDING_DIR}/{token}", ContentFile(content))
                    context["token"], context["filename"] = token, upload.name
    status = 400 if context.get("error") else 200
    return render(request, "includes/import.html", context, status=status)


def _confirm(request, sheet, context):
    token = request.POST["token"]
    name = f"{PENDING_DIR}/{token}"
    if not token.isalnum() or not default_storage.exists(name):
        context["error"] = "This preview has expired: upload the file again."
        return render(request, "includes/import.html", context, status=400)
    with default_storage.open(name, "rb") as pending:
        content = pending.read()
    filename = request.POST.get("filename", "upload")[:200]
    try:
        report = sheet.run(filename, content, actor=request.user, dry_run=False)
    except SheetError as refused:
        context["error"] = str(refused)
        return render(request, "includes/import.html", context, status=400)
    finally:
        default_storage.delete(name)
    if report.errors:
        # The data changed between preview and confirmation: nothing was imported.
        context["report"] = report
        return render(request, "includes/import.html", context, status=409)
    counts = report.counts
    messages.success(
        request,
        f"Imported {filename}: {counts['create']} created, {counts['update']} updated, "
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
