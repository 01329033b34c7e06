"""A small in-process LRU cache: assessment pages' contexts, the list's filter choices.

Assessing and comparing every framework costs a few milliseconds a view; the result
depends only on the case document, the language and the day. The key holds the
organization, the case, its ``updated_at`` and a digest of its ciphertext (which a
new nonce changes on every write), so any change to the case misses. Entries live
in this process's memory only: never persisted, never shared with another process,
and an organization's entry can only be found with that organization's id.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from amparo_web.cases.models import Case

MAX_ENTRIES = 256

_entries: OrderedDict[Hashable, dict[str, Any]] = OrderedDict()
_lock = threading.Lock()


def key_for(row: Case, lang: str) -> Hashable:
    digest = hashlib.blake2b(bytes(row.document), digest_size=16).digest()
    return (
        row.organization_id,
        row.pk,
        row.updated_at,
        digest,
        lang,
        date.today(),
    )


def cached(key: Hashable, make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The context under ``key``, made (outside the lock) on a miss; a shallow copy."""
    with _lock:
        found = _entries.get(key)
        if found is not None:
            _entries.move_to_end(key)
            return dict(found)
    value = make()
    with _lock:
        _entries[key] = value
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return dict(value)


def forget(org_id: int, case_pk: int) -> None:
    """Drop a deleted case's entries (other worker processes drop theirs as they age out)."""
    with _lock:
        for key in [k for k in _entries if k[:2] == (org_id, case_pk)]:  # type: ignore[index]
            del _entries[key]


def clear() -> None:
    with _lock:
        _entries.clear()


def size() -> int:
    with _lock:
        return len(_entries)
