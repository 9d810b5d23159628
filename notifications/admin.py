from django.contrib import admin

from notifications.models import BouncedAddress, Delivery, Follow, Notification, Preference


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The outbox, for the PMO: failures after their last try and bounces first by filtering on status. Rows are
    written and sent by notifications.services only."""

    list_display = ["key", "address", "frequency", "status", "attempts", "last_error", "created_at", "sent_at"]
    list_filter = ["status", "frequency", "channel"]
    search_fields = ["key", "address", "last_error"]
    readonly_fields = [field.name for field in Delivery._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(BouncedAddress)
class BouncedAddressAdmin(admin.ModelAdmin):
    """Deleting a row clears the address: email to it is sent again."""

    list_display = ["address", "bounced_at", "reason"]
    search_fields = ["address"]
    readonly_fields = ["address", "reason", "bounced_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "subject", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["subject", "recipient__username"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False


admin.site.register(Preference)
admin.site.register(Follow)
