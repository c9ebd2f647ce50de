"""The system administration shows the devices read-only: enrolment, removal and reset go through the services
(audited) and the workspace's two-factor pages; django-otp's own admin pages, which add devices and show their keys,
are taken off."""

from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.core.admin import ReadOnlyAdmin
from gongkai.twofactor.models import RecoveryCodeDevice

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(ReadOnlyAdmin):
    list_display = ("user", "created_at", "last_used_at", "throttling_failure_count")
    search_fields = ("user__username",)
    fields = ("user", "name", "confirmed", "created_at", "last_used_at", "throttling_failure_count")


@admin.register(RecoveryCodeDevice)
class RecoveryCodeDeviceAdmin(ReadOnlyAdmin):
    list_display = ("user", "created_at", "last_used_at", "throttling_failure_count")
    search_fields = ("user__username",)
    fields = ("user", "name", "created_at", "last_used_at", "throttling_failure_count")
