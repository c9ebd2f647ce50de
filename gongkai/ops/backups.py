"""Backups of the whole platform and their restore: ``gongkai backup DIR`` and ``gongkai restore DIR``.

A backup is one directory::

    manifest.json       what the backup holds (written last: a directory without it is no backup)
    database.sqlite3    SQLite: a copy made with the online backup API, one consistent snapshot while the site writes
    database.pgdump     PostgreSQL: ``pg_dump --format=custom`` of the very snapshot the row counts were taken in
    media/…             the uploaded files (the default storage's MEDIA_ROOT)

The manifest records when, the gongkai version, the database engine (and server version), the row count of every
table, the applied migrations, the SHA-256 and size of every file, the audit chains' heads and the FINGERPRINTS of
the encryption keys. The keys themselves are never in a backup (nor the secret key, nor static files): applicants'
ID numbers and contact data are encrypted with them (:mod:`gongkai.core.crypto`), so they are kept apart.

A restore checks before it changes anything — the manifest, every file's hash, the configured keys' fingerprints,
that the target is empty (or ``--force``) — then rebuilds the database and the files in a staging copy beside the
live ones (SQLite: a file in the same directory; PostgreSQL: a fresh database on the same server), verifies that copy
(row counts, audit chain heads, ``verify_chains``, every file's hash read back from disk) and only then swaps it in
with renames. What was there before is kept beside it (``….before-restore-YYYYmmdd-HHMMSS``) when it held data.

Exit statuses (the commands): 0 done; 1 refused, nothing changed; 3 the restored copy was not identical to the
backup, nothing replaced (or, if a difference shows only after the swap, the previous state put back).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from gongkai.audit.models import AuditEntry, AuditHead
from gongkai.audit.services import record_standalone, verify_chains
from gongkai.core.crypto import configured_key_fingerprints
from gongkai.core.progress import ProgressBar

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
MEDIA = "media"
# Tables ``gongkai migrate`` fills by itself: a database holding rows only there is still empty.
MIGRATE_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
CHUNK = 1024 * 1024
# libpq connection parameters Django's OPTIONS may carry, and the environment variables pg_dump reads them from.
PG_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
}


class BackupRefused(Exception):
    """A check failed before anything was changed (exit status 1)."""

    exit_code = 1


class RestoreMismatch(Exception):
    """The restored copy differs from the backup: nothing was replaced, or the previous state is back (status 3)."""

    exit_code = 3


@dataclass
class Outcome:
    """What a backup or restore did, for the command to print."""

    directory: Path
    manifest: dict[str, Any]
    seconds: float
    previous: list[str] = field(default_factory=list)  # where the replaced data was kept (restore --force)
    notes: list[str] = field(default_factory=list)
    recorded: bool = False  # the restore's own audit entry was written


# --- small helpers -------------------------------------------------------------------------------------------------


def gongkai_version() -> str:
    try:
        return importlib.metadata.version("gongkai")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M%S")


def format_size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"  # pragma: no cover


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_hashing(source: Path, dest: Path, *, private: bool = False) -> tuple[str, int]:
    """Copy ``source`` to a new file ``dest`` (mode 0600 and folders 0700 when ``private``: a backup) and return the
    SHA-256 and size of what was read. Not synced one by one: the caller syncs once (``os.sync``) before it relies on
    them."""
    h, size = hashlib.sha256(), 0
    dest.parent.mkdir(mode=0o700 if private else 0o777, parents=True, exist_ok=True)
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if private else 0o666)
    with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
        while chunk := src.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
            dst.write(chunk)
    return h.hexdigest(), size


def _files_under(root: Path) -> list[Path]:
    """Every regular file below ``root`` (symbolic links are not followed), sorted, relative to it."""
    if not root.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                found.append(path.relative_to(root))
    return found


def media_root() -> Path:
    """Where uploaded files live: the default storage's directory. Other storages (S3 …) have their own backups."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise BackupRefused(
            f"上传文件不在本机文件系统（STORAGES['default'] 为 {type(storage).__name__}）："
            "gongkai backup 只能备份本机目录中的上传文件，请用该存储服务自己的备份功能。"
        )
    return Path(storage.location).resolve()


def _vendor() -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupRefused(f"不支持的数据库：{connection.vendor}（只支持 SQLite 与 PostgreSQL）。")
    return connection.vendor


# --- reading a database: tables, counts, audit heads, migrations (any DB-API cursor) ----------------------------


def _tables(cursor: Any, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name"
        )
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    return [row[0] for row in cursor.fetchall()]


def table_counts(cursor: Any, vendor: str) -> dict[str, int]:
    counts = {}
    for table in _tables(cursor, vendor):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _audit_heads(cursor: Any) -> dict[str, dict[str, Any]]:
    cursor.execute(f"SELECT chain, last_seq, last_hash FROM {_quote(AuditHead._meta.db_table)} ORDER BY chain")
    return {chain: {"seq": int(seq), "hash": last_hash} for chain, seq, last_hash in cursor.fetchall()}


def _migrations(cursor: Any) -> list[str]:
    cursor.execute("SELECT app, name FROM django_migrations")
    return sorted(f"{app}.{name}" for app, name in cursor.fetchall())


def _snapshot_facts(cursor: Any, vendor: str) -> dict[str, Any]:
    counts = table_counts(cursor, vendor)
    if "django_migrations" not in counts or AuditHead._meta.db_table not in counts:
        raise BackupRefused("数据库尚未建立（没有 gongkai 的数据表）：请先运行 gongkai migrate。")
    return {"tables": counts, "migrations": _migrations(cursor), "audit_heads": _audit_heads(cursor)}


def _data_tables(counts: dict[str, int], virtual: set[str] = frozenset()) -> dict[str, int]:
    """The tables holding data of the platform's own: not what migrate fills, not a full-text index's shadow tables."""
    return {
        table: n
        for table, n in counts.items()
        if n and table not in MIGRATE_TABLES and not any(table.startswith(v + "_") for v in virtual)
    }


def _sqlite_virtual(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
    return {row[0] for row in rows}


# --- PostgreSQL: connection parameters, tools -------------------------------------------------------------------


def _pg_params(db: dict[str, Any], dbname: str | None = None) -> dict[str, Any]:
    params = {
        "dbname": dbname or db["NAME"],
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": str(db["PORT"]) if db.get("PORT") else None,
    }
    params.update({k: v for k, v in (db.get("OPTIONS") or {}).items() if k in PG_OPTIONS})
    return {k: v for k, v in params.items() if v is not None}


def _pg_env(db: dict[str, Any], dbname: str) -> dict[str, str]:
    """The environment pg_dump / pg_restore connect with (libpq reads the same variables psycopg does): the password
    never appears on a command line."""
    env = dict(os.environ)
    names = {"dbname": "PGDATABASE", "user": "PGUSER", "password": "PGPASSWORD", "host": "PGHOST", "port": "PGPORT"}
    for key, value in _pg_params(db, dbname).items():
        env[names.get(key) or PG_OPTIONS[key]] = str(value)
    return env


def _pg_connect(db: dict[str, Any], dbname: str | None = None, **kwargs: Any):
    import psycopg

    try:
        return psycopg.connect(**_pg_params(db, dbname), **kwargs)
    except psycopg.OperationalError as exc:
        raise BackupRefused(f"无法连接 PostgreSQL 数据库 {dbname or db['NAME']}：{exc}".strip()) from exc


def _maintenance_db(name: str) -> str:
    return "template1" if name == "postgres" else "postgres"


def _tool_major(path: str) -> int | None:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30, check=False).stdout
    except OSError:
        return None
    found = re.search(r"\)\s+(\d+)", out)
    return int(found.group(1)) if found else None


def pg_tool(name: str, at_least: int) -> tuple[str, int]:
    """The ``pg_dump`` / ``pg_restore`` to use with a server of major version ``at_least``: that very version when
    installed (Debian keeps each in /usr/lib/postgresql/N/bin), else the oldest newer one, else the one on PATH if new
    enough — a pg_dump older than the server refuses to dump it."""
    candidates = [f"/usr/lib/postgresql/{at_least}/bin/{name}"]
    versions = Path("/usr/lib/postgresql")
    if versions.is_dir():
        newer = sorted(int(p.name) for p in versions.iterdir() if p.name.isdigit() and int(p.name) > at_least)
        candidates += [f"/usr/lib/postgresql/{v}/bin/{name}" for v in newer]
    on_path = shutil.which(name)
    if on_path:
        candidates.append(on_path)
    too_old = []
    for candidate in candidates:
        if not os.access(candidate, os.X_OK):
            continue
        major = _tool_major(candidate)
        if major is not None and major >= at_least:
            return candidate, major
        if major is not None:
            too_old.append(f"{candidate}（{major}）")
    found = f"；找到的{'、'.join(too_old)}版本低于服务器" if too_old else ""
    raise BackupRefused(
        f"找不到可用于 PostgreSQL {at_least} 的 {name}{found}。请安装同一大版本的客户端："
        f"Debian 上 apt-get install postgresql-client-{at_least}（需要时先添加 PostgreSQL 官方 APT 源 apt.postgresql.org）。"
    )


def _run_tool(argv: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise BackupRefused(f"{what}失败（{Path(argv[0]).name} 退出码 {done.returncode}）：" + " / ".join(detail))


def _pg_server_major(cursor: Any) -> tuple[int, str]:
    cursor.execute("SHOW server_version_num")
    num = int(cursor.fetchone()[0])
    cursor.execute("SHOW server_version")
    return num // 10000, cursor.fetchone()[0].split()[0]


# --- backup ---------------------------------------------------------------------------------------------------------


def _sqlite_backup(source: Path, dest: Path) -> dict[str, Any]:
    """Copy the live database through SQLite's online backup API in one step: the copy is one consistent snapshot
    (under WAL the site keeps reading and writing meanwhile; what is committed, in the WAL too, is in the copy)."""
    if not source.exists():
        raise BackupRefused(f"找不到数据库文件 {source}：请先运行 gongkai migrate。")
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)  # pages=-1: all pages in one step, so no writer can slip in between two steps
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            problem = dst.execute("PRAGMA quick_check").fetchone()[0]
            if problem != "ok":
                raise BackupRefused(f"数据库自检未通过（PRAGMA quick_check：{problem}）：请先修复数据库再备份。")
            facts = _snapshot_facts(dst.cursor(), "sqlite")
        finally:
            dst.close()
    finally:
        src.close()
    os.chmod(dest, 0o600)
    return {"engine": "sqlite", "file": SQLITE_FILE, "sqlite_version": sqlite3.sqlite_version, **facts}


def _pg_backup(db: dict[str, Any], dest: Path, out: TextIO) -> dict[str, Any]:
    """pg_dump of an exported snapshot, in whose transaction the counts and heads are read: they match the dump."""
    import psycopg

    conn = _pg_connect(db)
    try:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        cursor = conn.cursor()
        major, version = _pg_server_major(cursor)
        tool, tool_major = pg_tool("pg_dump", major)
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        facts = _snapshot_facts(cursor, "postgresql")
        out.write(f"正在用 {tool}（{tool_major}）导出 PostgreSQL {version} 数据库 {db['NAME']}……\n")
        out.flush()
        _run_tool(
            [tool, "--format=custom", f"--snapshot={snapshot}", f"--file={dest}", "--no-password"],
            _pg_env(db, db["NAME"]),
            "pg_dump 导出",
        )
        conn.rollback()
    finally:
        conn.close()
    os.chmod(dest, 0o600)
    return {
        "engine": "postgresql",
        "file": PG_FILE,
        "server_version": version,
        "server_major": major,
        "dump_tool_major": tool_major,
        **facts,
    }


def backup(directory: Path, *, out: TextIO, err: TextIO) -> Outcome:
    """Write a complete backup into ``directory`` (new, or empty). It is built in a hidden sibling and renamed into
    place at the end, so an interrupted backup never looks like one."""
    started = time.monotonic()
    directory = Path(directory).expanduser().absolute()
    vendor = _vendor()
    media = media_root()
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise BackupRefused(f"备份目录 {directory} 已存在且不是空目录：请指定一个新目录（例如带日期的目录名）。")
    if directory == media or media in directory.parents:
        raise BackupRefused(f"备份目录不能在上传文件目录 {media} 之内。")
    directory.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{directory.name}.partial-", dir=directory.parent))  # mode 0700
    try:
        db_settings = connection.settings_dict
        if vendor == "sqlite":
            out.write("正在复制 SQLite 数据库（在线备份，一致快照）……\n")
            out.flush()
            database = _sqlite_backup(Path(db_settings["NAME"]), work / SQLITE_FILE)
        else:
            database = _pg_backup(db_settings, work / PG_FILE, out)
        db_path = work / database["file"]
        files = {database["file"]: {"sha256": sha256_of(db_path), "size": db_path.stat().st_size}}
        out.write(f"数据库：{len(database['tables'])} 个表，{format_size(files[database['file']]['size'])}。\n")

        uploads = _files_under(media)
        bar = ProgressBar(len(uploads), label="复制上传文件", stream=err)
        vanished = []
        for done, rel in enumerate(uploads, 1):
            name = (PurePosixPath(MEDIA) / rel.as_posix()).as_posix()
            try:
                digest, size = _copy_hashing(media / rel, work / MEDIA / rel, private=True)
            except FileNotFoundError:
                vanished.append(name)  # deleted since it was listed (its row was deleted too, after the snapshot)
                continue
            files[name] = {"sha256": digest, "size": size}
            bar.update(done)
        bar.finish()

        os.sync()  # every copied file on disk before the manifest says the backup is complete
        fingerprints = list(configured_key_fingerprints())
        manifest = {
            "format": FORMAT,
            "created_at": timezone.localtime().isoformat(timespec="seconds"),
            "gongkai_version": gongkai_version(),
            "database": {k: v for k, v in database.items() if k not in ("tables", "migrations", "audit_heads")},
            "tables": database["tables"],
            "migrations": database["migrations"],
            "audit": {"heads": database["audit_heads"]},
            "encryption_keys": {
                "fingerprints": fingerprints,
                "note": "加密密钥不在本备份中，只记录其指纹；恢复时须配置同一组密钥。",
            },
            "files": files,
            "totals": {"files": len(files), "bytes": sum(f["size"] for f in files.values())},
        }
        fd = os.open(work / MANIFEST, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, ensure_ascii=False, indent=2, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        _fsync_dir(work)
        if directory.exists():
            directory.rmdir()
        os.rename(work, directory)
        _fsync_dir(directory.parent)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    outcome = Outcome(directory, manifest, time.monotonic() - started)
    if vanished:
        outcome.notes.append(f"备份期间有 {len(vanished)} 个上传文件被删除，未纳入备份：{'、'.join(vanished[:5])}")
    try:
        record_standalone(
            action="ops.backup",
            changes={
                "directory": str(directory),
                "engine": vendor,
                "tables": len(manifest["tables"]),
                "files": manifest["totals"]["files"],
                "bytes": manifest["totals"]["bytes"],
            },
        )
    except DatabaseError as exc:  # a read-only standby can be backed up, not written to
        outcome.notes.append(f"无法在审计日志中记录本次备份（{exc.__class__.__name__}），备份本身已完成。")
    return outcome


# --- restore: checks that change nothing ------------------------------------------------------------------------


def read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    if not directory.is_dir():
        raise BackupRefused(f"找不到备份目录 {directory}。")
    if not path.is_file():
        raise BackupRefused(
            f"{directory} 不是完整的备份：缺少 {MANIFEST}（备份未完成，或不是 gongkai backup 生成的目录）。"
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupRefused(f"{MANIFEST} 无法读取或已损坏：{exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused(
            f"{MANIFEST} 的格式版本 {manifest.get('format') if isinstance(manifest, dict) else '?'} 不受本版本 gongkai 支持（支持 {FORMAT}）。"
        )
    for key in ("database", "tables", "files", "audit", "encryption_keys", "migrations"):
        if key not in manifest:
            raise BackupRefused(f"{MANIFEST} 不完整：缺少 {key}。")
    db_file = manifest["database"].get("file")
    for name in manifest["files"]:
        parts = PurePosixPath(name).parts
        safe = not PurePosixPath(name).is_absolute() and ".." not in parts and parts
        if not safe or not (name == db_file or (parts[0] == MEDIA and len(parts) > 1)):
            raise BackupRefused(f"{MANIFEST} 中有不允许的文件路径：{name}")
    if db_file not in (SQLITE_FILE, PG_FILE) or db_file not in manifest["files"]:
        raise BackupRefused(f"{MANIFEST} 没有列出数据库文件。")
    return manifest


def _check_files_present(directory: Path, manifest: dict[str, Any]) -> None:
    problems = []
    for name, meta in manifest["files"].items():
        path = directory / name
        if not path.is_file():
            problems.append(f"缺少 {name}")
        elif path.stat().st_size != meta["size"]:
            problems.append(f"{name} 大小不符（应为 {meta['size']} 字节，实为 {path.stat().st_size} 字节）")
    if problems:
        raise BackupRefused(_listing("备份不完整或已损坏，未做任何改动", problems))


def _listing(head: str, problems: list[str], limit: int = 10) -> str:
    more = f"\n  ……另有 {len(problems) - limit} 处" if len(problems) > limit else ""
    return head + "：\n  " + "\n  ".join(problems[:limit]) + more


def check_keys(manifest: dict[str, Any]) -> None:
    """The configured keys must read the backup: every key it was made with, the oldest (which derives the lookup
    digests of ID numbers) the same. A rotation since the backup (a newer key first) is fine."""
    wanted = list(manifest["encryption_keys"].get("fingerprints") or [])
    if not wanted:
        return  # no key existed when the backup was made: nothing in it is encrypted
    have = list(configured_key_fingerprints())
    source = (
        "GONGKAI_ENCRYPTION_KEYS"
        if os.environ.get("GONGKAI_ENCRYPTION_KEYS", "").strip()
        else f"{settings.DATA_DIR / 'encryption_key'}"
    )
    if not have:
        raise BackupRefused(
            "未配置加密密钥，恢复后申请人的证件号码、联系方式将无法解密：请设置 GONGKAI_ENCRYPTION_KEYS，或把原数据目录中的 "
            f"encryption_key 文件放到 {settings.DATA_DIR}（密钥指纹应为 {'、'.join(wanted)}）。未做任何改动。"
        )
    missing = [f for f in wanted if f not in have]
    if missing or have[-1] != wanted[-1]:
        raise BackupRefused(
            "加密密钥与备份不符，恢复后申请人的证件号码、联系方式将无法解密，已拒绝恢复（未做任何改动）。"
            f"备份使用的密钥指纹：{'、'.join(wanted)}；当前配置（{source}）的密钥指纹：{'、'.join(have)}。"
            "请配置备份时的密钥（轮换密钥时新密钥在前，旧密钥须保留在后）。"
        )


def _check_migrations(manifest: dict[str, Any]) -> list[str]:
    """Refuse a backup made by a newer gongkai (migrations this code does not know); note an older one."""
    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    known = {f"{app}.{name}" for app, name in disk}
    known |= {f"{app}.{name}" for migration in disk.values() for app, name in (migration.replaces or ())}
    applied = set(manifest["migrations"])
    unknown = sorted(applied - known)
    if unknown:
        raise BackupRefused(
            f"备份来自更新版本的 gongkai（{manifest.get('gongkai_version')}），含本版本不认识的数据库迁移："
            f"{'、'.join(unknown[:5])}：请先把 gongkai 升级到不低于备份的版本再恢复。"
        )
    if known - applied:
        return ["备份来自较早版本的 gongkai：恢复后请运行 gongkai migrate 升级数据库。"]
    return []


def _compare(manifest: dict[str, Any], counts: dict[str, int], heads: dict[str, Any]) -> list[str]:
    problems = []
    expected = manifest["tables"]
    for table in sorted(set(expected) | set(counts)):
        if table not in counts:
            problems.append(f"表 {table}：恢复后不存在（备份中 {expected[table]} 行）")
        elif table not in expected:
            problems.append(f"表 {table}：备份中没有，恢复后多出（{counts[table]} 行）")
        elif counts[table] != expected[table]:
            problems.append(f"表 {table}：备份中 {expected[table]} 行，恢复后 {counts[table]} 行")
    want = manifest["audit"].get("heads", {})
    for chain in sorted(set(want) | set(heads)):
        if want.get(chain) != heads.get(chain):
            problems.append(f"审计日志链 {chain} 的链尾与备份不符（备份 {want.get(chain)}，恢复后 {heads.get(chain)}）")
    return problems


# --- restore: the target -------------------------------------------------------------------------------------------


@dataclass
class _Swap:
    """Renames done so far, undone in reverse order when a later step fails."""

    done: list[tuple[Callable[[], None], Callable[[], None]]] = field(default_factory=list)

    def do(self, forward: Callable[[], None], backward: Callable[[], None]) -> None:
        forward()
        self.done.append((forward, backward))

    def undo(self) -> list[str]:
        failures = []
        for _, backward in reversed(self.done):
            try:
                backward()
            except Exception as exc:  # keep undoing the rest; say what could not be put back
                failures.append(f"{exc.__class__.__name__}: {exc}")
        self.done.clear()
        return failures


@contextlib.contextmanager
def _django_on(name: str) -> Iterator[None]:
    """Point Django's connection at ``name`` (the staging file or database) for the checks that use the ORM."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


def _sqlite_data_tables(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return _data_tables(table_counts(conn.cursor(), "sqlite"), _sqlite_virtual(conn))
    finally:
        conn.close()


def _sqlite_in_use(path: Path) -> bool:
    """True when another process has the database open. Under WAL the last connection to close removes the -wal
    and -shm files; if they are still there after ours closed, someone else is connected (the site is running)."""
    if not path.exists():
        return False
    conn = sqlite3.connect(path, timeout=30)
    try:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode == "wal":
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return mode == "wal" and any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))


def _pg_exists(admin: Any, name: str) -> bool:
    return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _pg_others(admin: Any, name: str, wait: float = 3.0) -> int:
    """Other sessions on database ``name``; a backend that is just closing is given ``wait`` seconds to go."""
    query = "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
    deadline = time.monotonic() + wait
    while (others := int(admin.execute(query, [name]).fetchone()[0])) and time.monotonic() < deadline:
        time.sleep(0.1)
    return others


def _pg_data_tables(db: dict[str, Any]) -> dict[str, int]:
    conn = _pg_connect(db)
    try:
        return _data_tables(table_counts(conn.cursor(), "postgresql"))
    finally:
        conn.close()


def _describe(data: dict[str, int], files: int) -> str:
    parts = [f"{t}（{n} 行）" for t, n in sorted(data.items(), key=lambda kv: -kv[1])[:3]]
    if files:
        parts.append(f"{files} 个上传文件")
    return "、".join(parts)


def _stage_media(directory: Path, manifest: dict[str, Any], staging: Path, err: TextIO) -> None:
    """Copy the backup's files into ``staging``, checking each hash as it is read: a damaged file stops the restore
    before anything live was touched."""
    names = [n for n in manifest["files"] if n != manifest["database"]["file"]]
    staging.mkdir(mode=0o700)
    bar = ProgressBar(len(names), label="校验并复制上传文件", stream=err)
    bad = []
    for done, name in enumerate(names, 1):
        rel = PurePosixPath(name).relative_to(MEDIA)
        digest, _ = _copy_hashing(directory / name, staging / rel)
        if digest != manifest["files"][name]["sha256"]:
            bad.append(f"{name} 的 SHA-256 与清单不符")
        bar.update(done)
    bar.finish()
    if bad:
        raise BackupRefused(_listing("备份中的文件已损坏，未做任何改动", bad))


def _check_staged_media(manifest: dict[str, Any], staging: Path, err: TextIO) -> list[str]:
    """Read every restored file back from disk: the set of files and each hash must be the backup's."""
    want = {
        PurePosixPath(n).relative_to(MEDIA).as_posix(): meta
        for n, meta in manifest["files"].items()
        if n != manifest["database"]["file"]
    }
    have = [p.as_posix() for p in _files_under(staging)]
    bar = ProgressBar(len(have), label="核对恢复后的上传文件", stream=err)
    problems = [f"上传文件 {n} 恢复后缺失" for n in sorted(set(want) - set(have))]
    problems += [f"上传文件 {n} 不在备份中" for n in sorted(set(have) - set(want))]
    for done, name in enumerate(have, 1):
        if name in want and sha256_of(staging / name) != want[name]["sha256"]:
            problems.append(f"上传文件 {name} 恢复后的 SHA-256 与备份不符")
        bar.update(done)
    bar.finish()
    return problems


def _verify_with_django(manifest: dict[str, Any], vendor: str, err: TextIO) -> list[str]:
    """Row counts, audit heads and the audit chains (``verify_chains``) of the database Django now points at."""
    with connection.cursor() as cursor:
        counts = table_counts(cursor, vendor)
        heads = _audit_heads(cursor) if AuditHead._meta.db_table in counts else {}
    problems = _compare(manifest, counts, heads)
    total = counts.get(AuditEntry._meta.db_table, 0)
    bar = ProgressBar(total, label="校验审计日志", stream=err)
    result = verify_chains(progress=bar.update)
    bar.finish()
    if not result.ok:
        broken = result.first_break
        problems.append(f"审计日志校验未通过：链 {broken.chain} 第 {broken.seq} 条：{broken.reason}")
    return problems


def restore(directory: Path, *, force: bool, out: TextIO, err: TextIO) -> Outcome:
    started = time.monotonic()
    directory = Path(directory).expanduser().absolute()
    manifest = read_manifest(directory)
    vendor = _vendor()
    engine = manifest["database"].get("engine")
    if engine != vendor:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupRefused(
            f"备份的数据库是 {names.get(engine, engine)}，当前配置的是 {names[vendor]}：只能恢复到同一种数据库"
            "（检查 DATABASE_URL）。"
        )
    notes = _check_migrations(manifest)
    check_keys(manifest)
    _check_files_present(directory, manifest)
    media = media_root()
    db = connection.settings_dict
    connection.close()
    stamp = _stamp()
    outcome = Outcome(directory, manifest, 0.0, notes=notes)
    if vendor == "sqlite":
        _restore_sqlite(directory, manifest, Path(db["NAME"]), media, stamp, force, outcome, out, err)
    else:
        _restore_pg(directory, manifest, db, media, stamp, force, outcome, out, err)
    try:
        record_standalone(
            action="ops.restore",
            changes={
                "backup_created_at": manifest.get("created_at"),
                "backup_version": manifest.get("gongkai_version"),
                "engine": vendor,
                "tables": len(manifest["tables"]),
                "files": manifest["totals"]["files"],
                "forced": force,
                "previous": outcome.previous,
            },
        )
        outcome.recorded = True
    except DatabaseError as exc:  # a backup of an older schema: `gongkai migrate` first, then the log takes entries
        outcome.notes.append(f"未能在审计日志中记录本次恢复（{exc.__class__.__name__}）；恢复本身已完成并核对一致。")
    outcome.seconds = time.monotonic() - started
    return outcome


def _refuse_non_empty(data: dict[str, int], media_files: int, where: str, force: bool) -> bool:
    """Whether the target holds data; refuses without --force."""
    if (data or media_files) and not force:
        raise BackupRefused(
            f"目标不是空的（{where}：{_describe(data, media_files)}……）。恢复会替换现有数据；确要替换请加 --force"
            "（原有数据会改名保留在原处旁边，以便找回）。未做任何改动。"
        )
    return bool(data or media_files)


def _swap_media(swap: _Swap, media: Path, staged: Path, previous: Path) -> None:
    if media.exists():
        swap.do(lambda: os.rename(media, previous), lambda: os.rename(previous, media))
    media.parent.mkdir(parents=True, exist_ok=True)
    swap.do(lambda: os.rename(staged, media), lambda: os.rename(media, staged))


def _after_swap_check(manifest: dict[str, Any], vendor: str, media: Path) -> list[str]:
    """Once in place: the live database's counts and the live files' names and sizes (their hashes were read back
    from these very files before the rename)."""
    with connection.cursor() as cursor:
        counts = table_counts(cursor, vendor)
        heads = _audit_heads(cursor)
    problems = _compare(manifest, counts, heads)
    want = {
        PurePosixPath(n).relative_to(MEDIA).as_posix(): m["size"]
        for n, m in manifest["files"].items()
        if n != manifest["database"]["file"]
    }
    have = {p.as_posix(): (media / p).stat().st_size for p in _files_under(media)}
    if have != want:
        problems.append("恢复后上传文件目录的内容与备份不符")
    connection.close()
    return problems


def _restore_sqlite(
    directory: Path,
    manifest: dict[str, Any],
    live: Path,
    media: Path,
    stamp: str,
    force: bool,
    outcome: Outcome,
    out: TextIO,
    err: TextIO,
) -> None:
    data = _sqlite_data_tables(live)
    media_files = len(_files_under(media))
    had_data = _refuse_non_empty(data, media_files, str(live), force)
    if _sqlite_in_use(live):
        raise BackupRefused(
            f"数据库 {live} 正被其他进程使用（网站或定时任务仍在运行）：请先停止它们再恢复。未做任何改动。"
        )
    live.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".restore-{stamp}-", dir=live.parent))
    media_staging = Path(tempfile.mkdtemp(prefix=f".{media.name}.restore-{stamp}-", dir=media.parent)) / MEDIA
    staged_db = staging / live.name
    swap = _Swap()
    try:
        out.write("正在校验并复制数据库……\n")
        out.flush()
        digest, _ = _copy_hashing(directory / SQLITE_FILE, staged_db)
        if digest != manifest["files"][SQLITE_FILE]["sha256"]:
            raise BackupRefused(_listing("备份中的文件已损坏，未做任何改动", [f"{SQLITE_FILE} 的 SHA-256 与清单不符"]))
        _stage_media(directory, manifest, media_staging, err)

        conn = sqlite3.connect(staged_db)
        try:
            problem = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
        problems = [] if problem == "ok" else [f"数据库完整性检查未通过：{problem}"]
        with _django_on(str(staged_db)):
            problems += _verify_with_django(manifest, "sqlite", err)
        problems += _check_staged_media(manifest, media_staging, err)
        if problems:
            raise RestoreMismatch(_listing("恢复出的副本与备份不一致，未替换任何数据", problems))

        os.sync()  # the staged copy on disk before it replaces anything
        if _sqlite_in_use(live):
            raise BackupRefused(f"数据库 {live} 正被其他进程使用：请先停止网站再恢复。未做任何改动。")
        previous_db = live.with_name(f"{live.name}.before-restore-{stamp}")
        previous_media = media.with_name(f"{media.name}.before-restore-{stamp}")
        if live.exists():
            swap.do(lambda: os.rename(live, previous_db), lambda: os.replace(previous_db, live))
        swap.do(lambda: os.rename(staged_db, live), lambda: os.rename(live, staged_db))
        _swap_media(swap, media, media_staging, previous_media)
        _fsync_dir(live.parent)
        problems = _after_swap_check(manifest, "sqlite", media)
        if problems:
            failures = swap.undo()
            raise RestoreMismatch(
                _listing("恢复后的数据与备份不一致，已放回原有数据", problems + [f"未能放回：{f}" for f in failures])
            )
        swap.done.clear()
        for path in (previous_db, previous_media):
            if not path.exists():
                continue
            if had_data:
                outcome.previous.append(str(path))
            elif path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    except BaseException:
        swap.undo()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(media_staging.parent, ignore_errors=True)


def _restore_pg(
    directory: Path,
    manifest: dict[str, Any],
    db: dict[str, Any],
    media: Path,
    stamp: str,
    force: bool,
    outcome: Outcome,
    out: TextIO,
    err: TextIO,
) -> None:
    """Restore into a fresh database on the same server (``<name>_restore_<stamp>``), verify it, then swap the two
    by renaming: the live database is never written to, and the previous one is kept (or dropped when empty)."""
    from psycopg import sql

    name = db["NAME"]
    staged_name = f"{name[:40]}_restore_{stamp.replace('-', '_')}"
    previous_name = f"{name[:36]}_before_restore_{stamp.replace('-', '_')}"
    admin = _pg_connect(db, _maintenance_db(name), autocommit=True)
    swap = _Swap()
    created = False
    media_staging: Path | None = None
    try:
        major, version = _pg_server_major(admin.cursor())
        source_major = int(manifest["database"].get("server_major") or 0)
        if source_major > major:
            raise BackupRefused(
                f"备份来自 PostgreSQL {source_major}，目标服务器是 {version}：不能恢复到更低的大版本。未做任何改动。"
            )
        tool, tool_major = pg_tool("pg_restore", max(major, int(manifest["database"].get("dump_tool_major") or 0)))
        role = admin.execute("SELECT rolsuper, rolcreatedb FROM pg_roles WHERE rolname = current_user").fetchone() or (
            False,
            False,
        )
        if not (role[0] or role[1]):
            raise BackupRefused(
                "恢复需要建库权限：数据库用户须有 CREATEDB 权限（ALTER ROLE … CREATEDB），"
                "以便先恢复到一个新数据库、核对无误后再替换。未做任何改动。"
            )
        exists = _pg_exists(admin, name)
        if exists:
            owner = admin.execute(
                "SELECT pg_get_userbyid(datdba) = current_user FROM pg_database WHERE datname = %s", [name]
            ).fetchone()[0]
            if not (owner or role[0]):
                raise BackupRefused(f"数据库 {name} 不属于当前用户：无法在核对后替换它。未做任何改动。")
        data = _pg_data_tables(db) if exists else {}
        had_data = _refuse_non_empty(data, len(_files_under(media)), f"数据库 {name}", force)
        if exists and _pg_others(admin, name):
            raise BackupRefused(
                f"数据库 {name} 仍有其他连接（网站或定时任务仍在运行）：请先停止它们再恢复。未做任何改动。"
            )

        media_staging = Path(tempfile.mkdtemp(prefix=f".{media.name}.restore-{stamp}-", dir=media.parent)) / MEDIA
        out.write("正在校验备份文件……\n")
        out.flush()
        if sha256_of(directory / PG_FILE) != manifest["files"][PG_FILE]["sha256"]:
            raise BackupRefused(_listing("备份中的文件已损坏，未做任何改动", [f"{PG_FILE} 的 SHA-256 与清单不符"]))
        _stage_media(directory, manifest, media_staging, err)

        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(staged_name))
        )
        created = True
        out.write(f"正在用 {tool}（{tool_major}）恢复到新数据库 {staged_name}……\n")
        out.flush()
        _run_tool(
            [
                tool,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--no-password",
                f"--dbname={staged_name}",
                str(directory / PG_FILE),
            ],
            _pg_env(db, staged_name),
            "pg_restore 恢复",
        )
        with _django_on(staged_name):
            problems = _verify_with_django(manifest, "postgresql", err)
        problems += _check_staged_media(manifest, media_staging, err)
        if problems:
            raise RestoreMismatch(_listing("恢复出的副本与备份不一致，未替换任何数据", problems))

        os.sync()  # the staged files on disk before they replace anything
        if exists and _pg_others(admin, name):
            raise BackupRefused(f"数据库 {name} 仍有其他连接：请先停止网站再恢复。未做任何改动。")

        def rename(old: str, new: str) -> Callable[[], None]:
            return lambda: admin.execute(
                sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(old), sql.Identifier(new))
            )

        if exists:
            swap.do(rename(name, previous_name), rename(previous_name, name))
        swap.do(rename(staged_name, name), rename(name, staged_name))
        created = False
        previous_media = media.with_name(f"{media.name}.before-restore-{stamp}")
        _swap_media(swap, media, media_staging, previous_media)
        problems = _after_swap_check(manifest, "postgresql", media)
        if problems:
            created = True
            failures = swap.undo()
            raise RestoreMismatch(
                _listing("恢复后的数据与备份不一致，已放回原有数据", problems + [f"未能放回：{f}" for f in failures])
            )
        swap.done.clear()
        if exists:
            if had_data:
                outcome.previous.append(f"数据库 {previous_name}")
            else:
                admin.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(previous_name)))
        if previous_media.exists():
            if had_data:
                outcome.previous.append(str(previous_media))
            else:
                shutil.rmtree(previous_media)
    except BaseException:
        swap.undo()
        raise
    finally:
        connection.close()
        if created:
            with contextlib.suppress(Exception):
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(staged_name)))
        admin.close()
        if media_staging is not None:
            shutil.rmtree(media_staging.parent, ignore_errors=True)
