"""The fast tokeniser is the tokeniser: runs by one regular expression and NFKC between ideographs give exactly what
the per-character definitions (``is_cjk``, ``is_word_char``) and a whole-text NFKC give."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from gongkai.search.grams import is_cjk, is_word_char, normalise, runs

DOCS = Path(__file__).resolve().parents[1] / "checker" / "real" / "docs"


def kind_of(char: str) -> str | None:
    """What the regular expression makes of one character between two separators."""
    found = runs(f" {char} ")
    return found[0][0] if found else None


def test_every_character_of_the_basic_plane_and_the_cjk_extensions_is_classed_as_defined():
    codes = [*range(0x10000), *range(0x20000, 0x20400), *range(0x2F800, 0x2FA20)]
    for code in codes:
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or unicodedata.normalize("NFKC", char).lower() != char:
            continue  # surrogates; characters that normalisation changes (judged after it, below)
        expected = "cjk" if is_cjk(char) else "word" if is_word_char(char) else None
        assert kind_of(char) == expected, hex(code)


def test_normalising_between_ideographs_is_nfkc_on_real_reports():
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(DOCS.iterdir())]
    texts.append("Ａ１２号〔２０２５〕ﾃｽﾄ①城市低保Ⅻ㈱ｶﾞ\u0301e\u0301")
    for text in texts:
        assert normalise(text) == unicodedata.normalize("NFKC", text).lower()
