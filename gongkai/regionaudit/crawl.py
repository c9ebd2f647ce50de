"""A bounded, polite crawler for 年报体检: fetch a list of report addresses one at a time with the standard library.

Rules: http/https only; robots.txt honoured (an unreadable robots.txt allows); a delay between requests to one host;
a timeout; a maximum size per file (reading stops beyond it); a maximum number of addresses per run; an identifying
User-Agent; retries with backoff on 429/5xx (Retry-After in seconds honoured, capped); only report kinds (HTML, plain
text, PDF, DOCX by Content-Type or suffix). Each address yields a :class:`Fetched` with the file or a Chinese error;
one failure never stops the others.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext as _

USER_AGENT = "gongkai-report-audit/1.0"


def user_agent() -> str:
    """The crawler's name, with the deployment's contact (``GONGKAI_CRAWL_CONTACT``: an address or e-mail in ASCII)
    so a site's operator can reach whoever crawls it."""
    from django.conf import settings

    contact = getattr(settings, "GONGKAI_CRAWL_CONTACT", "")
    return f"{USER_AGENT} (+{contact})" if contact else USER_AGENT


REPORT_TYPES = (
    "text/html",
    "text/plain",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
REPORT_SUFFIXES = (".html", ".htm", ".txt", ".pdf", ".docx")
MAX_BYTES = 20 * 1024 * 1024
MAX_ADDRESSES = 200
RETRIES = 3
RETRY_AFTER_CAP = 60.0


@dataclass
class Fetched:
    url: str
    name: str = ""
    data: bytes | None = None
    error: str = ""


def read_list(text: str) -> list[str]:
    """One address per line; blank lines and lines starting with # are skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def file_name(url: str) -> str:
    parts = urlsplit(url)
    last = "" if parts.path.endswith("/") else unquote(PurePosixPath(parts.path).name)
    last = last or "index.html"
    return f"{parts.hostname}/{last}"


class Crawler:
    def __init__(
        self,
        *,
        delay: float = 1.0,
        timeout: float = 20.0,
        max_bytes: int = MAX_BYTES,
        max_addresses: int = MAX_ADDRESSES,
        retries: int = RETRIES,
        backoff: float = 1.0,
        retry_after_cap: float = RETRY_AFTER_CAP,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.delay, self.timeout, self.max_bytes = delay, timeout, max_bytes
        self.max_addresses, self.retries, self.backoff, self.cap = max_addresses, retries, backoff, retry_after_cap
        self.sleep = sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            left = self.delay - (time.monotonic() - last)
            if left > 0:
                self.sleep(left)
        self._last[host] = time.monotonic()

    def _open(self, url: str):
        request = urllib.request.Request(url, headers={"User-Agent": user_agent()})
        return urllib.request.urlopen(request, timeout=self.timeout)

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base not in self._robots:
            parser = urllib.robotparser.RobotFileParser()
            self._wait(parts.netloc)
            try:
                with self._open(base + "/robots.txt") as response:
                    parser.parse(response.read(512 * 1024).decode("utf-8", "replace").splitlines())
            except Exception:  # unreadable robots.txt: allowed
                parser = None
            self._robots[base] = parser
        parser = self._robots[base]
        return parser is None or parser.can_fetch(user_agent(), url)

    def fetch(self, url: str) -> Fetched:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return Fetched(url, error=_("只支持 http 和 https 地址"))
        name = file_name(url)
        if not self._allowed(url):  # an unreadable robots.txt allows (handled inside)
            return Fetched(url, name, error=_("robots.txt 不允许抓取此地址"))
        for attempt in range(self.retries + 1):
            self._wait(parts.netloc)
            try:
                with self._open(url) as response:
                    kind = (response.headers.get_content_type() or "").lower()
                    if kind not in REPORT_TYPES and not parts.path.lower().endswith(REPORT_SUFFIXES):
                        return Fetched(url, name, error=_("不是报告文件类型：%(kind)s") % {"kind": kind})
                    data = response.read(self.max_bytes + 1)
                    if len(data) > self.max_bytes:
                        return Fetched(
                            url, name, error=_("超过大小限制（%(mb)s MB）") % {"mb": round(self.max_bytes / 1048576, 2)}
                        )
                    return Fetched(url, name, data)
            except urllib.error.HTTPError as exc:
                if (exc.code == 429 or exc.code >= 500) and attempt < self.retries:
                    wait = self.backoff * 2**attempt
                    after = exc.headers.get("Retry-After", "") if exc.headers else ""
                    if after.strip().isdigit():
                        wait = float(after.strip())
                    self.sleep(min(wait, self.cap))
                    continue
                return Fetched(url, name, error=_("无法访问：HTTP %(code)s") % {"code": exc.code})
            except Exception as exc:
                return Fetched(url, name, error=_("无法访问：%(reason)s") % {"reason": getattr(exc, "reason", exc)})
        return Fetched(url, name, error=_("无法访问"))  # pragma: no cover

    def crawl(self, urls: list[str]) -> Iterator[Fetched]:
        for index, url in enumerate(urls):
            if index >= self.max_addresses:
                yield Fetched(url, error=_("超过每次抓取的地址数上限（%(n)s）") % {"n": self.max_addresses})
                continue
            yield self.fetch(url)
