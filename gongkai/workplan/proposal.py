"""What importing a plan document would create, for the admin to review: the tasks read by gongkai.law.workplan and
every department name matched to the agency's departments (exact, normalised, alias, or the admin's mapping).

Nothing here writes; the command's --dry-run, the review page and the import service all build the same proposal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import pgettext

from gongkai.agencies.models import Agency, Department
from gongkai.agencies.selectors import department_refs, departments_of
from gongkai.law.workplan import (
    ALL_DEPARTMENTS,
    DepartmentRef,
    ParsedPlan,
    PlanTask,
    chinese_numeral,
    match_department,
    parse_plan,
)
from gongkai.workplan.errors import WorkplanError

# The mapping value that keeps a written name as text, without a department.
KEEP_AS_TEXT = ""
HOW_LABELS = {
    "name": "名称一致",
    "alias": "别名",
    "normalised": "名称相近",
    "mapped": "人工对应",
    "kept": "不对应科室，保留原文",
}


@dataclass(frozen=True)
class NameMatch:
    name: str  # as written in the plan
    department: Department | None
    how: str  # a key of HOW_LABELS, or "" when not matched

    @property
    def how_label(self) -> str:
        return HOW_LABELS.get(self.how, "")


@dataclass(frozen=True)
class Proposal:
    agency: Agency
    year: int
    plan: ParsedPlan
    departments: tuple[Department, ...]
    names: tuple[NameMatch, ...]

    @property
    def unmapped(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.names if not m.how)

    def match(self, name: str) -> NameMatch | None:
        return next((m for m in self.names if m.name == name), None)

    def departments_for(self, names: tuple[str, ...]) -> list[Department]:
        """The departments the written names stand for (各科室 → every department), in order, each once."""
        found: dict[int, Department] = {}
        for name in names:
            if name == ALL_DEPARTMENTS:
                found.update((d.pk, d) for d in self.departments)
                continue
            match = self.match(name)
            if match and match.department is not None:
                found.setdefault(match.department.pk, match.department)
        return list(found.values())

    def describe(self, names: tuple[str, ...]) -> str:
        """Names as written with the department each was matched to: "社救办（社会救助科）、各科室（全部 5 个）"."""
        parts = []
        for name in names:
            if name == ALL_DEPARTMENTS:
                parts.append(f"{name}（全部 {len(self.departments)} 个）")
                continue
            match = self.match(name)
            if match is None or not match.how:
                parts.append(f"{name}（未对应）")
            elif match.department is None:
                parts.append(f"{name}（保留原文）")
            elif match.department.name != name:
                parts.append(f"{name}（{match.department.name}）")
            else:
                parts.append(name)
        return "、".join(parts)

    def rows(self) -> list[dict]:
        """One row per task for the review table and the command's printout."""
        return [
            {
                "task": task,
                "group": f"{chinese_numeral(task.group)}、{self.plan.group_heading(task.group)}" if task.group else "",
                "leads": self.describe(task.leads),
                "cooperating": self.describe(task.cooperating),
                "timings": "；".join(t.describe() for t in task.timings),
            }
            for task in self.plan.tasks
        ]

    def name_map(self) -> dict[str, str]:
        """What the admin decided, as stored on the plan: written name → department name ("" = kept as text)."""
        return {
            m.name: (m.department.name if m.department else KEEP_AS_TEXT)
            for m in self.names
            if m.how in ("mapped", "kept")
        }


def _refs(departments: tuple[Department, ...]) -> list[DepartmentRef]:
    return department_refs(departments)


def check_mapping(mapping: Mapping[str, str], departments: tuple[Department, ...]) -> None:
    """Each mapping names a department of the agency (its name or an alias) or keeps the name as text."""
    refs = _refs(departments)
    wrong = [target for target in mapping.values() if target != KEEP_AS_TEXT and match_department(target, refs) is None]
    if wrong:
        names = pgettext("between the names of a list", ", ").join(dict.fromkeys(wrong))
        raise WorkplanError.MAP_TARGET.refuse("mapping", names=names)


def build_proposal(agency: Agency, text: str, year: int, mapping: Mapping[str, str] | None = None) -> Proposal:
    """Read ``text`` as the agency's plan for ``year`` and match its department names (two queries)."""
    mapping = dict(mapping or {})
    departments = tuple(departments_of(agency))
    check_mapping(mapping, departments)
    refs = _refs(departments)
    by_id = {d.pk: d for d in departments}
    plan = parse_plan(text, year=year)
    names = []
    for name in plan.department_names():
        if mapping.get(name) == KEEP_AS_TEXT and name in mapping:
            names.append(NameMatch(name, None, "kept"))
            continue
        match = match_department(name, refs, mapping)
        names.append(NameMatch(name, by_id[match.key], match.how) if match else NameMatch(name, None, ""))
    return Proposal(agency=agency, year=year, plan=plan, departments=departments, names=tuple(names))


def kept_names(task: PlanTask, proposal: Proposal) -> list[str]:
    """The names of a task the admin kept as text, without a department."""
    return [
        name
        for name in (*task.leads, *task.cooperating)
        if name != ALL_DEPARTMENTS and (match := proposal.match(name)) is not None and match.how == "kept"
    ]
