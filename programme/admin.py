from django import forms
from django.contrib import admin

from core.admin_history import HistoryAdmin
from core.roles import CONSTITUENCY_REPRESENTATIVE, PARTY_REPRESENTATIVE
from programme import services
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


class ProfileForm(forms.ModelForm):
    party_representative = forms.BooleanField(
        required=False, help_text="Answers impact assessments for their organisation."
    )
    constituency_representative = forms.BooleanField(
        required=False, help_text="Votes for their organisation's constituency where a group votes."
    )

    class Meta:
        model = Profile
        fields = ("user", "organisation")

    def clean(self):
        data = super().clean()
        if (data.get("party_representative") or data.get("constituency_representative")) and not data.get(
            "organisation"
        ):
            self.add_error("organisation", "A representative speaks for an organisation: choose theirs.")
        return data

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            held = set(self.instance.user.groups.values_list("name", flat=True))
            self.fields["party_representative"].initial = PARTY_REPRESENTATIVE in held
            self.fields["constituency_representative"].initial = CONSTITUENCY_REPRESENTATIVE in held


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    """Where the PMO grant the representative roles, through the same service as the people spreadsheet."""

    form = ProfileForm
    list_display = ("user", "organisation", "representative_of")
    list_select_related = ("user", "organisation")
    autocomplete_fields = ("organisation",)
    search_fields = ("user__username", "organisation__name")

    @admin.display(description="Represents")
    def representative_of(self, profile):
        held = {group.name for group in profile.user.groups.all()}
        return ", ".join(grant for grant in (PARTY_REPRESENTATIVE, CONSTITUENCY_REPRESENTATIVE) if grant in held)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("user__groups")

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        services.person_save(
            username=data["user"].username,
            organisation=data["organisation"],
            party_representative=data["party_representative"],
            constituency_representative=data["constituency_representative"],
        )
        obj.pk = Profile.objects.get(user=data["user"]).pk
