"""Encrypted, consistent backups of the SQLite database, and their restore.

A backup is the database copied with SQLite's online backup API (consistent
while the app runs), with a small manifest, encrypted with AES-256-GCM under a key
derived (scrypt) from a passphrase the operator keeps. Case documents inside are
already encrypted under their wrapped data keys; the master key (``amparo.key``
or ``AMPARO_MASTER_KEY``) is never in a backup, so a stolen backup and its
passphrase still reveal no case. Restoring needs the same master key.

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
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

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
    path: Path, database: Path, passphrase: str, replace: bool = False
) -> dict[str, Any]:
    """Put the backup's database at ``database``: whole and checked, or not at all."""
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
        for suffix in ("-wal", "-shm"):  # journals of the database being replaced
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.replace(temp, database)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return manifest


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
