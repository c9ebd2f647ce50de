"""Plain text from the sanitised body HTML, with block boundaries kept as spaces (so paragraphs do not fuse)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "br", "li", "ul", "ol", "table", "tr", "td", "th", "h2", "h3", "h4", "div", "blockquote", "thead"}
_SPACES = re.compile(r"\s+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html or "")
    parser.close()
    return _SPACES.sub(" ", "".join(parser.parts)).strip()
