"""Take the user guide's screenshots (docs/zh/screenshots/) from today's pages.

    .venv/bin/python scripts/screenshots.py [--out docs/zh/screenshots] [--data-dir DIR]

Loads the demo into a fresh data directory (``gongkai demo --no-serve``), serves it with ``gongkai serve`` and
visits each role's main pages in Debian's Chromium through Playwright, in the zh-CN locale and the Asia/Shanghai
time zone, 1280 px wide. Two-factor login is off for the run (``GONGKAI_2FA=off``) so the script can log in; every
other setting is the demo's. The page list is ``SHOTS`` below; docs/zh/用户手册.md shows them.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass(frozen=True)
class Shot:
    name: str  # file name without .png
    user: str | None  # demo user name, None for the public
    path: str  # URL path, may contain {placeholders} filled from the database
    full_page: bool = False


SHOTS = [
    Shot("portal-home", None, "/"),
    Shot("portal-guide", None, "/agency/{city_civil}/guide/", full_page=True),
    Shot("portal-catalog", None, "/agency/{city_civil}/catalog/"),
    Shot("portal-item", None, "/items/{published_item}/"),
    Shot("portal-search", None, "/search/?q=%E6%95%91%E5%8A%A9"),
    Shot("portal-apply", None, "/requests/apply/{city_civil}/", full_page=True),
    Shot("portal-track", None, "/requests/track/"),
    Shot("login", None, "/workspace/login/"),
    Shot("officer-home", "officer", "/workspace/", full_page=True),
    Shot("officer-inbox", "officer", "/workspace/requests/"),
    Shot("officer-request", "officer", "/workspace/requests/{open_request}/", full_page=True),
    Shot("officer-register", "officer", "/workspace/requests/register/{city_civil_pk}/", full_page=True),
    Shot("drafter-home", "drafter", "/workspace/"),
    Shot("drafter-worklist", "drafter", "/workspace/disclosure/"),
    Shot("drafter-new-item", "drafter", "/workspace/disclosure/new/{city_civil_pk}/", full_page=True),
    Shot("drafter-duties", "drafter", "/workspace/disclosure/duties/"),
    Shot("reviewer-home", "reviewer", "/workspace/"),
    Shot("approver-home", "approver", "/workspace/"),
    Shot("admin-reports", "agency-admin", "/workspace/reports/"),
    Shot("admin-report", "agency-admin", "/workspace/reports/{draft_report}/", full_page=True),
    Shot("admin-audit", "agency-admin", "/workspace/agencies/{city_civil_pk}/audit/"),
    Shot("admin-workplan", "agency-admin", "/workspace/workplan/"),
    Shot("admin-cases", "agency-admin", "/workspace/cases/"),
    Shot("supervisor-home", "supervisor", "/workspace/"),
    Shot("supervisor-oversight", "supervisor", "/workspace/reports/oversight/", full_page=True),
    Shot("checker", "supervisor", "/workspace/checker/"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prepare(env: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Load the demo, set known passwords; return the placeholders and the passwords. Runs in a child process so
    Django's settings follow the data directory."""
    code = r"""
import json, django
django.setup()
from django.core.management import call_command
from gongkai.agencies import demo as agencies_demo
from gongkai.agencies.models import Agency
from gongkai.disclosure.models import CatalogItem, ItemState
from gongkai.foi.models import InfoRequest
from gongkai.reports.models import AnnualReport
call_command("demo", no_serve=True, stdout=open("/dev/null", "w"))
passwords = {demo.username: password for demo, password in agencies_demo.reset_passwords()}
city = Agency.objects.get(credit_code=agencies_demo.CITY_CIVIL)
values = {
    "city_civil": city.credit_code,
    "city_civil_pk": city.pk,
    "published_item": CatalogItem.objects.filter(agency=city, state=ItemState.PUBLISHED).order_by("-pk")[0].pk,
    "open_request": InfoRequest.objects.filter(agency=city, closed_on__isnull=True).order_by("-pk")[0].pk,
    "draft_report": AnnualReport.objects.filter(agency=city).order_by("-year")[0].pk,
}
print(json.dumps({"values": values, "passwords": passwords}))
"""
    out = subprocess.run([PYTHON, "-c", code], env=env, check=True, capture_output=True, text=True).stdout
    import json

    data = json.loads(out.strip().splitlines()[-1])
    return {k: str(v) for k, v in data["values"].items()}, data["passwords"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "zh" / "screenshots"))
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--only", nargs="*", help="names of the shots to take (default all)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="gongkai-shots-")
    env = dict(os.environ, GONGKAI_DATA_DIR=data_dir, GONGKAI_2FA="off", DJANGO_SETTINGS_MODULE="gongkai.settings")
    env.pop("DATABASE_URL", None)
    print(f"loading the demo into {data_dir} …", flush=True)
    values, passwords = _prepare(env)
    port = _free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gongkai", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        _shoot(base, out, values, passwords, set(args.only or []))
    finally:
        server.terminate()
        server.wait(timeout=30)


def _shoot(base: str, out: Path, values: dict[str, str], passwords: dict[str, str], only: set[str]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        contexts: dict[str | None, object] = {}
        try:
            for shot in SHOTS:
                if only and shot.name not in only:
                    continue
                if shot.user not in contexts:
                    context = browser.new_context(
                        locale="zh-CN",
                        timezone_id="Asia/Shanghai",
                        viewport={"width": 1280, "height": 860},
                        device_scale_factor=1,
                    )
                    if shot.user:
                        page = context.new_page()
                        page.goto(base + "/workspace/login/")
                        page.fill("input[name=username]", shot.user)
                        page.fill("input[name=password]", passwords[shot.user])
                        page.press("input[name=password]", "Enter")
                        page.wait_for_load_state("networkidle")
                        page.close()
                    contexts[shot.user] = context
                page = contexts[shot.user].new_page()
                response = page.goto(base + shot.path.format(**values))
                page.wait_for_load_state("networkidle")
                status = response.status if response else 0
                target = out / f"{shot.name}.png"
                page.screenshot(path=str(target), full_page=shot.full_page)
                print(f"{status} {shot.name:24} {shot.path.format(**values)}", flush=True)
                if status >= 400:
                    raise SystemExit(f"{shot.path} answered {status}")
                page.close()
        finally:
            browser.close()


if __name__ == "__main__":
    main()
