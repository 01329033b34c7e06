"""The key vault: one random secret per case, kept outside the database and its backups.

Why it exists. A case's data key is wrapped (``amparo_web.lib.crypto``) under a key
derived from BOTH its organization's key (itself derived from the master key) and
the case's own secret in this vault. The wrapped key travels with the case in the
database and in every backup, but it can be unwrapped only while the vault still
holds that secret. Deleting a case destroys its secret here, so the case can never
be read again — not from the live database, not from a backup made before the
deletion, not with the master key. That is crypto-shredding: without the vault, a
backup taken before a deletion would keep the case readable for as long as the
backup and the master key exist.

Where it is. The file ``amparo.vault`` in the data directory (``AMPARO_DATA_DIR``),
next to ``amparo.key``; created with 0600 permissions. It is a small SQLite
database of its own, never the app's database, so neither ``amparo backup`` nor
``pg_dump`` ever copies it.

What it means for operators. The vault is key material, like the master key:

* Losing it loses every case (the database and its backups can no longer be read).
  Keep it on the same durable storage as the master key, not on a scratch disk.
* Do NOT put it in the database backups. If you copy the vault for disaster
  recovery, treat each copy like a key escrow with a short life: a case deleted
  after a vault copy was made stays readable from that copy (plus a database
  backup and the master key) until the copy is destroyed. Rotate such copies
  quickly (days, not months) and never keep them with the database backups.
* Several servers sharing one PostgreSQL database must share this one file.

How deletion overwrites. The connection runs with ``PRAGMA secure_delete=ON``
(a deleted row is zeroed in place, freed pages too) and a rollback journal
(``journal_mode=DELETE``, not WAL, so no write-ahead log keeps an old copy of a
page): once a secret is destroyed, no page of this file holds it. The rollback journal briefly
holds the page being changed and is then unlinked: what a filesystem or an SSD
keeps of unlinked blocks is outside SQLite's reach — use full-disk encryption.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

FILENAME = "amparo.vault"
SECRET_BYTES = 32
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS case_secret ("
    " id BLOB PRIMARY KEY NOT NULL,"
    " secret BLOB NOT NULL"
    ") WITHOUT ROWID"
)


class VaultError(Exception):
    """The vault cannot be opened or written; the message says where."""


class Shredded(Exception):
    """The case's secret is gone from the vault: the case has been deleted for good."""


def vault_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILENAME


@contextmanager
def _open(path: Path, *, create: bool) -> Iterator[sqlite3.Connection]:
    if not path.exists():
        if not create:
            raise VaultError(f"{path}: no key vault")
        path.parent.mkdir(parents=True, exist_ok=True)
        with suppress(FileExistsError):  # created private, before SQLite writes
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        db = sqlite3.connect(path, timeout=10, isolation_level=None)
    except sqlite3.Error as e:
        raise VaultError(f"{path}: cannot open the key vault ({e})") from None
    try:
        db.execute("PRAGMA secure_delete=ON")
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA synchronous=FULL")
        db.execute(_SCHEMA)
        yield db
    except sqlite3.Error as e:
        raise VaultError(f"{path}: the key vault failed ({e})") from None
    finally:
        db.close()


def create(path: Path) -> tuple[uuid.UUID, bytes]:
    """A new random secret, stored (durably) before it is returned, and its id."""
    return create_many(path, 1)[0]


def create_many(path: Path, count: int) -> list[tuple[uuid.UUID, bytes]]:
    """``count`` new secrets, stored in one transaction before they are returned."""
    made = [(uuid.uuid4(), secrets.token_bytes(SECRET_BYTES)) for _ in range(count)]
    with _open(path, create=True) as db:
        db.execute("BEGIN IMMEDIATE")
        db.executemany(
            "INSERT INTO case_secret (id, secret) VALUES (?, ?)",
            [(key_id.bytes, secret) for key_id, secret in made],
        )
        db.execute("COMMIT")
    return made


def get(path: Path, key_id: uuid.UUID) -> bytes:
    """The secret of ``key_id``; :class:`Shredded` if it was destroyed (or never here).

    Reads go through one read-only connection per thread and file (a case list
    unwraps a key per row); each read sees every committed deletion.
    """
    if not path.exists():
        raise Shredded(str(key_id))
    try:
        # fetchall: the statement runs to its end, so no read lock is left held.
        rows = (
            _reader(path)
            .execute("SELECT secret FROM case_secret WHERE id = ?", (key_id.bytes,))
            .fetchall()
        )
    except sqlite3.Error as e:
        close_readers()
        raise VaultError(f"{path}: the key vault failed ({e})") from None
    if not rows:
        raise Shredded(str(key_id))
    return bytes(rows[0][0])


_local = threading.local()


def _reader(path: Path) -> sqlite3.Connection:
    readers: dict[Path, sqlite3.Connection] = _local.__dict__.setdefault("readers", {})
    db = readers.get(path)
    if db is None:
        db = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
        )
        readers[path] = db
    return db


def changed(path: Path) -> bool:
    """Whether the vault changed (a secret made or destroyed, by any process) since
    this thread last asked; True on a thread's first question. One cheap PRAGMA."""
    if not path.exists():
        return True
    try:
        version = int(_reader(path).execute("PRAGMA data_version").fetchone()[0])
    except sqlite3.Error as e:
        close_readers()
        raise VaultError(f"{path}: the key vault failed ({e})") from None
    seen: dict[Path, int] = _local.__dict__.setdefault("versions", {})
    before = seen.get(path)
    seen[path] = version
    return before != version


def get_many(path: Path, key_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, bytes]:
    """The secrets of those of ``key_ids`` still held, in one query per 500 (a list page)."""
    wanted = list(key_ids)
    if not wanted or not path.exists():
        return {}
    found: dict[uuid.UUID, bytes] = {}
    try:
        for start in range(0, len(wanted), 500):
            chunk = [k.bytes for k in wanted[start : start + 500]]
            # Only "?" placeholders go into the statement; the ids are parameters.
            marks = ",".join("?" * len(chunk))
            rows = (
                _reader(path)
                .execute(
                    f"SELECT id, secret FROM case_secret WHERE id IN ({marks})",  # nosec B608
                    chunk,
                )
                .fetchall()
            )
            found.update(
                (uuid.UUID(bytes=bytes(i)), bytes(secret)) for i, secret in rows
            )
    except sqlite3.Error as e:
        close_readers()
        raise VaultError(f"{path}: the key vault failed ({e})") from None
    return found


def still_held(path: Path, key_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Which of ``key_ids`` still have their secret, through this thread's reader."""
    return set(get_many(path, key_ids))


def close_readers() -> None:
    """Close this thread's read connections (tests switch data directories)."""
    readers: dict[Path, sqlite3.Connection] = _local.__dict__.pop("readers", {})
    _local.__dict__.pop("versions", None)
    for db in readers.values():
        db.close()


def destroy(path: Path, key_id: uuid.UUID) -> bool:
    """Destroy a secret for good (zeroed in the file); whether there was one."""
    if not path.exists():
        return False
    with _open(path, create=False) as db:
        gone = db.execute(
            "DELETE FROM case_secret WHERE id = ?", (key_id.bytes,)
        ).rowcount
    return bool(gone)


def present(path: Path, key_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Which of ``key_ids`` still have their secret."""
    wanted = list(key_ids)
    if not wanted or not path.exists():
        return set()
    with _open(path, create=False) as db:
        return {
            key_id
            for key_id in wanted
            if db.execute(
                "SELECT 1 FROM case_secret WHERE id = ?", (key_id.bytes,)
            ).fetchone()
        }
