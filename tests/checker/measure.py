"""Recall and precision of every check on the generated corpus (published in docs/report-checker.md).

    .venv/bin/python -m tests.checker.measure [PER_CLASS] [FORMATS]     e.g. 5 text,html,docx,pdf

A document's expected codes are its plant's (none for a correct report); a finding of an expected code is a true
positive, a finding of any other code a false positive, an expected code not found a false negative.  Findings of
severity ``info`` are notes, not errors, and are not counted.  Year pairs are checked two files at a time.
"""

from __future__ import annotations

import os
import sys
from collections import Counter


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from gongkai.checker.checking import check_documents
    from tests.checker import corpus

    per_class = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    formats = tuple(sys.argv[2].split(",")) if len(sys.argv) > 2 else corpus.FORMATS
    specs = corpus.corpus(per_class)
    files = corpus.render_all(specs, formats)
    tp: Counter[tuple[str, str]] = Counter()
    fp: Counter[tuple[str, str]] = Counter()
    fn: Counter[tuple[str, str]] = Counter()
    by_name = {s.name: s for s in specs}
    for fmt in formats:
        names = [s.name for s in specs]
        groups = []
        while names:
            name = names.pop(0)
            if (
                name.startswith("pair-")
                and name.endswith(tuple(f"-{b}" for b in ("None", "carry.requests", "carry.normative")))
                and "-before-" in name
            ):
                groups.append([name, names.pop(0)])
            else:
                groups.append([name])
        for group in groups:
            results = check_documents([(n, files[(n, fmt)]) for n in group])
            expected = set().union(*(by_name[n].expect for n in group))
            found = {f.code for r in results for f in r.findings if f.severity != "info"}
            for code in found & expected:
                tp[(code, fmt)] += 1
            for code in found - expected:
                fp[(code, fmt)] += 1
                print(f"false positive {code} in {group} ({fmt})", file=sys.stderr)
            for code in expected - found:
                fn[(code, fmt)] += 1
                print(f"missed {code} in {group} ({fmt})", file=sys.stderr)
    codes = sorted({c for c, _f in tp | fp | fn} | set(corpus.PLANTS) | {"carry.requests", "carry.normative"})
    print(f"corpus: {len(specs)} documents × {len(formats)} formats ({per_class} per class)")
    print("| check | " + " | ".join(f"{f} recall | {f} precision" for f in formats) + " |")
    print("|---|" + "---|---|" * len(formats))
    for code in codes:
        cells = []
        for fmt in formats:
            t, p, n = tp[(code, fmt)], fp[(code, fmt)], fn[(code, fmt)]
            recall = f"{t}/{t + n}" if t + n else "–"
            precision = f"{t}/{t + p}" if t + p else "–"
            cells += [recall, precision]
        print(f"| `{code}` | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
