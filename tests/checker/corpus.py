"""A corpus of annual reports for the checker: correct ones and ones with one error class planted, in four formats.

A :class:`Spec` is one report (agency, year, tables, narrative, publication date) plus the document-level damage to
do (a section, a table or a table row removed).  The tables are random but consistent (every rule of the 2021
format holds); the narrative is what gongkai drafts from them (``gongkai.reports.narrative.draft``), so its figures
agree with the tables unless a plant says otherwise.  Rendering:

- ``text``: the report as a web page copy gives it (seed 003): paragraphs, and table rows flattened to ``a | b |``;
- ``html``: gongkai's printable page (``reports.exports.to_html``);
- ``docx``: gongkai's DOCX (``reports.exports.to_docx``);
- ``pdf``: that DOCX through LibreOffice (``soffice --headless --convert-to pdf``), all files of a batch at once.

:data:`PLANTS` maps each check code to the plant that must trigger it; :func:`corpus` builds ``n`` correct reports
and ``n`` of each plant with different random figures.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from gongkai.law.outcomes import APPLICANT_KINDS, RESULT_ROWS, SECTION3_ROW_KEYS, SECTION3_ROW_LABELS
from gongkai.law.report import deadline_for
from gongkai.law.report_reading import Reading, level_without_rules
from gongkai.reports.layout import grids, narrative_sections

FORMATS = ("text", "html", "docx", "pdf")
AGENCIES = ("测试市民政局", "测试县人力资源和社会保障局", "测试区人民政府", "测试市交通运输局")


@dataclass
class Spec:
    name: str
    agency: str
    year: int
    tables: dict[str, Any]
    narrative: dict[str, str]
    published_on: dt.date
    legacy: bool = False
    drop_section: int | None = None  # 5 → no section 五
    drop_table: bool = False  # 表三 missing (pasted as an image)
    drop_row: str | None = None  # a 表三 row key
    expect: set[str] = field(default_factory=set)  # the codes the plant must trigger


# --- consistent random tables ---------------------------------------------------------------------------------------


def random_tables(rng: random.Random) -> dict[str, Any]:
    s3: dict[str, dict[str, int]] = {row: dict.fromkeys((*APPLICANT_KINDS, "total"), 0) for row in SECTION3_ROW_KEYS}
    for col in APPLICANT_KINDS:
        busy = col in ("natural_person", "commercial_enterprise") or rng.random() < 0.3
        for row in RESULT_ROWS:
            s3[row][col] = rng.choice((0, 0, 0, 1, 2, 5, 12)) if busy else 0
        s3["results_total"][col] = sum(s3[row][col] for row in RESULT_ROWS)
        s3["carried_to_next_year"][col] = rng.randint(1, 6) if busy else 0
        s3["carried_from_last_year"][col] = rng.randint(0, s3["results_total"][col] + s3["carried_to_next_year"][col])
        s3["new_this_year"][col] = (
            s3["results_total"][col] + s3["carried_to_next_year"][col] - s3["carried_from_last_year"][col]
        )
    for row in SECTION3_ROW_KEYS:
        s3[row]["total"] = sum(s3[row][col] for col in APPLICANT_KINDS)
    s4 = {}
    for group in ("reconsideration", "litigation_direct", "litigation_after_reconsideration"):
        cells = {c: rng.choice((0, 0, 1, 2, 3)) for c in ("upheld", "corrected", "other", "pending")}
        s4[group] = {**cells, "total": sum(cells.values())}
    rules_issued, docs_issued = rng.randint(0, 2), rng.randint(0, 9)
    s2 = {
        "rules": {"issued": rules_issued, "repealed": 0, "in_force": rules_issued + rng.randint(0, 5)},
        "normative_documents": {"issued": docs_issued, "repealed": 1, "in_force": docs_issued + rng.randint(1, 40)},
        "licensing": {"decisions": rng.randint(0, 900)},
        "penalty": {"decisions": rng.randint(0, 90)},
        "coercion": {"decisions": rng.randint(0, 9)},
        "fees": {"amount_10k_yuan": rng.choice((0, 12.5, 3))},
    }
    return {"section2": s2, "section3": s3, "section4": s4}


def narrative_for(agency: str, year: int, tables: dict[str, Any], rng: random.Random) -> dict[str, str]:
    from gongkai.reports.narrative import draft

    figures = {
        "proactive": {"total": rng.randint(20, 900), "by_category": [("通知公告", 12)], "interpretations": 3},
        "requests": {"on_time_rate": 100},
        "fees": {},
    }
    text = draft(agency_name=agency, year=year, tables=tables, figures=figures, previous=None)
    intro = (
        f"根据《中华人民共和国政府信息公开条例》规定，现公布{agency}{year}年度政府信息公开工作年度报告。"
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    )
    text["overview"] = intro + "\n" + text["overview"]
    return text


def base_spec(rng: random.Random, name: str, *, year: int | None = None, agency: str | None = None) -> Spec:
    agency = agency or rng.choice(AGENCIES)
    year = year or rng.choice((2022, 2023, 2024))
    kind = "government" if agency.endswith("政府") else "department"
    deadline = deadline_for(kind, year)
    tables = random_tables(rng)
    if level_without_rules(Reading(agency=agency)):  # 立法法 第九十三条: a 县/区 government makes no 规章
        tables["section2"]["rules"] = dict.fromkeys(tables["section2"]["rules"], 0)
    published = deadline - dt.timedelta(days=rng.randint(0, 25))
    return Spec(name, agency, year, tables, narrative_for(agency, year, tables, rng), published)


def _redraft(spec: Spec, rng: random.Random) -> Spec:
    return replace(spec, narrative=narrative_for(spec.agency, spec.year, spec.tables, rng))


# --- the plants: one error class each -------------------------------------------------------------------------------


def _plant_row_total(spec: Spec, rng: random.Random) -> Spec:
    spec.tables["section3"]["disclosed"]["total"] += 1
    return _redraft(spec, rng)


def _plant_results_total(spec: Spec, rng: random.Random) -> Spec:
    s3 = spec.tables["section3"]
    for col in ("natural_person", "total"):
        s3["results_total"][col] += 1
        s3["carried_to_next_year"][col] -= 1
    return _redraft(spec, rng)


def _plant_balance(spec: Spec, rng: random.Random) -> Spec:
    for col in ("natural_person", "total"):
        spec.tables["section3"]["carried_to_next_year"][col] += 1
    return _redraft(spec, rng)


def _plant_section4(spec: Spec, rng: random.Random) -> Spec:
    spec.tables["section4"]["reconsideration"]["total"] += 1
    return _redraft(spec, rng)


def _plant_year(spec: Spec, rng: random.Random) -> Spec:
    spec.narrative["overview"] = spec.narrative["overview"].replace(
        f"{spec.year}年度政府信息公开工作年度报告", f"{spec.year - 1}年度政府信息公开工作年度报告", 1
    )
    return spec


def _plant_section(spec: Spec, rng: random.Random) -> Spec:
    return replace(spec, drop_section=5)


def _plant_fees(spec: Spec, rng: random.Random) -> Spec:
    spec.narrative["other"] = "【请补充本年度政务公开工作要点落实情况、人大代表建议和政协委员提案办理结果公开情况等。】"
    return spec


def _plant_text(spec: Spec, rng: random.Random) -> Spec:
    new = spec.tables["section3"]["new_this_year"]["total"]
    spec.narrative["overview"] = spec.narrative["overview"].replace(
        f"新收政府信息公开申请{new}件", f"新收政府信息公开申请{new + rng.randint(1, 9)}件", 1
    )
    return spec


def _plant_late(spec: Spec, rng: random.Random) -> Spec:
    kind = "government" if spec.agency.endswith("政府") else "department"
    return replace(spec, published_on=deadline_for(kind, spec.year) + dt.timedelta(days=rng.randint(1, 60)))


def _plant_legacy(spec: Spec, rng: random.Random) -> Spec:
    return replace(spec, legacy=True)


def _plant_table_missing(spec: Spec, rng: random.Random) -> Spec:
    return replace(spec, drop_table=True)


def _plant_row_missing(spec: Spec, rng: random.Random) -> Spec:
    return replace(spec, drop_row="withheld_other_law")


PLANTS: dict[str, Callable[[Spec, random.Random], Spec]] = {
    "arith.row_total": _plant_row_total,
    "arith.results_total": _plant_results_total,
    "arith.balance": _plant_balance,
    "arith.section4_total": _plant_section4,
    "year.mismatch": _plant_year,
    "section.missing": _plant_section,
    "fees.missing": _plant_fees,
    "text.table_mismatch": _plant_text,
    "deadline.late": _plant_late,
    "format.legacy": _plant_legacy,
    "table.missing": _plant_table_missing,
    "table.shape": _plant_row_missing,
}


# A wrong 总计 in a result row also makes the 总计 column's （七）总计 disagree with the sum of the row totals: both
# rules are broken, so both findings are right.  And the text, drafted from the tables (gongkai.reports.narrative:
# “办结N件，其中予以公开…其他处理…件”), then lists results that do not make the number closed: text.inconsistent.
CONSEQUENCES: dict[str, set[str]] = {
    "arith.row_total": {"arith.results_total", "text.inconsistent"},
    "arith.results_total": {"text.inconsistent"},
}


def planted(code: str, seed: int) -> Spec:
    rng = random.Random(seed)
    spec = base_spec(rng, f"{code}-{seed}")
    spec = PLANTS[code](spec, rng)
    spec.expect = {code} | CONSEQUENCES.get(code, set())
    return spec


def correct(seed: int) -> Spec:
    return base_spec(random.Random(seed), f"correct-{seed}")


def pair(seed: int, *, broken: str | None = None) -> tuple[Spec, Spec]:
    """Last year's and this year's report of one agency; ``broken`` = carry.requests or carry.normative."""
    rng = random.Random(seed)
    agency = rng.choice(AGENCIES)
    before = base_spec(rng, f"pair-{seed}-before", year=2023, agency=agency)
    now = base_spec(rng, f"pair-{seed}-now", year=2024, agency=agency)
    s3_now, s3_before = now.tables["section3"], before.tables["section3"]
    for col in APPLICANT_KINDS:  # this year's 上年结转 = last year's 结转下年度, balance kept
        delta = s3_before["carried_to_next_year"][col] - s3_now["carried_from_last_year"][col]
        s3_now["carried_from_last_year"][col] += delta
        s3_now["new_this_year"][col] -= delta
        if s3_now["new_this_year"][col] < 0:
            s3_now["results_total"][col] -= s3_now["new_this_year"][col]
            s3_now["other_other"][col] -= s3_now["new_this_year"][col]
            s3_now["new_this_year"][col] = 0
    for row in SECTION3_ROW_KEYS:
        s3_now[row]["total"] = sum(s3_now[row][col] for col in APPLICANT_KINDS)
    for row in ("rules", "normative_documents"):
        b, n = before.tables["section2"][row], now.tables["section2"][row]
        n["in_force"] = b["in_force"] + n["issued"] - n["repealed"]
    if broken == "carry.requests":
        for col in ("natural_person", "total"):
            s3_before["carried_to_next_year"][col] += 1
            s3_before["new_this_year"][col] += 1
    elif broken == "carry.normative":
        now.tables["section2"]["normative_documents"]["in_force"] += 2
    before, now = _redraft(before, rng), _redraft(now, rng)
    now.expect = {broken} if broken else set()
    return before, now


# --- rendering --------------------------------------------------------------------------------------------------


def _report(spec: Spec):
    from gongkai.agencies.models import Agency
    from gongkai.reports.models import AnnualReport

    kind = "government" if spec.agency.endswith("政府") else "department"
    agency = Agency(name=spec.agency, kind=kind)
    return AnnualReport(
        agency=agency, year=spec.year, tables=spec.tables, narrative=spec.narrative, published_on=spec.published_on
    )


def _legacy_paragraphs(spec: Spec) -> list[str]:
    s3, s4 = spec.tables["section3"], spec.tables["section4"]
    return [
        f"{spec.agency}{spec.year}年度政府信息公开工作年度报告",
        f"发布日期：{spec.published_on.isoformat()}",
        f"本报告中所列数据的统计期限自{spec.year}年1月1日起至{spec.year}年12月31日止。",
        "一、概述",
        f"{spec.year}年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。",
        "二、主动公开政府信息情况",
        f"全年主动公开政府信息{s3['disclosed']['total'] * 10 + 57}条。",
        "三、依申请公开政府信息情况",
        f"全年共收到政府信息公开申请{s3['new_this_year']['total']}件，已全部按时办结。",
        "四、行政复议和行政诉讼情况",
        f"全年被申请行政复议{s4['reconsideration']['total']}件。",
        "五、存在的主要问题及改进情况",
        "信息公开的规范性有待进一步提高。",
    ]


def _flat_rows(spec: Spec) -> list[tuple[str, list[str]]]:
    """(section heading, table lines “a | b |”) of 表二、表三、表四 as a web page copy gives them."""
    out = []
    drop_label = SECTION3_ROW_LABELS[spec.drop_row].split("/")[-1] if spec.drop_row else None
    for grid in grids(spec.tables):
        lines = []
        for row in grid.rows:
            cells = [cell.text for cell in row]
            if drop_label and drop_label in cells:
                continue
            lines.append(" | ".join(cells) + " |")
        if spec.drop_table and grid.key == "section3":
            lines = []
        out.append((grid.heading, lines))
    return out


def to_text(spec: Spec) -> str:
    if spec.legacy:
        return "\n".join(_legacy_paragraphs(spec))
    title = f"{spec.agency}{spec.year}年政府信息公开工作年度报告"
    lines = [title, f"发布时间:{spec.published_on.isoformat()}"]
    sections = narrative_sections(spec.narrative)
    tables = _flat_rows(spec)
    ordered = [sections[0], *tables, *sections[1:]]
    for number, (heading, body) in enumerate(ordered, start=1):
        if spec.drop_section == number:
            continue
        lines += [heading, *body]
    lines += [spec.agency, f"{spec.published_on.year}年{spec.published_on.month}月{spec.published_on.day}日"]
    return "\n".join(lines)


def to_html(spec: Spec) -> str:
    from lxml import html as lxml_html

    from gongkai.reports import exports

    if spec.legacy:
        body = "".join(f"<p>{p}</p>" for p in _legacy_paragraphs(spec))
        return f"<!doctype html><html><head><title>年报</title></head><body>{body}</body></html>"
    page = lxml_html.fromstring(exports.to_html(_report(spec)))
    if spec.drop_section:
        heading = narrative_sections(spec.narrative)[spec.drop_section - 4][0]
        for h2 in page.iter("h2"):
            if h2.text_content().strip() == heading:
                section = h2.getparent()
                section.getparent().remove(section)
                break
    tables = list(page.iter("table"))
    if spec.drop_table:
        tables[1].getparent().remove(tables[1])
    if spec.drop_row:
        label = SECTION3_ROW_LABELS[spec.drop_row].split("/")[-1]
        for tr in list(tables[1].iter("tr")):
            if any(cell.text_content().strip() == label for cell in tr):
                tr.getparent().remove(tr)
    return lxml_html.tostring(page, encoding="unicode", doctype="<!doctype html>")


def to_docx(spec: Spec) -> bytes:
    from docx import Document

    from gongkai.reports import exports

    if spec.legacy:
        document = Document()
        for paragraph in _legacy_paragraphs(spec):
            document.add_paragraph(paragraph)
    else:
        document = Document(io.BytesIO(exports.to_docx(_report(spec))))
        body = document.element.body
        if spec.drop_section:
            heading = narrative_sections(spec.narrative)[spec.drop_section - 4][0]
            paragraphs = document.paragraphs
            start = next(i for i, p in enumerate(paragraphs) if p.text == heading)
            end = next(i for i, p in enumerate(paragraphs) if i > start and p.style.name == "Heading 1")
            for paragraph in paragraphs[start:end]:
                body.remove(paragraph._p)
        if spec.drop_table:
            table = document.tables[1]._tbl
            table.getparent().remove(table)
        if spec.drop_row:
            label = SECTION3_ROW_LABELS[spec.drop_row].split("/")[-1]
            for row in document.tables[1].rows:
                if any(cell.text == label for cell in row.cells):
                    row._tr.getparent().remove(row._tr)
                    break
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_to_pdf(docx_files: dict[str, bytes]) -> dict[str, bytes]:
    """All DOCX files of a batch to PDF in one LibreOffice run (its own profile, so runs in parallel do not clash)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed; scripts/test installs libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sources = []
        for name, data in docx_files.items():
            path = root / f"{name}.docx"
            path.write_bytes(data)
            sources.append(str(path))
        profile = (root / "lo-profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        subprocess.run([*command, "--outdir", str(root), *sources], check=True, capture_output=True, timeout=900)
        return {name: (root / f"{name}.pdf").read_bytes() for name in docx_files}


def render_all(specs: list[Spec], formats: tuple[str, ...] = FORMATS) -> dict[tuple[str, str], bytes]:
    """(spec name, format) → file content, for every spec and format."""
    out: dict[tuple[str, str], bytes] = {}
    docx: dict[str, bytes] = {}
    for spec in specs:
        if "text" in formats:
            out[(spec.name, "text")] = to_text(spec).encode("utf-8")
        if "html" in formats:
            out[(spec.name, "html")] = to_html(spec).encode("utf-8")
        if "docx" in formats or "pdf" in formats:
            docx[spec.name] = to_docx(spec)
            if "docx" in formats:
                out[(spec.name, "docx")] = docx[spec.name]
    if "pdf" in formats and docx:
        for name, data in docx_to_pdf(docx).items():
            out[(name, "pdf")] = data
    return out


def corpus(per_class: int, *, first_seed: int = 1) -> list[Spec]:
    """``per_class`` correct reports, ``per_class`` of each plant, ``per_class`` correct and broken year pairs."""
    specs = [correct(first_seed + i) for i in range(per_class)]
    for offset, code in enumerate(PLANTS, start=1):
        specs += [planted(code, first_seed + 1000 * offset + i) for i in range(per_class)]
    for i in range(per_class):
        for broken in (None, "carry.requests", "carry.normative"):
            before, now = pair(first_seed + 50_000 + i * 3 + (0 if broken is None else len(broken)), broken=broken)
            before.name, now.name = f"{before.name}-{broken}", f"{now.name}-{broken}"
            specs += [before, now]
    return [copy.deepcopy(s) for s in specs]
