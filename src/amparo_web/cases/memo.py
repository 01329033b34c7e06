"""A small in-process LRU cache: assessment pages' contexts and HTML, the case list's
pages and filter choices.

Assessing and comparing every framework, then rendering it, costs several
milliseconds a view; the result depends only on the case document, the language
and the day. A page of the case list depends only on the organization's cases, the
language and the query string. Entries live in this
process's memory only: never persisted, never shared with another process, and an
organization's entry can only be found with that organization's id.

Correct with several worker processes (``amparo serve --workers``), where a change
made by one process never reaches the others' memory. Every key is derived from the
database state it stands for, so a process that did not see the change misses:

* an assessment's key holds the organization, the case, its vault id, its
  ``updated_at`` and a digest of its ciphertext (which a new nonce changes on every
  write): any change to the case misses;
* the list's pages and filter choices are keyed by the organization's latest
  ``updated_at`` and its number of cases (``views/listing.py``). Every save sets ``updated_at`` to
  now, later than every earlier value, and every deletion lowers the count: two
  different sets of cases never share that pair (given one clock — several servers
  on one PostgreSQL need synchronized clocks, as they do for sessions anyway).

A deleted case's entries could no longer be found (its row is gone), but they hold
plaintext: :func:`forget` drops them (and the organization's list pages, which hold
pseudonyms) in the deleting process at once, and every other process drops them at
its next use of the cache: deleting a case destroys its secret in the key vault,
and each use first asks the vault whether it changed since (one PRAGMA); if so, it
drops every list page and each cached case whose secret is gone.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from amparo_web.cases.models import Case

MAX_ENTRIES = 256
LIST = "case list"  # the first item of a list page's key

_entries: OrderedDict[Hashable, dict[str, Any]] = OrderedDict()
_lock = threading.Lock()


def key_for(row: Case, lang: str) -> Hashable:
    digest = hashlib.blake2b(bytes(row.document), digest_size=16).digest()
    return (
        row.organization_id,
        row.pk,
        row.key_id,  # a UUID third: see _drop_shredded
        row.updated_at,
        digest,
        lang,
        date.today(),
    )


def cached(key: Hashable, make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The context under ``key``, made (outside the lock) on a miss; a shallow copy."""
    _drop_shredded()
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


def list_key(org_id: int, *version: Hashable) -> Hashable:
    return (LIST, org_id, *version)


def forget(org_id: int, case_pk: int) -> None:
    """Drop a deleted case's entries now (other processes: see :func:`_drop_shredded`)."""
    with _lock:
        for key in [
            k
            for k in _entries
            if k[:2] in ((org_id, case_pk), (LIST, org_id))  # type: ignore[index]
        ]:
            del _entries[key]


def _drop_shredded() -> None:
    """After any change to the vault (a case made or deleted, by any process): drop
    the list pages and the entries of cases whose secret is gone."""
    from amparo_web.lib import crypto, keyvault

    path = crypto.vault()
    if not keyvault.changed(path):
        return
    with _lock:
        ids = {k[2] for k in _entries if _is_case_key(k)}  # type: ignore[index]
    held = keyvault.still_held(path, ids)
    with _lock:
        for key in [
            k
            for k in _entries
            if (_is_case_key(k) and k[2] not in held)  # type: ignore[index]
            or (isinstance(k, tuple) and k[:1] == (LIST,))
        ]:
            del _entries[key]


def _is_case_key(key: Hashable) -> bool:
    return isinstance(key, tuple) and len(key) > 2 and isinstance(key[2], uuid.UUID)


def clear() -> None:
    with _lock:
        _entries.clear()


def size() -> int:
    with _lock:
        return len(_entries)
