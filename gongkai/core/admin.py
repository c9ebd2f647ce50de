"""The system administration's shared pieces: read-only pages for models whose every write goes through a service,
so it is checked and audit-logged."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """A model admin that shows rows and never adds, changes or deletes them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
