"""Every string the code marks for translation is in the Chinese catalogue, translated: makemessages run on a copy
of the source adds nothing untranslated or fuzzy (a new msgid left out of django.po would show English in the UI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import gongkai

SOURCE = Path(gongkai.__file__).parent
PO = Path("locale") / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_makemessages_finds_nothing_new_to_translate(tmp_path):
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI 需要 gettext：scripts/test 会安装 gettext")
        pytest.skip("gettext (xgettext) is not installed; scripts/test installs it")
    copy = tmp_path / "gongkai"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings", "GONGKAI_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "-i", "migrations/*", "--no-obsolete"]
    result = subprocess.run(
        command, cwd=copy, env={**env, "PYTHONPATH": str(tmp_path)}, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(copy / PO))
    missing = [(e.msgctxt, e.msgid) for e in po.untranslated_entries()] + [
        (e.msgctxt, e.msgid) for e in po.fuzzy_entries()
    ]
    assert missing == [], "run makemessages and translate these in django.po"
    assert len(po) == len(polib.pofile(str(SOURCE / PO)))  # and nothing in the catalogue is left over
