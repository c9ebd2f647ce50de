"""``gongkai pii scan [FILE|-]`` and ``gongkai pii mask FILE -o OUT``: check a file for personal data before
uploading it.

``scan`` prints ``[{"kind", "start", "end", "masked"}, …]`` as JSON; the offsets index the text that
:func:`gongkai.core.documents.extract_text` renders from the file (plain text, DOCX, XLSX or PDF, detected
by content).  ``mask`` writes a masked copy in the same format and prints a one-line summary (to standard error
when the copy itself goes to standard output).  Unreadable or unsupported input exits with status 2.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.documents import DocumentError, detect_format, extract_text, mask_document
from gongkai.law.pii import KIND_LABELS, count_by_kind, scan


def _read(path: str) -> bytes:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as fh:
            return fh.read()
    except IsADirectoryError as exc:
        raise CommandError(f"无法读取文件：{path}（这是一个目录）", returncode=2) from exc
    except OSError as exc:
        raise CommandError(f"无法读取文件：{path}（{exc.strerror}）", returncode=2) from exc


class Command(BaseCommand):
    help = "检查文件中的个人信息（身份证号、手机号、银行卡号、电子邮箱）：scan 输出 JSON，mask 生成遮蔽后的副本。"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{scan,mask}")
        scan_parser = actions.add_parser("scan", help="检查文件，输出 JSON 列表（偏移量指向提取出的文本）")
        scan_parser.add_argument(
            "file", nargs="?", default="-", help="文本、DOCX、XLSX 或 PDF 文件；- 或省略表示标准输入"
        )
        scan_parser.add_argument("--indent", type=int, default=None, help="缩进输出")
        mask_parser = actions.add_parser("mask", help="生成遮蔽个人信息后的副本（格式不变）")
        mask_parser.add_argument("file", help="文本、DOCX、XLSX 或 PDF 文件；- 表示标准输入")
        mask_parser.add_argument("-o", "--output", required=True, help="输出文件；- 表示标准输出")

    def handle(self, *args, **options):
        if options["action"] == "scan":
            self._scan(options["file"], options["indent"])
        else:
            self._mask(options["file"], options["output"])

    def _scan(self, path: str, indent: int | None) -> None:
        data = _read(path)
        try:
            fmt = detect_format(data)
            text = extract_text(data)
        except DocumentError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        if fmt == "pdf" and not text.strip() and data:
            self.stderr.write("警告：PDF 没有文字层（可能是扫描件），无法检查其中的个人信息，请人工核对。")
        findings = scan(text)
        self.stdout.write(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=indent))

    def _mask(self, path: str, output: str) -> None:
        data = _read(path)
        try:
            findings = scan(extract_text(data))
            masked = mask_document(data)
        except DocumentError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        try:
            if output == "-":
                sys.stdout.buffer.write(masked)
                sys.stdout.buffer.flush()
            else:
                with open(output, "wb") as fh:
                    fh.write(masked)
        except OSError as exc:
            raise CommandError(f"无法写入文件：{output}（{exc.strerror}）", returncode=2) from exc
        target = "标准输出" if output == "-" else output
        if findings:
            counts = "，".join(f"{KIND_LABELS[kind]} {n}" for kind, n in count_by_kind(findings).items())
            summary = f"已遮蔽 {len(findings)} 处个人信息：{counts} → {target}"
        else:
            summary = f"未发现个人信息，已原样写出 → {target}"
        (self.stderr if output == "-" else self.stdout).write(summary)
