"""Refusals of the agency writes (:mod:`gongkai.agencies.services`).

An invalid 统一社会信用代码 keeps the code of :mod:`gongkai.law.identifiers` (``uscc.check``, ``uscc.length`` …).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import Refusals


class AgencyError(Refusals):
    # agencies
    CREDIT_CODE_TAKEN = "agencies.credit_code_taken", _("An agency with credit code %(code)s already exists.")
    LINK_CYCLE = "agencies.link_cycle", _("This link would make the agency its own ancestor.")
    # departments
    DEPARTMENT_NAME_REQUIRED = "agencies.department_name_required", _("Please enter the department's name.")
    DEPARTMENT_NAME_TAKEN = "agencies.department_name_taken", _("This agency already has a department of that name.")
    # people and roles
    UNKNOWN_ROLE = "agencies.unknown_role", _("Please choose a role from the list.")
    USERNAME_TAKEN = "agencies.username_taken", _("This user name is taken.")
