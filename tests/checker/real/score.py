"""The checker scored on the real corpus (issue 15): cells, format/year/agency, precision and recall per check.

    .venv/bin/python -m tests.checker.real.score [-q]

Every document of sources.csv is checked alone with :func:`gongkai.checker.checking.check_documents`; a truth file
naming its ``previous`` year's report has the pair checked together too, for the ``carry.*`` checks.  A crash is a
failure of that document (all its cells and expected errors missed), never of the script.  The pending documents
(pending/*.json: files that may not be committed here) are scored too when their file is found in the folder
``$GONGKAI_REAL_EXTRA`` or ``../shared/real-corpus`` beside the repository.

- cells: each cell a truth file records, against the checker's ``tables`` at the same keys; a printed blank (null)
  matches the checker's 0;
- format: pre2019 ↔ ``legacy``, 2019 ↔ ``2019``, 2021 ↔ ``2021``, none (not a report) ↔ ``unknown``; year; agency (or one of its aliases, whitespace and
  full-width forms aside; no agency in the text ↔ none read);
- checks: per document, the set of codes of the checker's findings (severity ``info`` left out, like
  tests/checker/measure.py) against the truth's error codes, leaving out the truth's ``not_judged`` codes (checks an
  excerpt cannot settle).  Precision and recall are printed for every code with a true case; codes without one show
  their false alarms only.
Nothing is asserted: the figures are printed for the README and docs/report-checker.md.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from tests.checker.real import schema

FORMATS = {"pre2019": ("legacy", "pre2019"), "2019": ("2019",), "2021": ("2021",), schema.NOT_A_REPORT: ("unknown",)}


@dataclass
class Outcome:
    file: str
    truth: dict[str, Any]
    out: dict[str, Any] | None = None  # result_json of the checker, None when it crashed
    crash: str = ""
    cells_right: int = 0
    cells_total: int = 0
    wrong_cells: list[str] = field(default_factory=list)
    figures_right: int = 0
    figures_total: int = 0
    tp: set[str] = field(default_factory=set)
    fp: set[str] = field(default_factory=set)
    fn: set[str] = field(default_factory=set)

    @property
    def format_ok(self) -> bool:
        return self.out is not None and self.out["format"] in FORMATS[self.truth["era"]]

    @property
    def year_ok(self) -> bool:
        return self.out is not None and self.out["year"] == self.truth["year"]

    @property
    def agency_ok(self) -> bool:
        if self.out is None:
            return False
        read = _name(self.out["agency"] or "")
        if self.truth["agency"] is None:
            return read == ""
        return read in {_name(self.truth["agency"]), *(_name(a) for a in self.truth["agency_aliases"])}


def _name(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)(?:万元|元|件|条|个|项)?$")


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    match = _NUMBER.match(_name(str(value)))
    if not match:
        return None
    try:
        return Decimal(match.group(1))
    except InvalidOperation:
        return None


def cell_right(expected: Any, read: Any) -> bool:
    """A truth cell against the checker's: blank ↔ 0 or nothing; numbers by value; other printed text as printed."""
    if expected is None:
        return read in (None, 0)
    want, got = _number(expected), _number(read)
    if want is not None:
        return got is not None and want == got
    return read is not None and _name(str(read)) == _name(str(expected))


def _read(out: dict[str, Any] | None, section: str, row: str, col: str) -> Any:
    tables = (out or {}).get("tables") or {}
    return ((tables.get(section) or {}).get(row) or {}).get(col, "<not read>")


def _check(documents: list[tuple[str, bytes]]) -> tuple[list[dict[str, Any]] | None, str]:
    from gongkai.checker.checking import check_documents, result_json

    try:
        return [result_json(r) for r in check_documents(documents)], ""
    except Exception as exc:  # a crash is a scored failure of the document
        return None, f"{type(exc).__name__}: {exc} ({traceback.extract_tb(exc.__traceback__)[-1].name})"


def _extra_folder() -> Path:
    configured = os.environ.get("GONGKAI_REAL_EXTRA")
    return Path(configured) if configured else schema.REAL.parents[3] / "shared" / "real-corpus"


def documents() -> list[tuple[str, Path, dict[str, Any]]]:
    """(file, path, truth) for every committed document, then every pending one whose file is found."""
    truths = schema.load_truths()
    found = [(row["file"], schema.DOCS / row["file"], truths[row["file"]]) for row in schema.load_sources()]
    extra = _extra_folder()
    for name, truth in schema.load_truths(schema.PENDING).items():
        if (extra / name).is_file():
            found.append((name, extra / name, truth))
    return found


def score_one(name: str, path: Path, truth: dict[str, Any], paths: dict[str, Path]) -> Outcome:
    outcome = Outcome(name, truth)
    outs, outcome.crash = _check([(name, path.read_bytes())])
    outcome.out = outs[0] if outs else None
    findings = list(outcome.out["findings"]) if outcome.out else []
    previous = truth.get("previous")
    if outcome.out and previous in paths:
        pair, crash = _check([(previous, paths[previous].read_bytes()), (name, path.read_bytes())])
        if pair is None:
            outcome.crash = crash
        else:
            findings += [f for f in pair[1]["findings"] if f["code"].startswith("carry.")]
    for section, row, col, value in schema.cells(truth):
        outcome.cells_total += 1
        read = _read(outcome.out, section, row, col)
        if cell_right(value, read):
            outcome.cells_right += 1
        else:
            outcome.wrong_cells.append(f"{section}.{row}.{col}={value!r} read {read!r}")
    metrics = (outcome.out or {}).get("metrics") or {}
    for key, value in truth["figures"].items():
        outcome.figures_total += 1
        outcome.figures_right += cell_right(value, metrics.get(key))
    skip = set(truth["not_judged"])
    expected = {e["code"] for e in truth["errors"]} - skip
    found = {f["code"] for f in findings if f["severity"] != "info"} - skip
    outcome.tp, outcome.fp, outcome.fn = found & expected, found - expected, expected - found
    return outcome


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:.1f}% ({right}/{total})" if total else "– (0/0)"


def report(outcomes: list[Outcome], *, quiet: bool = False) -> list[str]:
    lines = []
    n = len(outcomes)
    cells_right = sum(o.cells_right for o in outcomes)
    cells_total = sum(o.cells_total for o in outcomes)
    lines.append(
        f"documents: {n} ({sum(o.truth['complete'] for o in outcomes)} complete), crashes: {sum(bool(o.crash) for o in outcomes)}"
    )
    lines.append(f"cells right: {_pct(cells_right, cells_total)}")
    for era in schema.ERA_VALUES:
        group = [o for o in outcomes if o.truth["era"] == era]
        lines.append(
            f"  {era}: {len(group)} documents, cells {_pct(sum(o.cells_right for o in group), sum(o.cells_total for o in group))}, "
            f"format {_pct(sum(o.format_ok for o in group), len(group))}"
        )
    lines.append(f"format right: {_pct(sum(o.format_ok for o in outcomes), n)}")
    lines.append(f"year right: {_pct(sum(o.year_ok for o in outcomes), n)}")
    lines.append(f"agency right: {_pct(sum(o.agency_ok for o in outcomes), n)}")
    both = sum(o.format_ok and o.year_ok and o.agency_ok for o in outcomes)
    lines.append(f"format+year+agency all right: {_pct(both, n)}")
    lines.append(
        f"stated figures right: {_pct(sum(o.figures_right for o in outcomes), sum(o.figures_total for o in outcomes))}"
    )
    tp = Counter(c for o in outcomes for c in o.tp)
    fp = Counter(c for o in outcomes for c in o.fp)
    fn = Counter(c for o in outcomes for c in o.fn)
    lines.append("")
    lines.append("| check | true cases | found | precision | recall |")
    lines.append("|---|---|---|---|---|")
    for code in sorted(set(tp) | set(fn)):
        t, p, m = tp[code], fp[code], fn[code]
        precision = f"{100 * t / (t + p):.0f}% ({t}/{t + p})" if t + p else "– (0/0)"
        lines.append(f"| `{code}` | {t + m} | {t + p} | {precision} | {100 * t / (t + m):.0f}% ({t}/{t + m}) |")
    alarms = sorted(c for c in fp if c not in tp and c not in fn)
    if alarms:
        lines.append("")
        lines.append("false alarms of checks with no true case: " + ", ".join(f"`{c}` {fp[c]}" for c in alarms))
    lines.append("")
    lines.append("per document: file | format read/era | year | agency | cells | found ✓ | false ✗ | missed ∅")
    for o in outcomes:
        if o.crash:
            lines.append(f"{o.file} | CRASH {o.crash}")
            continue
        out = o.out or {}
        mark = lambda ok: "ok" if ok else "WRONG"  # noqa: E731
        lines.append(
            f"{o.file} | {out.get('format')}/{o.truth['era']} {mark(o.format_ok)} | {out.get('year')} {mark(o.year_ok)} | "
            f"{out.get('agency') or '–'} {mark(o.agency_ok)} | {o.cells_right}/{o.cells_total} | "
            f"✓{sorted(o.tp)} ✗{sorted(o.fp)} ∅{sorted(o.fn)}"
        )
        if not quiet and o.wrong_cells:
            shown = o.wrong_cells[:6]
            lines.append(
                "    wrong cells: "
                + "; ".join(shown)
                + (f" … and {len(o.wrong_cells) - 6} more" if len(o.wrong_cells) > 6 else "")
            )
    return lines


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    docs = documents()
    paths = {name: path for name, path, _truth in docs}
    outcomes = [score_one(name, path, truth, paths) for name, path, truth in docs]
    print("\n".join(report(outcomes, quiet="-q" in argv)))


if __name__ == "__main__":
    main()
