"""The UI is Chinese by default; the committed catalogue is complete and compiled (no gettext tools needed)."""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
from django.test import Client
from django.urls import reverse
from django.utils import translation

import gongkai

LOCALE = Path(gongkai.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_catalogue_has_no_untranslated_or_fuzzy_entries():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert len(po) > 50
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(LOCALE / "django.po"))
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in po:
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, f"{entry.msgid!r}: run compilemessages"


def test_english_is_available_on_request(db):
    with translation.override("en"):
        html = Client(headers={"accept-language": "en"}).get(reverse("workspace:login")).content.decode()
    assert "Log in to the workspace" in html


def test_role_labels_are_chinese(db):
    from gongkai.agencies.models import Role

    with translation.override("zh-hans"):
        assert str(Role.CASE_OFFICER.label) == "承办人"
        assert str(Role.SUPERVISOR.label) == "监督人员"
