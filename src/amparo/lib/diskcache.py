"""A small on-disk cache for what amparo derives from the files it ships.

Parsing the frameworks' YAML and compiling their conditions takes tens of
milliseconds, paid again by every ``amparo`` command. Both depend only on the
files amparo ships (never on a case), so their results are kept, like Python's
own ``__pycache__``, in ``$AMPARO_CACHE_DIR`` (default
``$XDG_CACHE_HOME/amparo``, else ``~/.cache/amparo``), readable by the user
alone. ``AMPARO_CACHE=0`` turns it off. A cache that cannot be read or written
is skipped silently: it only ever saves time.

pickle and marshal read only these files, which amparo wrote itself into a
folder only the user can open (hence the "nosec" marks below).

Keys carry everything the value depends on (the file's path, size and
modification time; the compiled source itself) and the Python version, so a
stale entry is never used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import pickle  # nosec B403
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any

_TAG = importlib.util.MAGIC_NUMBER.hex()


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    if os.environ.get("AMPARO_CACHE") == "0":
        return None
    explicit = os.environ.get("AMPARO_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "amparo"


def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join((_TAG, *parts)).encode()).hexdigest()[:32]


def _read(name: str) -> bytes | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def _write(name: str, data: bytes) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, folder / name)  # atomic: a reader sees all or nothing
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        return


def compiled(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, kept between runs."""
    name = f"code-{_key(filename, source)}.marshal"
    data = _read(name)
    if data is not None:
        try:
            # Amparo's own cache, in the user's private folder.
            code = marshal.loads(data)  # nosec B302
        except (EOFError, ValueError, TypeError):
            code = None
        if isinstance(code, CodeType):
            return code
    code = compile(source, filename, "exec")
    _write(name, marshal.dumps(code))
    return code


def parsed(path: Path, parse: Callable[[Path], Any]) -> Any:
    """``parse(path)`` for a file amparo ships, kept while the file is unchanged."""
    try:
        stat = path.stat()
    except OSError:
        return parse(path)  # let the parser report the missing file
    name = f"data-{_key(str(path.resolve()), str(stat.st_size), str(stat.st_mtime_ns))}.pickle"
    data = _read(name)
    if data is not None:
        try:
            # Amparo's own cache, in the user's private folder.
            return pickle.loads(data)  # nosec B301
        # A damaged cache entry is rebuilt, never trusted.
        except Exception:  # nosec B110
            pass
    value = parse(path)
    _write(name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
