"""``gongkai audit-reports crawl``: a real local HTTP server, the polite crawler, the same ingest service."""

from __future__ import annotations

import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise

import pytest
from django.core.management import call_command

from gongkai.regionaudit import crawl
from gongkai.regionaudit.models import AuditedReport
from tests.regionaudit.conftest import report_text

pytestmark = pytest.mark.django_db

A = report_text("江源市民政局", 2023)
B = report_text("青山县民政局", 2024)


@pytest.fixture
def server():
    hits: list[tuple[str, float, str]] = []
    state = {"flaky": 0}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, code, body=b"", kind="text/plain; charset=utf-8", headers=()):
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for key, value in headers:
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            hits.append((self.path, time.monotonic(), self.headers.get("User-Agent", "")))
            if self.path == "/robots.txt":
                return self._send(200, b"User-agent: *\nDisallow: /secret/\n")
            if self.path == "/a.txt":
                return self._send(200, A)
            if self.path == "/reports/":
                return self._send(200, B)
            if self.path == "/flaky.txt":
                state["flaky"] += 1
                if state["flaky"] == 1:
                    return self._send(503, b"busy", headers=[("Retry-After", "0")])
                return self._send(200, report_text("江源市人民政府办公室", 2022))
            if self.path == "/big.txt":
                return self._send(200, b"x" * 200_000)
            if self.path == "/image":
                return self._send(200, b"\x89PNG", kind="image/png")
            return self._send(404, b"no")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()
    httpd.server_close()


def test_crawler_rules(server):
    base, hits = server
    crawler = crawl.Crawler(delay=0.2, max_bytes=100_000, backoff=0.0)
    urls = [f"{base}/a.txt", f"{base}/secret/x.txt", f"{base}/missing.txt", f"{base}/big.txt", f"{base}/image"]
    urls += ["ftp://example.org/a.txt", f"{base}/flaky.txt"]
    got = {f.url: f for f in crawler.crawl(urls)}
    assert got[f"{base}/a.txt"].data == A and got[f"{base}/a.txt"].name == "127.0.0.1/a.txt"
    assert got[f"{base}/secret/x.txt"].error == "robots.txt 不允许抓取此地址"
    assert got[f"{base}/missing.txt"].error == "无法访问：HTTP 404"
    assert got[f"{base}/big.txt"].error.startswith("超过大小限制")
    assert got[f"{base}/image"].error == "不是报告文件类型：image/png"
    assert got["ftp://example.org/a.txt"].error == "只支持 http 和 https 地址"
    assert got[f"{base}/flaky.txt"].data and not got[f"{base}/flaky.txt"].error
    paths = [path for path, _t, _ua in hits]
    assert not any(path.startswith("/secret/") for path in paths)
    assert paths.count("/flaky.txt") == 2 and paths.count("/robots.txt") == 1
    times = [t for _p, t, _ua in hits]
    assert all(later - earlier >= 0.19 for earlier, later in pairwise(times))
    assert all(ua.startswith("gongkai-report-audit/1.0") for _p, _t, ua in hits)


def test_max_addresses(server):
    base, _hits = server
    got = list(crawl.Crawler(delay=0, max_addresses=1).crawl([f"{base}/a.txt", f"{base}/reports/"]))
    assert got[0].data == A and got[1].error.startswith("超过每次抓取的地址数上限")


def test_command_stores_with_source_address(server, region, tmp_path):
    base, _hits = server
    listing = tmp_path / "list.txt"
    listing.write_text(f"# 清单\n\n{base}/a.txt\n{base}/reports/\n{base}/missing.txt\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "audit-reports",
        "crawl",
        "--region",
        region.credit_code,
        str(listing),
        "--json",
        "--delay",
        "0.05",
        stdout=out,
        stderr=err,
    )
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {"url": f"{base}/missing.txt", "error": "无法访问：HTTP 404"} in lines
    stored = [line for line in lines if "file" in line]
    assert [(s["file"], s["status"], s["agency"]) for s in stored] == [
        ("127.0.0.1/a.txt", "stored", "江源市民政局"),
        ("127.0.0.1/index.html", "stored", "青山县民政局"),
    ]
    assert sorted(AuditedReport.objects.values_list("source_address", flat=True)) == [
        f"{base}/a.txt",
        f"{base}/reports/",
    ]
    assert "抓取 3/3" in err.getvalue()
