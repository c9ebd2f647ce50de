"""The system administrator keeps the vocabularies (主题分类, 体裁) and each agency's disclosure settings here; every
save goes through a service (checked and audit-logged). A term is never deleted: deactivating it keeps it on the items
that have it and stops offering it for new ones."""

from django.contrib import admin

from gongkai.disclosure.models import DisclosureSettings, VocabularyTerm
from gongkai.disclosure.services import settings_set, term_save


@admin.register(VocabularyTerm)
class VocabularyTermAdmin(admin.ModelAdmin):
    list_display = ("label", "code", "kind", "parent", "active", "position")
    list_filter = ("kind", "active")
    list_editable = ("active", "position")
    search_fields = ("label", "code")
    ordering = ("kind", "parent__position", "position", "code")
    list_select_related = ("parent",)
    fields = ("kind", "code", "label", "parent", "active", "position")

    def get_readonly_fields(self, request, obj=None):
        return ("kind", "code") if obj else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":  # a sub-term belongs to a main term (主题分类 has two levels)
            kwargs["queryset"] = VocabularyTerm.objects.filter(parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        term_save(actor=request.user, term=obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DisclosureSettings)
class DisclosureSettingsAdmin(admin.ModelAdmin):
    list_display = ("agency", "allow_two_steps", "allow_drafter_review")
    list_select_related = ("agency",)
    raw_id_fields = ("agency",)

    def get_readonly_fields(self, request, obj=None):
        return ("agency",) if obj else ()

    def save_model(self, request, obj, form, change):
        saved = settings_set(
            actor=request.user,
            agency=obj.agency,
            allow_two_steps=obj.allow_two_steps,
            allow_drafter_review=obj.allow_drafter_review,
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False
