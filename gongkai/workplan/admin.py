"""Work plans in the system administration, read-only: every write goes through the staff pages' services, so it
is checked and audit-logged."""

from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin
from gongkai.workplan.models import Task, TaskInstance, WorkPlan


@admin.register(WorkPlan)
class WorkPlanAdmin(ReadOnlyAdmin):
    list_display = ("title", "agency", "year", "confirmed_at")
    list_filter = ("year",)
    search_fields = ("title", "agency__name")
    list_select_related = ("agency",)
    exclude = ("source_text",)


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("label", "heading", "plan", "status", "done_on")
    list_filter = ("status",)
    search_fields = ("heading", "plan__title")
    list_select_related = ("plan",)


@admin.register(TaskInstance)
class TaskInstanceAdmin(ReadOnlyAdmin):
    list_display = ("task", "period_label", "due_on", "done_on")
    list_select_related = ("task",)
