"""``gongkai backup`` and ``gongkai restore``, run as an administrator runs them: real ``gongkai`` processes on real
data directories and databases (SQLite files, or scratch PostgreSQL databases created and dropped here when the
suite runs with DATABASE_URL=postgres://…).

A populated site is backed up once for the module; each test restores that backup (or a damaged copy of it) into a
fresh or a populated target and checks, with its own queries, what the target holds afterwards.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url
import pytest
from cryptography.fernet import Fernet

from gongkai.ops.backups import BackupRefused, pg_tool

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DATABASE_URL = os.environ.get("DATABASE_URL", "")
PG = DATABASE_URL.startswith(("postgres://", "postgresql://"))
KEY = Fernet.generate_key().decode()
OTHER_KEY = Fernet.generate_key().decode()
PREFIX = f"gk_bk_{secrets.token_hex(3)}"  # every scratch database of this run starts so, and is dropped at the end


def fingerprint(key: str) -> str:
    return hashlib.sha256(b"gongkai-key-fingerprint:" + key.encode()).hexdigest()[:16]


# --- places: a data dir (and on PostgreSQL a database of its own) -------------------------------------------


def _pg_admin():
    import psycopg

    url = dj_database_url.parse(DATABASE_URL)
    return psycopg.connect(
        dbname="postgres",
        user=url["USER"] or None,
        password=url["PASSWORD"] or None,
        host=url["HOST"] or None,
        port=str(url["PORT"]) if url["PORT"] else None,
        autocommit=True,
    )


def _pg_url(name: str) -> str:
    url = dj_database_url.parse(DATABASE_URL)
    auth = url["USER"] + (f":{url['PASSWORD']}" if url["PASSWORD"] else "")
    return f"postgres://{auth}@{url['HOST'] or '127.0.0.1'}:{url['PORT'] or 5432}/{name}"


@dataclass
class Place:
    data: Path
    db_name: str = ""  # PostgreSQL
    keys: str | None = KEY  # GONGKAI_ENCRYPTION_KEYS; None: unset

    @property
    def sqlite(self) -> Path:
        return self.data / "gongkai.sqlite3"

    @property
    def media(self) -> Path:
        return self.data / "media"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "GONGKAI_ENCRYPTION_KEYS")}
        env.update(
            GONGKAI_DATA_DIR=str(self.data), DJANGO_SETTINGS_MODULE="tests.settings", GONGKAI_LOG_LEVEL="WARNING"
        )
        if self.keys is not None:
            env["GONGKAI_ENCRYPTION_KEYS"] = self.keys
        if PG:
            env["DATABASE_URL"] = _pg_url(self.db_name)
        return {**env, **extra}

    def gongkai(self, *args: str, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PYTHON, "-m", "gongkai.cli", *args],
            cwd=ROOT,
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=600,
        )

    def python(self, code: str) -> str:
        done = subprocess.run(
            [PYTHON, "-c", "import django; django.setup()\n" + code],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return done.stdout.strip()

    # what the place holds, read here (not by the code under test)

    def connect(self):
        if not PG:
            return sqlite3.connect(self.sqlite)
        import psycopg

        url = dj_database_url.parse(_pg_url(self.db_name))
        return psycopg.connect(
            dbname=self.db_name,
            user=url["USER"] or None,
            password=url["PASSWORD"] or None,
            host=url["HOST"],
            port=str(url["PORT"]),
        )

    @contextlib.contextmanager
    def cursor(self):
        conn = self.connect()
        try:
            yield conn.cursor()
        finally:
            conn.close()

    def exists(self) -> bool:
        if not PG:
            return self.sqlite.exists()
        with _pg_admin() as admin:
            return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.db_name]).fetchone() is not None

    def counts(self) -> dict[str, int]:
        with self.cursor() as cursor:
            if PG:
                cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            else:
                cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            tables = sorted(row[0] for row in cursor.fetchall())
            counts = {}
            for table in tables:
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
            return counts

    def audit_actions(self) -> list[str]:
        with self.cursor() as cursor:
            cursor.execute("SELECT action FROM audit_auditentry ORDER BY id")
            return [row[0] for row in cursor.fetchall()]

    def files(self) -> dict[str, str]:
        return {
            p.relative_to(self.media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.media.rglob("*"))
            if p.is_file()
        }

    def state(self) -> tuple:
        """Everything a refused restore must leave as it was: the database (its file's bytes, or on PostgreSQL its
        oid — a swap would change it — and row counts), the files, and what else lies in the data dir."""
        if PG:
            with _pg_admin() as admin:
                oid = admin.execute("SELECT oid FROM pg_database WHERE datname = %s", [self.db_name]).fetchone()
            database = (oid, self.counts() if oid else None)
        else:
            database = hashlib.sha256(self.sqlite.read_bytes()).hexdigest() if self.sqlite.exists() else None
        return database, self.files(), sorted(p.name for p in self.data.iterdir())


class Places:
    """Fresh places under one temporary folder; their scratch databases are dropped at the end."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def new(self, label: str, **kwargs) -> Place:
        data = self.root / f"{label}-{secrets.token_hex(3)}"
        data.mkdir()
        return Place(data, db_name=f"{PREFIX}_{label}_{secrets.token_hex(2)}" if PG else "", **kwargs)


def _drop_scratch_databases() -> None:
    from psycopg import sql

    with _pg_admin() as admin:
        names = [r[0] for r in admin.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [PREFIX + "%"])]
        for name in names:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    yield Places(tmp_path_factory.mktemp("backup"))
    if PG:
        _drop_scratch_databases()


@dataclass
class Site:
    place: Place
    backup: Path
    counts: dict[str, int]  # counted before the backup, by the test
    files: dict[str, str]
    id_number: str
    manifest: dict = field(default_factory=dict)


def _ok(done: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def _create_database(place: Place) -> None:
    if PG:
        from psycopg import sql

        with _pg_admin() as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(place.db_name)))


@pytest.fixture(scope="module")
def site(places) -> Site:
    """A populated site (the demo's jurisdiction, users, cases, work plan, engagement; online requests with
    encrypted applicants and attachments), and its backup."""
    place = places.new("source")
    _create_database(place)
    _ok(place.gongkai("migrate", "-v0"))
    subprocess.run([PYTHON, "-m", "tests.ops.populate"], cwd=ROOT, env=place.env(), check=True, timeout=600)
    counts, files = place.counts(), place.files()
    id_number = place.python("from gongkai.foi.models import Applicant; print(Applicant.objects.first().id_number)")
    backup = places.root / "backup-of-source"
    done = _ok(place.gongkai("backup", str(backup)))
    assert "加密密钥不在备份中" in done.stderr and fingerprint(KEY) in done.stderr
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    return Site(place, backup, counts, files, id_number, manifest)


@pytest.fixture(scope="module")
def populated(site, places) -> Place:
    """A target that already holds a restored copy of the site: what a refused restore must leave alone."""
    place = places.new("populated")
    _ok(place.gongkai("restore", str(site.backup)))
    return place


def _copy_of_backup(site: Site, tmp_path: Path) -> Path:
    copy = tmp_path / "backup"
    shutil.copytree(site.backup, copy)
    return copy


def _edit_manifest(backup: Path, change) -> None:
    path = backup / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def _no_staging_left(place: Place) -> None:
    assert not [p.name for p in place.data.iterdir() if ".restore-" in p.name]
    if PG:
        with _pg_admin() as admin:
            staged = admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [place.db_name + "_restore_%"]
            ).fetchall()
        assert staged == []


# --- the backup ---------------------------------------------------------------------------------------------------


def test_the_manifest_names_every_table_file_and_key_fingerprint_and_holds_no_key(site):
    manifest = site.manifest
    db_file = "database.pgdump" if PG else "database.sqlite3"
    assert manifest["database"]["engine"] == ("postgresql" if PG else "sqlite")
    assert manifest["gongkai_version"] == "0.1.0" and manifest["created_at"]
    assert manifest["tables"] == site.counts  # the backup's counts are the ones the test counted itself
    assert manifest["tables"]["foi_applicant"] == 3 and manifest["tables"]["foi_attachment"] == 3
    media = {name.removeprefix("media/"): meta["sha256"] for name, meta in manifest["files"].items() if name != db_file}
    assert media == site.files and len(media) == 4  # three attachments and the work plan's source file
    stored = sorted(str(p.relative_to(site.backup)) for p in site.backup.rglob("*") if p.is_file())
    assert stored == sorted([*manifest["files"], "manifest.json"])
    for name, meta in manifest["files"].items():
        assert hashlib.sha256((site.backup / name).read_bytes()).hexdigest() == meta["sha256"]
    assert manifest["encryption_keys"]["fingerprints"] == [fingerprint(KEY)]
    with site.place.cursor() as cursor:
        cursor.execute("SELECT chain, last_seq, last_hash FROM audit_audithead")
        heads = {chain: {"seq": seq, "hash": h} for chain, seq, h in cursor.fetchall()}
    heads["platform"]["seq"] -= 1  # the backup itself was recorded after its snapshot
    assert {c: h["seq"] for c, h in manifest["audit"]["heads"].items()} == {c: h["seq"] for c, h in heads.items()}
    assert site.place.audit_actions()[-1] == "ops.backup"
    for path in site.backup.rglob("*"):  # neither key, in no file
        if path.is_file():
            assert KEY.encode() not in path.read_bytes()
    assert (site.backup.stat().st_mode & 0o777) == 0o700


def test_a_backup_refuses_a_directory_that_is_not_empty_and_leaves_nothing_when_it_fails(site, places, tmp_path):
    full = tmp_path / "full"
    full.mkdir()
    (full / "old.txt").write_text("x")
    done = site.place.gongkai("backup", str(full))
    assert done.returncode == 1 and "已存在且不是空目录" in done.stderr
    assert [p.name for p in full.iterdir()] == ["old.txt"]

    blank = places.new("blank")  # never migrated
    _create_database(blank)
    done = blank.gongkai("backup", str(tmp_path / "new"))
    assert done.returncode == 1 and "gongkai migrate" in done.stderr, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]  # no DIR, no hidden partial one


# --- the round trip -----------------------------------------------------------------------------------------------


def test_a_restore_into_a_fresh_data_dir_gives_back_every_row_file_and_audit_chain(site, places):
    target = places.new("fresh")
    done = _ok(target.gongkai("restore", str(site.backup)))
    assert "恢复完成" in done.stdout and "均已核对一致" in done.stdout

    expected = dict(site.counts)
    expected["audit_auditentry"] += 1  # the restore is recorded in the restored log
    assert target.counts() == expected
    assert target.files() == site.files
    assert target.audit_actions()[-1] == "ops.restore"
    verify = _ok(target.gongkai("audit", "verify"))
    assert "全部校验通过" in verify.stdout
    # the applicants' encrypted ID numbers read back with the same keys
    assert (
        target.python("from gongkai.foi.models import Applicant; print(Applicant.objects.first().id_number)")
        == site.id_number
        == "11010519491231002X"
    )
    _no_staging_left(target)
    assert not [p for p in target.data.iterdir() if "before-restore" in p.name]  # the target was empty: nothing kept


def test_a_rotated_key_list_that_still_holds_the_backup_key_is_accepted(site, places):
    target = places.new("rotated", keys=f"{OTHER_KEY},{KEY}")  # a new key first, the backup's after it
    _ok(target.gongkai("restore", str(site.backup)))
    assert target.python("from gongkai.foi.models import Applicant; print(Applicant.objects.first().id_number)") == (
        site.id_number
    )


# --- refused before anything changes -------------------------------------------------------------------------------


def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _damage_media(backup: Path) -> str:
    path = sorted((backup / "media" / "foi").rglob("*.pdf"))[0]
    _flip_byte(path)
    return f"{path.relative_to(backup).as_posix()} 的 SHA-256 与清单不符"


def _damage_database(backup: Path) -> str:
    name = "database.pgdump" if PG else "database.sqlite3"
    _flip_byte(backup / name)
    return f"{name} 的 SHA-256 与清单不符"


def _drop_media_file(backup: Path) -> str:
    path = sorted((backup / "media").rglob("*.png"))[0]
    path.unlink()
    return f"缺少 {path.relative_to(backup).as_posix()}"


def _drop_manifest(backup: Path) -> str:
    (backup / "manifest.json").unlink()
    return "缺少 manifest.json"


def _other_engine(backup: Path) -> str:
    _edit_manifest(backup, lambda m: m["database"].update(engine="sqlite" if PG else "postgresql"))
    return "只能恢复到同一种数据库"


def _newer_gongkai(backup: Path) -> str:
    _edit_manifest(backup, lambda m: m["migrations"].append("foi.9999_from_the_future"))
    return "foi.9999_from_the_future"


@pytest.mark.parametrize(
    "damage", [_damage_media, _damage_database, _drop_media_file, _drop_manifest, _other_engine, _newer_gongkai]
)
def test_a_damaged_or_foreign_backup_is_refused_before_anything_is_overwritten(site, populated, tmp_path, damage):
    backup = _copy_of_backup(site, tmp_path)
    expected = damage(backup)
    before = populated.state()
    done = populated.gongkai("restore", "--force", str(backup))
    assert done.returncode == 1, done.stdout + done.stderr
    assert expected in done.stderr
    assert populated.state() == before
    _no_staging_left(populated)


def test_keys_that_do_not_match_the_backup_are_refused(site, places):
    target = places.new("otherkey", keys=OTHER_KEY)
    done = target.gongkai("restore", str(site.backup))
    assert done.returncode == 1
    assert "加密密钥与备份不符" in done.stderr and "证件号码" in done.stderr
    assert fingerprint(KEY) in done.stderr and fingerprint(OTHER_KEY) in done.stderr
    assert not target.exists() and not target.media.exists()

    nokey = places.new("nokey", keys=None)  # neither GONGKAI_ENCRYPTION_KEYS nor a key file
    done = nokey.gongkai("restore", str(site.backup))
    assert done.returncode == 1 and "未配置加密密钥" in done.stderr and fingerprint(KEY) in done.stderr
    assert not nokey.exists() and not (nokey.data / "encryption_key").exists()  # no useless key generated either


def test_a_database_in_use_is_not_replaced(site, populated):
    before = populated.state()
    conn = populated.connect()
    conn.execute("SELECT COUNT(*) FROM audit_auditentry").fetchone()  # connected, as a gunicorn worker is
    with contextlib.closing(conn):
        done = populated.gongkai("restore", "--force", str(site.backup))
    assert done.returncode == 1 and ("正被其他进程使用" in done.stderr or "仍有其他连接" in done.stderr), done.stderr
    assert populated.state() == before


def test_a_target_holding_data_needs_force_and_is_kept_beside_it(site, places):
    target = places.new("replaced")
    _ok(target.gongkai("restore", str(site.backup)))
    held = target.counts()

    done = target.gongkai("restore", str(site.backup))
    assert done.returncode == 1 and "--force" in done.stderr and "目标不是空的" in done.stderr
    assert target.counts() == held

    done = _ok(target.gongkai("restore", "--force", str(site.backup)))
    expected = dict(site.counts)
    expected["audit_auditentry"] += 1
    assert target.counts() == expected
    kept = [p for p in target.data.iterdir() if "before-restore" in p.name]
    assert sorted(p.name.split(".before-restore-")[0] for p in kept) == (
        ["media"] if PG else ["gongkai.sqlite3", "media"]
    )
    assert all(str(p) in done.stdout for p in kept)
    if PG:
        previous = done.stdout.split("原有数据保留在：数据库 ")[1].split("（")[0]
        assert Place(target.data, db_name=previous).counts() == held
    else:
        conn = sqlite3.connect(next(p for p in kept if p.name.startswith("gongkai.sqlite3")))
        assert conn.execute("SELECT COUNT(*) FROM audit_auditentry").fetchone()[0] == held["audit_auditentry"]
        conn.close()


# --- restored, but not identical: nothing replaced ---------------------------------------------------------------


def test_a_restored_copy_whose_counts_differ_from_the_manifest_replaces_nothing(site, populated, tmp_path):
    backup = _copy_of_backup(site, tmp_path)
    n = site.counts["foi_inforequest"]
    _edit_manifest(backup, lambda m: m["tables"].update(foi_inforequest=n + 1))
    before = populated.state()
    done = populated.gongkai("restore", "--force", str(backup))
    assert done.returncode == 3, done.stdout + done.stderr
    assert f"表 foi_inforequest：备份中 {n + 1} 行，恢复后 {n} 行" in done.stderr
    assert "未替换任何数据" in done.stderr
    assert populated.state() == before
    _no_staging_left(populated)


@pytest.mark.skipif(PG, reason="edits the SQLite file of the backup")
def test_an_edited_audit_entry_in_the_backup_is_found_by_the_restore_and_replaces_nothing(site, populated, tmp_path):
    backup = _copy_of_backup(site, tmp_path)
    db = backup / "database.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE audit_auditentry SET action = 'foi.request.delete' WHERE id = 5")
    conn.commit()
    conn.close()
    data = db.read_bytes()
    _edit_manifest(
        backup,
        lambda m: m["files"]["database.sqlite3"].update(sha256=hashlib.sha256(data).hexdigest(), size=len(data)),
    )
    before = populated.state()
    done = populated.gongkai("restore", "--force", str(backup))
    assert done.returncode == 3, done.stdout + done.stderr
    assert "审计日志校验未通过" in done.stderr and "记录被修改" in done.stderr
    assert populated.state() == before
    _no_staging_left(populated)


@pytest.mark.skipif(not PG, reason="PostgreSQL server versions")
def test_a_backup_from_a_newer_postgresql_is_refused(site, populated, tmp_path):
    backup = _copy_of_backup(site, tmp_path)
    _edit_manifest(backup, lambda m: m["database"].update(server_major=99))
    before = populated.state()
    done = populated.gongkai("restore", "--force", str(backup))
    assert done.returncode == 1 and "PostgreSQL 99" in done.stderr and "更低的大版本" in done.stderr
    assert populated.state() == before


# --- a backup while the site writes -------------------------------------------------------------------------------

# The site's writer. On SQLite it never checkpoints, so what it committed stays in the WAL (as the latest commits of
# a busy site always do): a copy of the database file alone would miss it.
WRITER = """
import sys
from pathlib import Path
from django.db import connection
from gongkai.audit.services import record_standalone
if connection.vendor == "sqlite":
    connection.cursor().execute("PRAGMA wal_autocheckpoint=0")
stop = Path(sys.argv[1])
n = 0
while not stop.exists():
    record_standalone(action="test.write", changes={"n": n})
    n += 1
    if n == 300:
        print("ready", flush=True)
print(n, flush=True)
"""


def test_a_backup_taken_while_the_site_writes_is_consistent_and_holds_what_was_committed_before(places, tmp_path):
    place = places.new("busy")
    _create_database(place)
    _ok(place.gongkai("migrate", "-v0"))
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [PYTHON, "-c", "import django; django.setup()\n" + WRITER, str(stop)],
        cwd=ROOT,
        env=place.env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "ready"  # 300 entries committed (on SQLite: still in the WAL)
        started = time.monotonic()
        done = _ok(place.gongkai("backup", str(tmp_path / "busy-backup")))
        took = time.monotonic() - started
    finally:
        stop.touch()
        written = int(writer.communicate(timeout=60)[0].split()[-1])
    assert writer.returncode == 0
    manifest = json.loads((tmp_path / "busy-backup" / "manifest.json").read_text(encoding="utf-8"))
    in_backup = manifest["tables"]["audit_auditentry"]
    assert 300 <= in_backup <= written, (in_backup, written)
    assert manifest["audit"]["heads"]["platform"]["seq"] == in_backup  # one chain, its head where its entries end
    target = places.new("busy-restored")
    _ok(target.gongkai("restore", str(tmp_path / "busy-backup")))  # the restore verifies counts and the chain
    assert target.audit_actions().count("test.write") == in_backup
    assert "备份完成" in done.stdout and took < 60


# --- the PostgreSQL tools -----------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="no PostgreSQL client installed")
def test_pg_dump_is_chosen_by_the_server_version_and_a_missing_one_is_named():
    version = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=True).stdout
    major = int(version.split(")")[1].split(".")[0])
    path, found = pg_tool("pg_dump", major)
    assert found >= major and Path(path).name == "pg_dump"
    with pytest.raises(BackupRefused, match="postgresql-client-99"):
        pg_tool("pg_dump", 99)
