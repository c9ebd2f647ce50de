from django.contrib import admin

from gongkai.workcalendar.models import CalendarNotice, CalendarOverride
from gongkai.workcalendar.services import override_delete, override_save


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "is_workday", "name", "notice")
    list_filter = ("is_workday", "notice")
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        override_save(actor=request.user, override=obj)

    def delete_model(self, request, obj):
        override_delete(actor=request.user, override=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            override_delete(actor=request.user, override=obj)


@admin.register(CalendarNotice)
class CalendarNoticeAdmin(admin.ModelAdmin):
    list_display = ("year", "document", "loaded_at")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
