"""Real Word files for the import tests, written with python-docx: headings, a numbered and a bulleted list, a table,
bold text and a picture."""

from __future__ import annotations

import io
import struct
import zlib

import docx
from docx.shared import Cm


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A valid PNG (red pixels), small enough to read at a glance."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# The smallest GIF (1 × 1 pixel): Word takes it, the attachments do not (PNG and JPEG only).
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def sample_docx(*, picture: bool = True, picture_data: bytes | None = None) -> bytes:
    document = docx.Document()
    document.add_heading("一、调整标准", level=1)
    intro = document.add_paragraph("经市人民政府同意，")
    intro.add_run("自2026年1月1日起").bold = True
    intro.add_run("调整城乡低保标准。")
    document.add_paragraph("城市低保每人每月850元", style="List Number")
    document.add_paragraph("农村低保每人每月620元", style="List Number")
    document.add_heading("（一）适用范围", level=2)
    document.add_paragraph("城市居民", style="List Bullet")
    document.add_paragraph("农村居民", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("城市", "850元"), ("农村", "620元")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    if picture:
        document.add_picture(io.BytesIO(picture_data or tiny_png()), width=Cm(2))
    document.add_paragraph("特此通知。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
