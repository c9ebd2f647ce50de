"""What the checker page calls its codes: a Chinese name for every finding code, stated figure and place in a
report, with the code itself shown beside it in small print.

Where the report format has its own label (表三's rows, 表四's groups, a cell of the tables) that label is used as
it stands — official labels are data (gongkai.law.report); the rest are translated here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.law.report import SECTION3_ROW_LABELS, SECTION4_GROUPS, cell_label


def _row(key: str) -> str:
    """表三's own label without its numbering ("一、本年新收…" → "本年新收…")."""
    return SECTION3_ROW_LABELS[key].split("、", 1)[-1].split("/")[-1]


CHECK_NAMES = {
    "format.unreadable": _("File could not be read"),
    "format.unknown": _("Format not recognised"),
    "format.legacy": _("Outdated report format"),
    "format.ocr": _("Scanned pages read by text recognition"),
    "table.missing": _("Table missing"),
    "table.shape": _("Table incomplete"),
    "arith.row_total": _("Row total does not add up"),
    "arith.results_total": _("Total of results does not add up"),
    "arith.balance": _("Requests received, answered and carried over do not balance"),
    "arith.section4_total": _("Total of reconsiderations and lawsuits does not add up"),
    "year.mismatch": _("Wrong year"),
    "section.missing": _("Part of the report missing"),
    "fees.missing": _("No statement on information processing fees"),
    "text.table_mismatch": _("Text disagrees with the tables"),
    "section.empty": _("Part of the report says nothing"),
    "text.inconsistent": _("Figures in the text contradict each other"),
    "table.value": _("A table cell holds no valid figure"),
    "deadline.late": _("Published after the deadline"),
    "deadline.unknown": _("Publication date not checked"),
    "carry.requests": _("Requests carried over disagree with last year's report"),
    "carry.normative": _("Documents in force disagree with last year's report"),
    # Drafting slips in the running text (gongkai.law.report_prose): warnings, not statutory errors.
    "prose.repeat": _("Word repeated"),
    "prose.missing_word": _("Word or unit missing"),
    "prose.typo": _("Wrong character"),
    "prose.numbering": _("Parts or numbering do not match"),
    "prose.wrong_agency": _("Another agency named as the author"),
    "prose.stale_figure": _("Last year's figure left in the text"),
}

METRIC_NAMES = {
    "proactive_items": _("Items disclosed proactively"),
    "requests_received": _row("new_this_year"),
    "requests_carried_in": _row("carried_from_last_year"),
    "requests_answered": _("Requests answered this year"),
    "consultations": _("Consultations on information disclosure"),
    "reconsiderations": SECTION4_GROUPS["reconsideration"],
    "litigation": SECTION4_GROUPS["litigation_direct"].split("/")[0],
    "fees_yuan": _("Information processing fees collected (yuan)"),
}

PLACE_NAMES = {
    "tables": _("the tables"),
    "sections": _("the parts of the report"),
    "title": _("the title"),
    "document": _("the file"),
}


def check_name(code: str) -> str:
    """The finding code's Chinese name; an unknown code (a new check) is named generically, never left bare."""
    return str(CHECK_NAMES.get(code, _("Other finding")))


def metric_name(code: str) -> str:
    """A stated figure's Chinese name."""
    return str(METRIC_NAMES.get(code, _("Other figure")))


def place_name(where: str) -> str:
    """Where a finding is: a cell in the format's own words, a part of the report, or the text it names itself."""
    if where.startswith(("section2.", "section3.", "section4.")):
        return cell_label(where)
    if where in PLACE_NAMES:
        return str(PLACE_NAMES[where])
    return where
