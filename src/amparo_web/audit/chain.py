"""The audit log as a hash chain, one per organization.

Each entry's hash covers its own content and the hash of the entry before it, and
entries are numbered 1, 2, 3… within their organization. So changing an entry,
inserting one or removing one from the middle breaks the chain at that place,
and :func:`verify` says where. Removing the newest entries leaves a shorter valid
chain: :func:`verify` prints the head (its number and hash) for a supervisor to
note elsewhere, so a later check can show the log did not shrink.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from amparo_web.audit.models import AuditEntry

if TYPE_CHECKING:
    from amparo_web.accounts.models import Organization

GENESIS = "0" * 64
_lock = threading.Lock()  # one writer per process; the row lock covers the rest


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """SHA-256 of the previous hash and the entry's content, canonically encoded."""
    body = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


def content(entry: AuditEntry) -> dict[str, Any]:
    return {
        "organization": entry.organization_id,
        "seq": entry.seq,
        "actor": entry.actor_id,
        "action": entry.action,
        "case_id": entry.case_id,
        "case_reference": entry.case_reference,
        "detail": entry.detail,
        "at": entry.at.isoformat(),
    }


def append(organization: Organization, **fields: Any) -> AuditEntry:
    """Add an entry at the head of the organization's chain."""
    with _lock, transaction.atomic():
        # On PostgreSQL this row lock orders writers across processes; SQLite
        # takes one writer at a time anyway. (Both queries are plain filters and
        # slices: cheaper to build than first().)
        list(
            type(organization)
            .objects.select_for_update()
            .filter(pk=organization.pk)
            .values_list("pk")
        )
        last = next(
            iter(
                AuditEntry.objects.filter(organization_id=organization.pk)
                .order_by("-seq")
                .values_list("seq", "hash")[:1]
            ),
            None,
        )
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        entry = AuditEntry(
            organization=organization,
            seq=seq,
            prev_hash=prev,
            at=timezone.now(),
            **fields,
        )
        # What the database gives back (a JSON round trip) is what is hashed.
        entry.detail = json.loads(json.dumps(entry.detail))
        entry.hash = entry_hash(prev, content(entry))
        entry.save()
        return entry


@dataclass(frozen=True)
class Break:
    seq: int
    problem: str


@dataclass(frozen=True)
class Verdict:
    organization: str
    entries: int
    head_seq: int
    head_hash: str
    breaks: tuple[Break, ...]

    @property
    def intact(self) -> bool:
        return not self.breaks


def verify(organization: Organization) -> Verdict:
    """Walk the organization's chain from the first entry; report every break."""
    breaks: list[Break] = []
    prev, expected, count, head = GENESIS, 1, 0, (0, GENESIS)
    for entry in _in_order(organization):
        count += 1
        if entry.seq != expected:
            missing = (
                f"{expected}"
                if entry.seq == expected + 1
                else f"{expected}–{entry.seq - 1}"
            )
            if entry.seq > expected:
                breaks.append(Break(entry.seq, f"entries missing before it: {missing}"))
            else:
                breaks.append(Break(entry.seq, "numbered out of order"))
        if entry.prev_hash != prev:
            breaks.append(Break(entry.seq, "does not follow the entry before it"))
        if entry_hash(entry.prev_hash, content(entry)) != entry.hash:
            breaks.append(
                Break(entry.seq, "its content was changed after it was written")
            )
        prev, expected, head = entry.hash, entry.seq + 1, (entry.seq, entry.hash)
    return Verdict(organization.name, count, head[0], head[1], tuple(breaks))


def _in_order(organization: Organization) -> Iterator[AuditEntry]:
    return (
        AuditEntry.objects.filter(organization=organization).order_by("seq").iterator()
    )
