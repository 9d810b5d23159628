from django.contrib import admin

from core.admin_history import GatedAdminMixin, HistoryAdmin
from meetings.models import Action, ActionUpdate, AgendaItem, Decision, DiscussionItem, Meeting, Vote


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
