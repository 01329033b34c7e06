"""Encrypted, consistent backups of the SQLite database, and their restore.

A backup is the database copied with SQLite's online backup API (consistent
while the app runs), with a small manifest, encrypted with AES-256-GCM under a key
derived (scrypt) from a passphrase the operator keeps. Case documents inside are
already encrypted under their wrapped data keys; neither the master key
(``amparo.key`` or ``AMPARO_MASTER_KEY``) nor the key vault (``amparo.vault``, see
``amparo_web.lib.keyvault``) is ever in a backup, so a stolen backup and its
passphrase still reveal no case. Restoring needs the same master key and vault.

A case deleted after a backup was made has lost its vault secret: the backup still
holds its wrapped key, which nothing can unwrap any more. Restoring such a backup
drops those cases (with their intake drafts and requests) from the restored
database and says how many; the backup file itself is left as it was. A backup
made before the key vault existed (cases wrapped under the organization key alone)
is refused while a vault exists: restoring it would bring back every case deleted
since, readable with the master key.

File layout: ``MAGIC``, a 16-byte salt, a 12-byte nonce, then the ciphertext of
``manifest JSON + "\\n" + database bytes``; the magic is authenticated too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import tempfile
import uuid
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from amparo_web.lib import keyvault

MAGIC = b"AMPARO-BACKUP-1\n"
SQLITE_HEADER = b"SQLite format 3\x00"


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why and what to do."""


def _key(passphrase: str, salt: bytes) -> bytes:
    if len(passphrase) < 12:
        msg = "The backup passphrase is too short: use 12 characters or more."
        raise BackupError(msg)
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


def write_backup(database: Path, out: Path, passphrase: str) -> dict[str, Any]:
    """Back ``database`` up into ``out`` (written atomically); returns the manifest."""
    if not database.is_file():
        msg = f"{database}: no database to back up (run `amparo serve` once, or set AMPARO_DATA_DIR)."
        raise BackupError(msg)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.sqlite3"
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        data = copy.read_bytes()
    manifest = {
        "format": 1,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": database.name,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    salt, nonce = os.urandom(16), os.urandom(12)
    plain = json.dumps(manifest).encode() + b"\n" + data
    sealed = AESGCM(_key(passphrase, salt)).encrypt(nonce, plain, MAGIC)
    _write_atomic(out, MAGIC + salt + nonce + sealed)
    return manifest


def read_backup(path: Path, passphrase: str) -> tuple[dict[str, Any], bytes]:
    """The manifest and the database bytes of a backup, checked."""
    try:
        blob = path.read_bytes()
    except OSError as e:
        msg = f"{path}: cannot read the backup ({e.strerror})."
        raise BackupError(msg) from None
    if not blob.startswith(MAGIC):
        msg = f"{path}: not an Amparo backup."
        raise BackupError(msg)
    salt = blob[len(MAGIC) : len(MAGIC) + 16]
    nonce = blob[len(MAGIC) + 16 : len(MAGIC) + 28]
    try:
        plain = AESGCM(_key(passphrase, salt)).decrypt(
            nonce, blob[len(MAGIC) + 28 :], MAGIC
        )
    except InvalidTag:
        msg = f"{path}: wrong passphrase, or the file was changed or cut short."
        raise BackupError(msg) from None
    head, _, data = plain.partition(b"\n")
    manifest = json.loads(head)
    if hashlib.sha256(data).hexdigest() != manifest["sha256"] or not data.startswith(
        SQLITE_HEADER
    ):
        msg = f"{path}: the database inside does not match its manifest."
        raise BackupError(msg)
    return manifest, data


def restore_backup(
    path: Path,
    database: Path,
    passphrase: str,
    replace: bool = False,
    vault: Path | None = None,
) -> dict[str, Any]:
    """Put the backup's database at ``database``: whole and checked, or not at all.

    ``vault`` is the key vault (by default ``amparo.vault`` beside the database).
    Cases whose vault secret is gone were deleted for good since the backup: they
    are dropped, and the returned manifest says how many (``"shredded"``) and which
    references (``"shredded_references"``).
    """
    vault = vault if vault is not None else keyvault.vault_path(database.parent)
    manifest, data = read_backup(path, passphrase)
    if database.exists() and not replace:
        msg = (
            f"{database} exists. Stop the app, then restore with --force to replace it "
            "(keep a copy first)."
        )
        raise BackupError(msg)
    database.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=database.parent, prefix=".restore-")
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        check = sqlite3.connect(temp)
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            check.close()
        if ok != "ok":
            msg = f"{path}: the database inside fails SQLite's integrity check ({ok})."
            raise BackupError(msg)
        manifest["shredded_references"] = drop_shredded(Path(temp), vault)
        manifest["shredded"] = len(manifest["shredded_references"])
        for suffix in ("-wal", "-shm"):  # journals of the database being replaced
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.replace(temp, database)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return manifest


def drop_shredded(database: Path, vault: Path) -> list[str]:
    """Delete from ``database`` the cases whose vault secret is gone; their references."""
    db = sqlite3.connect(database, isolation_level=None)
    try:
        db.execute("PRAGMA secure_delete=ON")
        tables = {
            r[0]
            for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "cases_case" not in tables:
            return []
        columns = {r[1] for r in db.execute("PRAGMA table_info(cases_case)")}
        count = db.execute("SELECT count(*) FROM cases_case").fetchone()[0]
        if "key_id" not in columns:
            if count and vault.exists():
                msg = (
                    "this backup predates the key vault: restoring it would bring back, "
                    "readable, every case deleted since. Destroy it; restore a newer one."
                )
                raise BackupError(msg)
            return []
        if count and not vault.exists():
            msg = (
                f"no key vault at {vault}: put amparo.vault back beside amparo.key "
                "first; without it no case in the backup can be read."
            )
            raise BackupError(msg)
        rows = db.execute("SELECT id, reference, key_id FROM cases_case").fetchall()
        keys = {pk: _uuid(key) for pk, _ref, key in rows}
        alive = keyvault.present(vault, [k for k in keys.values() if k is not None])
        gone = [(pk, ref) for pk, ref, _key in rows if keys[pk] not in alive]
        if gone:
            db.execute("BEGIN IMMEDIATE")
            _delete_with_dependents(db, "cases_case", [pk for pk, _ref in gone])
            db.execute("COMMIT")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sorted(ref for _pk, ref in gone)
    finally:
        db.close()


def _uuid(value: object) -> uuid.UUID | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return uuid.UUID(bytes=value) if len(value) == 16 else uuid.UUID(value.decode())
    return uuid.UUID(str(value))


def _delete_with_dependents(db: sqlite3.Connection, table: str, ids: list[int]) -> None:
    """Delete rows and, first, the rows that point at them (Django's CASCADE, by hand:
    its SQLite schema declares the foreign keys, not what happens on delete)."""
    if not ids:
        return
    tables = [
        r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
    ]
    for child in tables:
        for fk in db.execute(f'PRAGMA foreign_key_list("{child}")').fetchall():
            if fk[2] != table:
                continue
            column = fk[3]
            child_ids = _select_ids(db, child, column, ids)
            _delete_with_dependents(db, child, child_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f'DELETE FROM "{table}" WHERE id IN ({marks})'  # nosec B608
        db.execute(sql, chunk)  # the table's name comes from sqlite_master


def _select_ids(
    db: sqlite3.Connection, table: str, column: str, ids: list[int]
) -> list[int]:
    found: list[int] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        # The names come from sqlite_master and foreign_key_list, the values are bound.
        sql = f'SELECT id FROM "{table}" WHERE "{column}" IN ({marks})'  # nosec B608
        found += [r[0] for r in db.execute(sql, chunk)]
    return found


def _write_atomic(out: Path, data: bytes) -> None:
    folder = out.parent if str(out.parent) else Path()
    if not folder.is_dir():
        msg = f"{out}: the folder {folder} does not exist."
        raise BackupError(msg)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".backup-")
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        os.chmod(temp, 0o600)
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
