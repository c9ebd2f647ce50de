"""Refusals of the work plans: reading a plan document (:mod:`gongkai.workplan.documents`), matching its department
names (:mod:`gongkai.workplan.proposal`), importing it, its progress and evidence (:mod:`gongkai.workplan.services`)
and the upload page (:mod:`gongkai.workplan.views_staff`).

``%(reason)s`` passes on the Chinese message of :mod:`gongkai.core.documents`; ``%(names)s`` lists department names
as written. Evidence refused for its size or type keeps the code of :mod:`gongkai.core.files`
(``workplan.evidence_type`` …).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import CoreError, Refusals


class WorkplanError(Refusals):
    # the plan document
    DOCUMENT_EMPTY = "workplan.document_empty", _("The file is empty.")
    TOO_LARGE = (
        "workplan.too_large",
        _("A work plan file may not be larger than %(limit)s MB (this file is about %(size)s MB)."),
    )
    UPLOAD_TOO_LARGE = "workplan.upload_too_large", _("A work plan file may not be larger than %(limit)s MB.")
    DOCUMENT_TYPE = (
        "workplan.document_type",
        _(
            "A work plan must be a plain text (UTF-8 or GB18030), web page (HTML) or Word (DOCX) file, judged by its "
            "content, not by its extension."
        ),
    )
    DOCUMENT_UNREADABLE = (
        "workplan.document_unreadable",
        _(
            "%(reason)s. A work plan must be a plain text (UTF-8 or GB18030), web page (HTML) or Word (DOCX) file, "
            "judged by its content, not by its extension."
        ),
    )
    DOCUMENT = "workplan.document", _("The content of the web page cannot be read.")
    DOCUMENT_NO_TEXT = "workplan.document_no_text", _("The file contains no text.")
    # importing
    YEAR = "workplan.year", _("The year must be between %(first)s and %(last)s.")
    NO_TASKS = (
        "workplan.no_tasks",
        _("No tasks were read from the file: a task begins with “（一）” or “1.”, a group with “一、”."),
    )
    DUPLICATE = "workplan.duplicate", _("The work plan of %(agency)s for %(year)s has already been imported.")
    UNMAPPED = (
        "workplan.unmapped",
        _(
            "These department names are not yet matched to departments of this agency: %(names)s. Please choose the "
            "department for each name (or choose no department, keeping the name as written); on the command line "
            "use --map name=department (--map name=- keeps the name as written)."
        ),
    )
    MAP_TARGET = (
        "workplan.map_target",
        _(
            "This agency has no such departments: %(names)s. "
            "Please enter the name or an alias of one of its departments."
        ),
    )
    CONFIRMED = "workplan.confirmed", _("This work plan has already been confirmed and imported.")
    DISCARD_CONFIRMED = (
        "workplan.discard_confirmed",
        _("A work plan that was confirmed and imported cannot be discarded."),
    )
    # progress and evidence
    ITEM = (
        "workplan.item",
        _("This agency has published no information with index number “%(index_number)s”."),
    )
    ITEM_NOT_OWN = "workplan.item_not_own", _("Only information this agency has published can be linked.")
    STATUS = "workplan.status", _("Please choose the status: not started, in progress or done.")
    NOTHING = (
        "workplan.nothing",
        _("Please enter the progress, change the status or link a piece of published information."),
    )
    EVIDENCE_COUNT = "workplan.evidence_count", _("A task may have at most %(max)s pieces of evidence.")
    EVIDENCE_TYPE = "workplan.evidence_type", CoreError.FILE_TYPE.label  # a file not allowed (%(noun)s)
    INSTANCE_DONE = "workplan.instance_done", _("This period has already been done.")
    FUTURE_DATE = "workplan.future_date", _("The date it was done cannot be later than today.")
    DATE_ORDER = "workplan.date_order", _("The date it was done cannot be earlier than the work plan's year.")
