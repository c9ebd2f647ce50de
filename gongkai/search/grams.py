"""Tokenisation for Chinese full-text search: overlapping CJK bigrams and lower-cased Latin/digit words.

Pure Python, no Django, no database locale: the same tokens feed SQLite's FTS5 table and PostgreSQL's GIN index.

Indexing (:func:`index_tokens`) — the text is normalised (NFKC, lower case) and cut into *runs*: a run of CJK
characters, or a run of letters/digits; anything else (punctuation, spaces, 〔〕) separates runs. Each run yields
tokens, one per position:

* a CJK run ``c0 c1 … cm`` yields ``c0c1, c1c2, …, c(m-1)cm, cm`` — the bigram starting at every character, and
  the last character alone (so a run of one character is that character);
* a Latin/digit run is one word: ``2025``, ``pdf``.

``江民规〔2025〕1号`` → ``江民 民规 规 2025 1 号``; ``城市低保`` → ``城市 市低 低保 保``.

Querying (:func:`parse_query`) — the query is split on white space into *terms*; every term must occur (AND), each
as a phrase (its tokens at consecutive positions). A term's tokens are its runs' tokens with two adjustments that
make a term match wherever it occurs as a substring of a run in the text:

* a CJK run that is the whole term yields only its bigrams (``低保`` → ``低保``; ``城市低保`` → ``城市 市低 低保``):
  the text's run may continue after it;
* a one-character CJK run at the end of a longer term becomes a *prefix* token (``1号`` → ``1`` then ``号…``),
  because in the text the run may continue (``1号文件`` holds ``1 号文 文件 件``).

A term with fewer than two characters (``救``, ``a``) is refused: it would match nearly every item.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MIN_TERM_CHARS = 2

_CJK_RANGES = (
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3041, 0x3096),  # hiragana
    (0x30A1, 0x30FA),  # katakana (not ・ or ゠, which are punctuation)
    (0x30FC, 0x30FF),  # ー ヽ ヾ ヿ
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B–H
)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES) and unicodedata.category(char)[0] in "LN"


def is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN" and not is_cjk(char)


# CJK unified ideographs have no decomposition and compose with nothing: NFKC leaves them, and what stands between
# them, as they are, so only the text between them needs normalising (the same result, several times faster on
# Chinese text).
_NOT_IDEOGRAPHS = re.compile(r"[^\u4e00-\u9fff]+")


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def normalise(text: str) -> str:
    """NFKC, lower case."""
    return _NOT_IDEOGRAPHS.sub(_nfkc, text or "").lower()


def _ranges(chars: list[int]) -> str:
    """A regular-expression character class body for these code points (ascending), as ranges."""
    parts, start, prev = [], None, None
    for code in chars:
        if start is None:
            start = prev = code
        elif code == prev + 1:
            prev = code
        else:
            parts.append((start, prev))
            start = prev = code
    if start is not None:
        parts.append((start, prev))
    return "".join(f"{chr(a)}-{chr(b)}" if a != b else re.escape(chr(a)) for a, b in parts)


# The CJK characters of :func:`is_cjk`, enumerated once (so the class is exactly that test), and the runs as one
# regular expression: a run of them, or a run of other letters and digits (``\w`` less ``_`` and the CJK class).
_CJK_CLASS = _ranges([c for low, high in _CJK_RANGES for c in range(low, high + 1) if is_cjk(chr(c))])
_RUN = re.compile(f"([{_CJK_CLASS}]+)|([^\\W_{_CJK_CLASS}]+)")


def runs(text: str) -> list[tuple[str, str]]:
    """``[("cjk", "城市低保"), ("word", "2026"), …]`` of normalised text; separators dropped."""
    return [("cjk", cjk) if cjk else ("word", word) for cjk, word in _RUN.findall(normalise(text))]


def _run_tokens(kind: str, run: str) -> list[str]:
    if kind == "word":
        return [run]
    return [run[i : i + 2] for i in range(len(run))]  # the last slice is the final character alone


def index_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for kind, run in runs(text):
        tokens.extend(_run_tokens(kind, run))
    return tokens


def index_string(text: str) -> str:
    """Space-separated tokens, padded with a space each side so ``' a b '`` phrase checks work with LIKE."""
    tokens = index_tokens(text)
    return f" {' '.join(tokens)} " if tokens else ""


@dataclass(frozen=True)
class Term:
    text: str  # the normalised term as typed (for highlighting)
    tokens: tuple[str, ...]  # exact tokens at consecutive positions
    prefix: str = ""  # a final prefix token (one CJK character), or ""

    def fts_phrase(self) -> str:
        """The FTS5 phrase: ``"1 号" *`` (tokens hold only letters and digits, so quoting is safe)."""
        tokens = [*self.tokens, self.prefix] if self.prefix else list(self.tokens)
        return f'"{" ".join(tokens)}"' + (" *" if self.prefix else "")

    def like_pattern(self) -> str:
        """The substring of a padded token string that holds this phrase: ``' 1 号'`` or ``' 低保 '``."""
        if self.prefix:
            return f" {' '.join([*self.tokens, self.prefix])}"
        return f" {' '.join(self.tokens)} "


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[Term, ...] = field(default_factory=tuple)
    too_short: tuple[str, ...] = field(default_factory=tuple)  # terms refused for having one character

    @property
    def ok(self) -> bool:
        return bool(self.terms) and not self.too_short

    def fts_match(self) -> str:
        return " AND ".join(term.fts_phrase() for term in self.terms)

    def required_tokens(self) -> list[str]:
        """Every exact token of every term (what an inverted index can look up; prefix tokens left out)."""
        return sorted({token for term in self.terms for token in term.tokens})


def parse_term(raw: str) -> Term | None:
    parts = runs(raw)
    if not parts:
        return None
    if sum(len(run) for _, run in parts) < MIN_TERM_CHARS:
        return Term(text=normalise(raw), tokens=())
    tokens: list[str] = []
    prefix = ""
    last = len(parts) - 1
    for index, (kind, run) in enumerate(parts):
        if kind == "word":
            tokens.append(run)
        elif len(parts) == 1:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))  # the whole term: its bigrams only
        elif index == last:
            if len(run) == 1:
                prefix = run
            else:
                tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.extend(_run_tokens(kind, run))
    return Term(text=normalise(raw).strip(), tokens=tuple(tokens), prefix=prefix)


def parse_query(text: str) -> Query:
    terms: list[Term] = []
    too_short: list[str] = []
    seen: set[str] = set()
    for raw in (text or "").split():
        term = parse_term(raw)
        if term is None:
            continue
        if not term.tokens and not term.prefix:
            too_short.append(raw)
        elif term.like_pattern() not in seen:
            seen.add(term.like_pattern())
            terms.append(term)
    return Query(text=(text or "").strip(), terms=tuple(terms), too_short=tuple(too_short))
