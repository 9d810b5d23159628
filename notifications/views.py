from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from changes.models import ChangeRequest
from core.exceptions import WorkflowError
from core.roles import PMO, role_of
from meetings.models import Action, Meeting
from notifications import mail, selectors, services
from notifications.choices import DeliveryStatus, Kind
from notifications.forms import FollowGroupForm, PreferencesForm
from notifications.models import BouncedAddress, Delivery, Follow, Notification, Preference
from programme.models import GovernanceGroup

# The records a person may follow, by the name their follow URL gives them.
FOLLOWABLE = {"change-request": ChangeRequest, "meeting": Meeting, "action": Action}


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


class InboxView(View):
    def get(self, request):
        notifications = Notification.objects.filter(recipient=request.user).select_related("content_type")
        page = Paginator(notifications, 50).get_page(request.GET.get("page"))
        selectors.mark_unreadable(page.object_list, request.user)
        return render(request, "notifications/inbox.html", {"page": page, "kinds": Kind})


@require_POST
def mark_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_mark_read(notification=notification, actor=request.user)
    return _back(request, "notifications:inbox")


@require_POST
def mark_all_read(request):
    count = services.notifications_mark_all_read(actor=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked read.")
    return redirect("notifications:inbox")


class PreferencesView(View):
    template_name = "notifications/preferences.html"

    def _current(self, user) -> dict[str, str]:
        stored = dict(Preference.objects.filter(user=user).values_list("kind", "frequency"))
        return {kind: stored.get(kind, Preference.default_for(kind)) for kind in Kind.values}

    def _render(self, request, form=None, follow_form=None, status=200):
        follows = Follow.objects.filter(user=request.user)
        context = {
            "form": form or PreferencesForm(current=self._current(request.user)),
            "follow_form": follow_form or FollowGroupForm(),
            "followed_groups": [f.group for f in follows.filter(group__isnull=False).select_related("group")],
            "followed_records": _readable_follows(follows.filter(group__isnull=True), request.user),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(request)

    def post(self, request):
        if "group" in request.POST:
            follow_form = FollowGroupForm(request.POST)
            if not follow_form.is_valid():
                return self._render(request, follow_form=follow_form, status=400)
            group = follow_form.cleaned_data["group"]
            services.follow_set(user=request.user, following=True, group=group)
            messages.success(request, f"You follow {group.code}: its papers and headline reports reach you.")
            return redirect("notifications:preferences")
        form = PreferencesForm(request.POST, current=self._current(request.user))
        if not form.is_valid():
            return self._render(request, form=form, status=400)
        services.preferences_save(user=request.user, frequencies=form.cleaned_data)
        messages.success(request, "Your notification preferences are saved.")
        return redirect("notifications:preferences")


def _readable_follows(follows, user) -> list:
    """Followed records the person may still read, each as (label, url, type name, ref)."""
    names = {model: name for name, model in FOLLOWABLE.items()}
    rows = []
    for follow in follows.select_related("content_type"):
        model = follow.content_type.model_class()
        if model not in names:
            continue
        record = model.objects.restrict(user).filter(pk=follow.object_id).first()
        if record is not None:
            rows.append({"record": record, "type": names[model]})
    return rows


@require_POST
def follow_group(request, code):
    group = get_object_or_404(GovernanceGroup, code=code)
    following = request.POST.get("follow") == "1"
    services.follow_set(user=request.user, following=following, group=group)
    messages.success(request, f"You {'follow' if following else 'no longer follow'} {group.code}.")
    return _back(request, group.get_absolute_url())


@require_POST
def follow_record(request, record_type, ref):
    model = FOLLOWABLE.get(record_type)
    if model is None:
        return render(request, "404.html", status=404)
    record = get_object_or_404(model.objects.restrict(request.user), ref=ref)
    following = request.POST.get("follow") == "1"
    services.follow_set(user=request.user, following=following, record=record)
    messages.success(request, f"You {'follow' if following else 'no longer follow'} {record}.")
    return _back(request, record.get_absolute_url())


@login_not_required
@csrf_exempt  # mail clients post the one-click unsubscribe (RFC 8058) without a form of ours
def unsubscribe(request, token):
    """The link in every email: no sign-in needed, the signature says who and what. Opening it asks to confirm (a
    link scanner opening it changes nothing); confirming, or a mail client's one-click POST, turns the kinds off.
    A forged or expired link gets a page that says so, and changes nothing."""
    try:
        if request.method == "POST":
            _, kinds = services.unsubscribe(token)
            done = True
        else:
            _, kinds = mail.read_unsubscribe_token(token)
            done = False
    except signing.SignatureExpired:
        return render(request, "notifications/unsubscribe_invalid.html", {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "notifications/unsubscribe_invalid.html", {"expired": False}, status=400)
    labels = [Kind(kind).label for kind in kinds]
    return render(request, "notifications/unsubscribe.html", {"done": done, "labels": labels, "token": token})


def _require_pmo(user) -> None:
    if role_of(user) not in {PMO, "Administrator"}:
        raise PermissionDenied("The outbox is the PMO's to read.")


class OutboxView(View):
    """Emails that did not go: failed after their last try, bounced, or still being retried."""

    def get(self, request):
        _require_pmo(request.user)
        troubled = (
            Delivery.objects.filter(
                Q(status__in=[DeliveryStatus.FAILED, DeliveryStatus.BOUNCED])
                | Q(status=DeliveryStatus.QUEUED, attempts__gt=0)
            )
            .select_related("notification", "recipient")
            .order_by("-created_at")
        )
        page = Paginator(troubled, 50).get_page(request.GET.get("page"))
        context = {"page": page, "bounced": BouncedAddress.objects.all()[:200], "statuses": DeliveryStatus}
        return render(request, "notifications/outbox.html", context)


@require_POST
def retry_delivery(request, pk):
    _require_pmo(request.user)
    delivery = get_object_or_404(Delivery, pk=pk)
    try:
        services.delivery_retry(delivery=delivery, actor=request.user)
    except WorkflowError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"The email to {delivery.address} is queued again.")
    return redirect("notifications:outbox")
