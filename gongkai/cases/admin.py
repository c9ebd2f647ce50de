"""Cases and yearly figures in the system administration, read-only: every write goes through the staff pages'
services, so it is checked and audit-logged."""

from django.contrib import admin

from gongkai.cases.models import Case, CaseDocument, YearFigures
from gongkai.core.admin import ReadOnlyAdmin


class CaseDocumentInline(admin.TabularInline):
    model = CaseDocument
    fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("number", "agency", "kind", "filed_on", "reply_due_on", "concluded_on", "result")
    list_filter = ("kind", "result")
    search_fields = ("number", "agency__name")
    list_select_related = ("agency",)
    inlines = [CaseDocumentInline]
    # The applicant's or plaintiff's name is personal data a system administrator sees masked on the staff pages
    # (gongkai.agencies.access.PERSONAL_DATA_IN_FULL): the administration does not show it either.
    exclude = ("party_name",)


@admin.register(YearFigures)
class YearFiguresAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "values", "updated_at")
    list_filter = ("year",)
    search_fields = ("agency__name", "agency__credit_code")
    list_select_related = ("agency",)
