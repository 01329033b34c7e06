"""The database settings from one environment variable, ``AMPARO_DATABASE_URL``."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


def database_settings(url: str | None, data_dir: Path) -> dict[str, Any]:
    """SQLite under the data directory by default; ``postgres://user@host:port/name`` for PostgreSQL."""
    if not url:
        return _sqlite(data_dir / "amparo.sqlite3")
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return _sqlite(Path(unquote(parts.path)))
    if parts.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "amparo",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
        }
    msg = f"AMPARO_DATABASE_URL={url!r}: use postgres://user@host:port/name or sqlite:///path."
    raise ImproperlyConfigured(msg)


def _sqlite(path: Path) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        # WAL lets readers go on while one request writes; IMMEDIATE avoids
        # "database is locked" on upgrade from a read to a write transaction.
        # synchronous=NORMAL is safe with WAL (a power cut may lose the last
        # commits, never corrupt the file) and saves an fsync per commit.
        # secure_delete=ON zeroes deleted rows and freed pages, so a deleted case's
        # ciphertext and wrapped key do not linger in the file's free pages; after a
        # deletion the WAL is checkpointed and truncated (cases/deletion.py). The
        # shredding guarantee itself comes from the key vault (lib/keyvault.py).
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; "
            "PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;",
            "transaction_mode": "IMMEDIATE",
        },
    }
