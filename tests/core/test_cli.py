"""The `gongkai` command: global --data-dir, `check` as deployment checks, createadmin, configuration from the
environment."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.audit.models import AuditEntry
from gongkai.cli import _take_option


@pytest.mark.parametrize(
    ("argv", "value", "rest"),
    [
        (["demo", "--data-dir", "/x", "--port", "9"], "/x", ["demo", "--port", "9"]),
        (["demo", "--data-dir=/y"], "/y", ["demo"]),
        (["migrate"], None, ["migrate"]),
    ],
)
def test_data_dir_is_taken_before_settings_load(argv, value, rest):
    assert _take_option(argv, "--data-dir") == value
    assert argv == rest


def test_createadmin_creates_an_audited_superuser(db, monkeypatch):
    monkeypatch.setenv("GONGKAI_ADMIN_PASSWORD", "a-long-enough-password-7")
    out = io.StringIO()
    call_command("createadmin", "--username", "root-admin", stdout=out)
    user = get_user_model().objects.get(username="root-admin")
    assert user.is_superuser and user.check_password("a-long-enough-password-7")
    assert AuditEntry.objects.filter(action="user.create", object_id=str(user.pk)).exists()


def test_createadmin_refuses_a_weak_password_in_chinese(db, monkeypatch):
    monkeypatch.setenv("GONGKAI_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError, match="密码"):
        call_command("createadmin", "--username", "weak")
    assert not get_user_model().objects.filter(username="weak").exists()


def _settings_in_subprocess(env: dict[str, str]) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "db = s.DATABASES['default']; print(json.dumps({'hosts': s.ALLOWED_HOSTS, 'debug': s.DEBUG, "
        "'engine': db['ENGINE'], 'name': str(db['NAME']), 'host': db.get('HOST'), 'lang': s.LANGUAGE_CODE, "
        "'secure': s.SESSION_COOKIE_SECURE, 'data': str(s.DATA_DIR)}))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL"))}
    base["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    result = subprocess.run(
        [sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(result.stdout)


def test_configuration_comes_from_the_environment(tmp_path):
    conf = _settings_in_subprocess(
        {
            "GONGKAI_DATA_DIR": str(tmp_path),
            "GONGKAI_ALLOWED_HOSTS": "gk.example.gov.cn, gk2.example.gov.cn",
            "GONGKAI_DEBUG": "1",
            "GONGKAI_HTTPS": "1",
            "DATABASE_URL": "postgres://gk:pw@db.internal:5432/gongkai",
            "GONGKAI_SECRET_KEY": "x" * 50,
        }
    )
    assert conf["hosts"] == ["gk.example.gov.cn", "gk2.example.gov.cn"]
    assert conf["debug"] is True and conf["secure"] is True
    assert conf["engine"] == "django.db.backends.postgresql" and conf["host"] == "db.internal"
    assert conf["name"] == "gongkai"


def test_defaults_are_sqlite_in_the_data_dir_and_chinese(tmp_path):
    conf = _settings_in_subprocess({"GONGKAI_DATA_DIR": str(tmp_path)})
    assert conf["engine"] == "django.db.backends.sqlite3"
    assert conf["name"] == str(tmp_path / "gongkai.sqlite3")
    assert conf["lang"] == "zh-hans" and conf["debug"] is False
    key = tmp_path / "secret_key"
    assert key.exists() and oct(key.stat().st_mode & 0o777) == "0o600"
    assert _settings_in_subprocess({"GONGKAI_DATA_DIR": str(tmp_path)}) == conf  # the key is reused, not replaced


def test_check_runs_the_deployment_checks(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL", "DJANGO_"))}
    env.update({"GONGKAI_DATA_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "check"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "security.W004" in result.stderr + result.stdout  # HSTS warning: only --deploy reports it
    env["GONGKAI_HTTPS"] = "1"
    env["GONGKAI_SECRET_KEY"] = "k" * 60 + "-AbC9"
    quiet = subprocess.run(
        [sys.executable, "-m", "gongkai", "check"], env=env, capture_output=True, text=True, timeout=60
    )
    assert "security.W" not in quiet.stderr + quiet.stdout
