"""``gongkai check-report FILE... [--json] [--year Y] [--kind department|government] [-o SUMMARY.xlsx]``.

Reads each published annual report (text, HTML, DOCX, XLSX or PDF; a folder stands for the files in it) and prints
its findings.  ``--json`` prints one JSON object per file and line (JSON Lines)::

    {"file", "format": "2021"|"legacy"|"unknown", "agency", "year", "published_on", "tables", "metrics",
     "findings": [{"code", "severity", "message", "where"}]}

A folder also gives one summary workbook (one row per report, one column per check), written to ``-o`` or
``报告检查汇总.xlsx`` in the current directory.  More than one file (or a folder) shows a progress bar on standard
error (gongkai.core.progress: drawn on a terminal, one summary line otherwise); standard output stays the findings
alone, with ``--json`` nothing but JSON Lines.  Exit status 1 when any finding has severity ``error``; 2 when an
argument is wrong (a path that does not exist).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.checker.checking import check_documents, result_json
from gongkai.checker.summary import summary_xlsx
from gongkai.core.progress import ProgressBar

SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}
DEFAULT_SUMMARY = "报告检查汇总.xlsx"


def _files(paths: list[str]) -> tuple[list[Path], bool]:
    files: list[Path] = []
    folder = False
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            folder = True
            files += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"找不到文件或文件夹：{raw}", returncode=2)
    return files, folder


class Command(BaseCommand):
    help = "检查已公布的政府信息公开工作年度报告（文本、HTML、DOCX、PDF），列出其中的错误。"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="报告文件或文件夹")
        parser.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")
        parser.add_argument("--year", type=int, help="报告应属的年度，如 2024")
        parser.add_argument("--kind", choices=("department", "government"), help="机关类型（决定公布期限）")
        parser.add_argument("-o", "--output", help=f"汇总表（XLSX）的保存位置，默认为当前目录下的 {DEFAULT_SUMMARY}")

    def handle(self, *args, **options):
        if options["year"] is not None and not 2008 <= options["year"] <= 2100:
            raise CommandError(f"年度 {options['year']} 无效", returncode=2)
        files, folder = _files(options["files"])
        bar = ProgressBar(len(files), label="检查报告", stream=self.stderr._out) if folder or len(files) > 1 else None

        def pulled():  # read one file at a time, as it is checked
            for done, path in enumerate(files):
                if bar is not None:
                    bar.update(done)
                yield str(path), path.read_bytes()
            if bar is not None:
                bar.update(len(files))

        try:
            results = check_documents(pulled(), kind=options["kind"], year=options["year"])
        finally:
            if bar is not None:
                bar.finish()
        for result in results:
            if options["json"]:
                self.stdout.write(json.dumps(result_json(result), ensure_ascii=False))
                continue
            reading = result.reading
            head = f"{result.file}：{reading.agency or '机关不明'} {reading.year or '年度不明'}年度"
            self.stdout.write(f"{head}（{'2021年格式' if reading.format == '2021' else reading.format}）")
            for finding in result.findings:
                where = f" [{finding.where}]" if finding.where else ""
                self.stdout.write(f"  {SEVERITY_WORDS[finding.severity]} {finding.code}{where}：{finding.message}")
            if not result.findings:
                self.stdout.write("  未发现问题。")
        if folder or options["output"]:
            target = Path(options["output"] or DEFAULT_SUMMARY)
            target.write_bytes(summary_xlsx(results))
            self.stderr.write(f"汇总表已保存：{target.resolve()}")
        if any(result.has_errors for result in results):
            raise SystemExit(1)
