"""The checker's version, as stored with each reading: the package's version and a digest of the reading and
checking code, so a re-check after an upgrade is told apart from the reading before it."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import import_module
from pathlib import Path

from gongkai.checker import checking

_SOURCES = ("gongkai.checker.checking", "gongkai.law.report_reading", "gongkai.law.report")


@cache
def checker_version() -> str:
    digest = hashlib.sha256()
    for name in _SOURCES:
        try:
            module = import_module(name)
        except ImportError:
            continue
        digest.update(Path(module.__file__).read_bytes())
    return f"{getattr(checking, '__version__', '0.1')}+{digest.hexdigest()[:12]}"
