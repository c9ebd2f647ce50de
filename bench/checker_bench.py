"""Benchmark: gongkai check-report's throughput on a few hundred reports, and its peak memory (tracemalloc).

    .venv/bin/python bench/checker_bench.py [N]        (N reports per format, default 100: text, HTML, DOCX)

The reports come from the test corpus generator (tests/checker/corpus.py): correct ones and ones with an error
planted, so every check runs.  Prints JSON: reports per second per format (reading + all checks, files in memory),
the raw limit of the same work (only decoding/parsing the files: text split into lines, HTML parsed by lxml, DOCX
unzipped and parsed), and tracemalloc's peak while checking each document, for the first and the last 50 of a long
run (flat when they are close), with what each kept result holds (its tables, metrics and findings).
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from lxml import etree, html

    from gongkai.checker.checking import check_documents
    from tests.checker import corpus

    per_format = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    specs = []
    seed = 1
    codes = list(corpus.PLANTS)
    while len(specs) < per_format:
        specs.append(corpus.correct(seed) if seed % 3 == 0 else corpus.planted(codes[seed % len(codes)], seed))
        seed += 1
    formats = ("text", "html", "docx")
    files = corpus.render_all(specs, formats)
    raw_parsers = {
        "text": lambda data: data.decode("utf-8").splitlines(),
        "html": lambda data: html.fromstring(data),
        "docx": lambda data: etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")),
    }
    out: dict[str, object] = {"benchmark": "check-report", "reports_per_format": per_format}
    for fmt in formats:
        documents = [(s.name, files[(s.name, fmt)]) for s in specs]
        start = time.perf_counter()
        for document in documents:
            raw_parsers[fmt](document[1])
        raw = time.perf_counter() - start
        start = time.perf_counter()
        for document in documents:  # one at a time, as a folder is checked
            check_documents([document])
        ours = time.perf_counter() - start
        out[fmt] = {
            "reports_per_s": round(len(documents) / ours, 1),
            "ms_per_report": round(1000 * ours / len(documents), 2),
            "raw_parse_ms_per_report": round(1000 * raw / len(documents), 3),
        }
    # Memory: the peak while checking each document (above what was held before it), for the first and the last
    # 50 of all documents checked in a row, and what the kept results (tables, metrics, findings) hold per report.
    documents = [(f"{s.name}.{fmt}", files[(s.name, fmt)]) for s in specs for fmt in formats]
    results = []
    peaks = []
    tracemalloc.start()
    for document in documents:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        results += check_documents([document])
        peaks.append(tracemalloc.get_traced_memory()[1] - before)
    kept = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    out["memory"] = {
        "documents": len(documents),
        "peak_mb_per_document_first_50": round(max(peaks[:50]) / 2**20, 2),
        "peak_mb_per_document_last_50": round(max(peaks[-50:]) / 2**20, 2),
        "kept_kb_per_report": round(kept / len(documents) / 1024, 1),
    }
    out["errors_found"] = sum(r.has_errors for r in results)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
