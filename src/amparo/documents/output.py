"""Writing a document file atomically: whole, or not at all.

The bytes go to a temporary file in the destination's folder, are flushed to
disk, and the temporary file is renamed over the destination. A failure at any
step removes the temporary file, so nothing half-written is ever left.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from amparo.documents.errors import OutputError


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    Raises:
        OutputError: the folder does not exist or is not writable, or ``path`` is a folder.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        msg = f"Cannot write {str(target)!r}: it is a folder. Give a file name, e.g. -o letter.docx."
        raise OutputError(msg)
    if not folder.is_dir():
        msg = f"Cannot write {str(target)!r}: the folder {str(folder)!r} does not exist. Create it first."
        raise OutputError(msg)
    temp_name: str | None = None
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=folder
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, target)
        temp_name = None
    except OSError as e:
        reason = e.strerror or str(e)
        msg = f"Cannot write {str(target)!r}: {reason}. Nothing was written; choose another place with -o."
        raise OutputError(msg) from None
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    return target
