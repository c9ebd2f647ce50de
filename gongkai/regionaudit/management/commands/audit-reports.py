"""``gongkai audit-reports ingest --region CREDIT_CODE_OR_ID FOLDER... [--json]``: 年报体检 from the console.

Checks every report in the folders (or the files named) and stores them for the region, all or none, like the
upload page (:func:`gongkai.regionaudit.services.reports_ingest`): a file already stored is reported as a
duplicate. A progress bar on standard error; with ``--json`` one JSON object per file and line on standard output::

    {"file", "status": "stored"|"duplicate", "report", "agency_read", "year", "agency", "matched_by", "candidates"}

``gongkai audit-reports crawl --region CODE LIST.txt [--json] [--delay S]`` fetches the addresses listed (one a line;
blank lines and # comments skipped) with :mod:`gongkai.regionaudit.crawl` and feeds them to the same service; a failed
address prints ``{"url", "error"}`` and never stops the others.

Exit status 1 when refused (a file that cannot be read: nothing is stored), 2 for a wrong argument.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.selectors import agencies_by_ids, agency_by_credit_code
from gongkai.core.progress import ProgressBar
from gongkai.regionaudit import crawl, services

MATCH_WORDS = {"exact": "名称一致", "normalised": "名称近似", "manual": "人工指定", "unmatched": "未匹配"}


def _files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "~$")))
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"找不到文件或文件夹：{raw}", returncode=2)
    return files


def _region(value: str):
    region = agency_by_credit_code(value) if not value.isdigit() or len(value) == 18 else None
    if region is None and value.isdigit():
        region = agencies_by_ids([int(value)]).first()
    if region is None:
        raise CommandError(f"找不到机关：{value}", returncode=2)
    return region


class Command(BaseCommand):
    help = "年报体检：把一个地区各机关公布的政府信息公开工作年度报告检查后存档。"

    def add_arguments(self, parser):
        parser.add_argument(
            "action", choices=("ingest", "crawl"), help="ingest：检查并存档；crawl：按地址清单抓取后检查存档"
        )
        parser.add_argument("paths", nargs="+", metavar="FOLDER", help="报告文件或文件夹")
        parser.add_argument("--region", required=True, help="监督机关（地区）的统一社会信用代码或编号")
        parser.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")
        parser.add_argument("--delay", type=float, default=1.0, help="crawl：同一主机两次请求之间的秒数（默认 1）")

    def handle(self, *args, **options):
        region = _region(options["region"].strip())
        addresses = None
        if options["action"] == "crawl":
            documents, addresses = self._crawl(options)
            if not documents:
                return
        else:
            documents = [(str(path), path.read_bytes()) for path in _files(options["paths"])]
        bar = ProgressBar(len(documents), label="检查报告", stream=self.stderr._out)
        try:
            items = services.reports_ingest(
                actor=None,
                region=region,
                files=documents,
                progress=lambda done, _total: bar.update(done),
                addresses=addresses,
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages), returncode=1) from exc
        finally:
            bar.finish()
        for item in items:
            if options["json"]:
                self.stdout.write(json.dumps(item.as_dict(), ensure_ascii=False))
                continue
            report = item.report
            state = "已存档过，未重复存档" if item.duplicate else "已存档"
            agency = report.agency.name if report.agency else "未匹配到机关，请在页面上指定"
            self.stdout.write(
                f"{item.name}：{state}；{report.year or '年度不明'}年度；{agency}（{MATCH_WORDS[report.matched_by]}）"
            )
        stored = sum(1 for item in items if not item.duplicate)
        self.stderr.write(f"共 {len(items)} 个文件：新存档 {stored} 个，已存档过 {len(items) - stored} 个。")

    def _crawl(self, options) -> tuple[list[tuple[str, bytes]], list[str]]:
        urls: list[str] = []
        for raw in options["paths"]:
            try:
                urls += crawl.read_list(Path(raw).read_text(encoding="utf-8"))
            except OSError as exc:
                raise CommandError(f"找不到文件或文件夹：{raw}", returncode=2) from exc
        crawler = crawl.Crawler(delay=max(options["delay"], 0.0))
        documents: list[tuple[str, bytes]] = []
        addresses: list[str] = []
        for done, fetched in enumerate(crawler.crawl(urls), start=1):
            self.stderr.write(f"抓取 {done}/{len(urls)}：{fetched.url}")
            if fetched.error:
                if options["json"]:
                    self.stdout.write(json.dumps({"url": fetched.url, "error": fetched.error}, ensure_ascii=False))
                else:
                    self.stdout.write(f"{fetched.url}：{fetched.error}")
                continue
            documents.append((fetched.name, fetched.data))
            addresses.append(fetched.url)
        return documents, addresses
