"""System administrators manage agencies here too; every save goes through the services (audit-logged)."""

from django.contrib import admin

from gongkai.agencies.models import Agency, Department, Membership
from gongkai.agencies.services import (
    CONTACT_FIELDS,
    agency_create,
    agency_update,
    membership_grant,
    membership_revoke,
)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "kind", "level", "parent", "supervisor")
    list_filter = ("kind", "level")
    search_fields = ("name", "short_name", "credit_code")
    raw_id_fields = ("parent", "supervisor")

    def get_readonly_fields(self, request, obj=None):
        return ("credit_code",) if obj else ()

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in (*CONTACT_FIELDS, "kind", "level", "parent", "supervisor")}
        if change:
            agency_update(actor=request.user, agency=obj, **fields)
        else:
            contact = {k: fields.pop(k) for k in CONTACT_FIELDS if k != "name"}
            created = agency_create(
                actor=request.user,
                name=fields.pop("name"),
                credit_code=form.cleaned_data["credit_code"],
                **fields,
                **contact,
            )
            obj.pk = created.pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role", "department")
    list_filter = ("role",)
    raw_id_fields = ("user", "agency", "department")

    def save_model(self, request, obj, form, change):
        if change:
            membership_revoke(actor=request.user, membership=Membership.objects.get(pk=obj.pk))
        created = membership_grant(
            actor=request.user, user=obj.user, agency=obj.agency, role=obj.role, department=obj.department
        )
        obj.pk = created.pk

    def delete_model(self, request, obj):
        membership_revoke(actor=request.user, membership=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            membership_revoke(actor=request.user, membership=obj)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "aliases")
    search_fields = ("name", "agency__name")

    def has_change_permission(self, request, obj=None):
        return False
