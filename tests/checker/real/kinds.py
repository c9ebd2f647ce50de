"""A PDF and a DOCX of a real report, for what needs every input kind (bench/checker_speed_bench.py, the command tests).

The real corpus holds text and HTML only (no DOCX was found; the two real PDFs are pending, README.md), so the complete
HTML report ``2019-2019-shanghai-general-office.html`` is converted by LibreOffice, read by Writer (``--infilter="HTML
(StarWriter)"``; Writer/Web drops its title and adds a blank first page): the PDF has 6 A4 pages with text layers and
the ruled tables 表二—四 (表三 is wider than the page, so its last columns are cut off: the checker says so).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

DOCS = Path(__file__).parent / "docs"
HTML_REPORT = DOCS / "2019-2019-shanghai-general-office.html"


def convert(target_format: str, folder: Path, source: Path = HTML_REPORT) -> Path:
    """``source`` converted to ``target_format`` (pdf, docx) in ``folder``, with a LibreOffice profile of its own there
    (runs in parallel do not clash)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed; scripts/test installs libreoffice-writer-nogui")
    command = [
        soffice,
        f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
        "--headless",
        "--infilter=HTML (StarWriter)",
        "--convert-to",
        target_format,
        "--outdir",
        str(folder),
        str(source),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return folder / f"{source.stem}.{target_format}"
