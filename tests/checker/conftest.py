"""One small corpus for the checker's tests, rendered once per session in all four formats (PDF via LibreOffice)."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.checker import corpus


@pytest.fixture(scope="session")
def specimens():
    """{name: Spec}: one correct report, one per planted error class, and three year pairs (correct, two broken)."""
    specs = [corpus.correct(11), *(corpus.planted(code, 17) for code in corpus.PLANTS)]
    for broken in (None, "carry.requests", "carry.normative"):
        before, now = corpus.pair(23, broken=broken)
        before.name, now.name = f"before-{broken}", f"now-{broken}"
        specs += [before, now]
    return {spec.name: spec for spec in specs}


@pytest.fixture(scope="session")
def rendered(specimens, django_db_blocker):
    """(spec name, format) → file bytes."""
    formats = corpus.FORMATS
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("CI 需要 LibreOffice：scripts/test 会安装 libreoffice-writer-nogui")
        formats = ("text", "html", "docx")
    return corpus.render_all(list(specimens.values()), formats)


def file_for(rendered, name: str, fmt: str) -> bytes:
    if (name, fmt) not in rendered:
        pytest.skip("LibreOffice (soffice) is not installed; scripts/test installs libreoffice-writer-nogui")
    return rendered[(name, fmt)]
