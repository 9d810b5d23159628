from django.contrib import admin

from core.admin_history import GatedAdminMixin, HistoryAdmin
from meetings.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Decision,
    DiscussionItem,
    Meeting,
    PackDownload,
    Vote,
    VoteRound,
)


class AgendaItemInline(GatedAdminMixin, admin.TabularInline):
    model = AgendaItem
    extra = 0


class DiscussionItemInline(GatedAdminMixin, admin.TabularInline):
    model = DiscussionItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ("ref", "group", "title", "starts_at", "status", "headline_status", "classification")
    list_filter = ("group", "status", "headline_status", "classification")
    search_fields = ("ref", "title")
    list_select_related = ("group",)
    # Headline report state moves through meetings.services (issue / approve), which records the decision.
    readonly_fields = (
        "ref",
        "version",
        "headline_status",
        "headline_issued_on",
        "headline_approved_at",
        "headline_approved_with_amendments",
        "headline_approved_by_correspondence",
    )
    inlines = [AgendaItemInline, DiscussionItemInline]


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    readonly_fields = ("on", "text", "status", "author")
    can_delete = False


@admin.register(Action)
class ActionAdmin(HistoryAdmin):
    list_display = ("ref", "meeting", "owner", "due_on", "status")
    list_filter = ("status", "meeting__group")
    search_fields = ("ref", "description", "owner")
    list_select_related = ("meeting",)
    readonly_fields = ("status", "latest_update", "closed_on", "closed_at", "version")
    filter_horizontal = ("change_requests", "raid_items", "milestones")
    inlines = [ActionUpdateInline]


@admin.register(Decision)
class DecisionAdmin(HistoryAdmin):
    list_display = ("ref", "meeting", "area", "decided_by", "change_request")
    list_filter = ("meeting__group",)
    search_fields = ("ref", "text")
    list_select_related = ("meeting", "change_request")


@admin.register(Vote)
class VoteAdmin(HistoryAdmin):
    list_display = ("meeting", "subject", "constituency", "vote")
    list_filter = ("vote", "meeting__group")


@admin.register(VoteRound)
class VoteRoundAdmin(HistoryAdmin):
    list_display = ("meeting", "subject", "by_correspondence", "opened_at", "closes_at", "closed_at", "tally_text")
    list_filter = ("by_correspondence", "meeting__group")
    search_fields = ("subject",)
    list_select_related = ("meeting",)
    # Rounds open, take votes and close through meetings.services (the chair's page and the API), which keep the
    # tally and the decision with them.
    readonly_fields = (
        "meeting",
        "subject",
        "change_request",
        "by_correspondence",
        "opened_by",
        "opened_at",
        "closes_at",
        "closed_at",
        "closed_by",
        "approve",
        "reject",
        "abstain",
        "absent",
        "tally_text",
        "decision",
    )

    def has_add_permission(self, request):
        return False


@admin.register(PackDownload)
class PackDownloadAdmin(admin.ModelAdmin):
    list_display = ("pack", "user", "downloaded_at")
    list_select_related = ("pack__meeting", "user")
    readonly_fields = ("pack", "user", "downloaded_at")

    def has_add_permission(self, request):
        return False
