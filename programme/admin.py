from django.contrib import admin

from core.admin_history import HistoryAdmin
from programme.models import Constituency, GovernanceGroup, Organisation, Profile


@admin.register(Constituency)
class ConstituencyAdmin(HistoryAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ("name", "constituency", "active")
    list_filter = ("constituency", "active")
    search_fields = ("name",)
    list_select_related = ("constituency",)


@admin.register(GovernanceGroup)
class GovernanceGroupAdmin(HistoryAdmin):
    list_display = ("code", "name", "level", "parent", "chair", "active")
    list_filter = ("level", "active")
    search_fields = ("code", "name")
    list_select_related = ("parent",)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation")
    list_select_related = ("user", "organisation")
    autocomplete_fields = ("organisation",)
    search_fields = ("user__username", "organisation__name")
