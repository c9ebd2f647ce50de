"""`gongkai demo` from nothing: migrate, load, print credentials once, serve with gunicorn; SQLite in WAL mode
takes concurrent writes from several workers."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.twofactor import totp

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GONGKAI_", "DATABASE_URL"))}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"demo exited early with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds}s")


def _post(opener, base: str, url: str, page: str, fields: dict[str, str]) -> str:
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token})
    request = urllib.request.Request(url, data=data.encode(), headers={"Referer": base})
    with opener.open(request, timeout=30) as response:
        return response.read().decode()


def _login(base: str, username: str, password: str, opener=None) -> str:
    opener = opener or urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "workspace/login/", timeout=10).read().decode()
    return _post(opener, base, base + "workspace/login/", page, {"username": username, "password": password})


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    tmp_path = tmp_path_factory.mktemp("demo")
    port = _free_port()
    data_dir = tmp_path / "data"
    command = [sys.executable, "-m", "gongkai", "demo", "--port", str(port), "--data-dir", str(data_dir)]
    log = tmp_path / "demo.log"
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=_clean_env(), cwd=tmp_path)
        try:
            base = f"http://127.0.0.1:{port}/"
            _wait_for(base, process)
            yield base, log.read_text(), data_dir, command
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_demo_serves_a_populated_site_and_users_can_log_in(demo):
    base, output, data_dir, _ = demo
    with urllib.request.urlopen(base, timeout=10) as response:
        html = response.read().decode()
        assert response.headers["Server"].startswith("gunicorn")
    assert "江源市民政局" in html and "青山县民政局" in html
    with urllib.request.urlopen(base + "static/gongkai/site.css", timeout=10) as response:
        assert response.status == 200  # whitenoise serves collected static files
    credentials = dict(re.findall(r"用户名 (\S+)\s+密码 (\S+)", output))
    assert "gongkai.service" not in output  # the demo's terminal shows its own lines, not a log line per service
    assert set(credentials) >= {"officer", "drafter", "reviewer", "approver", "agency-admin", "supervisor", "sysadmin"}
    assert "（机关管理员，首次登录须绑定身份验证器）" in output and "（起草人）" in output
    # The agency administrator sees applicants' data: the first login goes through enrolment (GONGKAI_2FA=roles).
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    setup = _login(base, "agency-admin", credentials["agency-admin"], opener)
    assert "绑定身份验证器" in setup and "<svg" in setup
    secret = re.search(r'<code id="manual-key">([A-Z2-7 ]+)</code>', setup).group(1)
    codes = _post(opener, base, base + "workspace/2fa/setup/", setup, {"otp_token": totp.code(secret)})
    assert "您的恢复码" in codes
    home = opener.open(base + "workspace/", timeout=10).read().decode()
    assert "江源市民政局" in home and "机关管理员" in home
    with sqlite3.connect(data_dir / "gongkai.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_several_workers_write_concurrently_without_locking_errors(demo):
    base, output, data_dir, _ = demo
    credentials = dict(re.findall(r"用户名 (\S+)\s+密码 (\S+)", output))
    assert "gongkai.service" not in output  # the demo's terminal shows its own lines, not a log line per service
    users = ["officer", "drafter", "reviewer", "approver", "supervisor", "county-officer"] * 3
    count_logins = "SELECT count(*) FROM audit_auditentry WHERE action = 'auth.login'"
    with sqlite3.connect(data_dir / "gongkai.sqlite3") as db:
        before = db.execute(count_logins).fetchone()[0]
    with ThreadPoolExecutor(max_workers=6) as pool:  # every login writes audit entries and a session
        pages = list(pool.map(lambda u: _login(base, u, credentials[u]), users))
    asked = {"officer", "approver", "county-officer"}  # their first login goes to enrolment (GONGKAI_2FA=roles)
    for user, page in zip(users, pages, strict=True):
        assert ("绑定身份验证器" if user in asked else "您好") in page, user
    with sqlite3.connect(data_dir / "gongkai.sqlite3") as db:
        after = db.execute(count_logins).fetchone()[0]
    assert after - before == len(users)
    verify = subprocess.run(
        [sys.executable, "-m", "gongkai", "audit", "verify", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=_clean_env(),
        timeout=60,
    )
    assert verify.returncode == 0, verify.stderr
    assert "全部校验通过" in verify.stdout


def test_second_run_reuses_the_data_and_prints_no_passwords(demo):
    _, _, data_dir, _ = demo
    again = subprocess.run(
        [sys.executable, "-m", "gongkai", "demo", "--no-serve", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=_clean_env(),
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert "演示数据已存在" in again.stdout and "密码 " not in again.stdout
