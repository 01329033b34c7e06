"""Deleting a case for good, and the retention policy: the one deletion path.

The delete view and the retention command both call :func:`delete_case`, which in
one database transaction writes the audit entry, deletes the row (its intake
draft and requests go with it) and, last, destroys the case's secret in the key
vault. Destroying the secret last means a vault failure rolls everything back
(the case stays whole and readable); once the secret is gone, no copy of the
case's wrapped key — free pages, dead tuples, backups — can be unwrapped again.

On SQLite the connection also runs with ``secure_delete`` (see lib/database.py)
and, after deleting, :func:`compact` checkpoints and truncates the write-ahead log,
so the deleted ciphertext is overwritten in the database file and no old page of
it stays in ``-wal``. On PostgreSQL deleted rows stay as dead tuples until VACUUM
reclaims them: the guarantee there comes from the vault alone.

Retention: an organization's ``retention_days`` (None keeps cases forever). A case
closed on day D is deleted by :func:`apply_retention` on or after D + days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

from amparo_web.audit.chain import append
from amparo_web.cases import memo, store
from amparo_web.cases.models import Case

if TYPE_CHECKING:
    from amparo_web.accounts.models import Membership, Organization

RETENTION = "retention policy"


def delete_case(
    row: Case, member: Membership | None, *, compact_after: bool = True, **detail: Any
) -> None:
    """Delete ``row`` for good: audited, its row gone, its vault secret destroyed."""
    organization, pk = row.organization, row.pk
    with transaction.atomic():
        append(
            organization,
            actor=member.user if member is not None else None,
            action="case.deleted",
            case_id=pk,
            case_reference=row.reference,
            detail=detail,
        )
        row.delete()
        store.shred(row)  # last: if the vault fails, nothing above is committed
    memo.forget(organization.pk, pk)  # no plaintext left in this process
    if compact_after:
        compact()


def compact() -> None:
    """SQLite: write the deletions into the database file and empty the WAL."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def expired(organization: Organization, today: dt.date | None = None) -> list[Case]:
    """The organization's closed cases whose retention period has run out."""
    cutoff = _cutoff(organization, today)
    if cutoff is None:
        return []
    return list(
        Case.objects.select_related("organization")
        .filter(organization=organization, closed_on__lte=cutoff)
        .order_by("closed_on", "pk")
    )


def _cutoff(organization: Organization, today: dt.date | None) -> dt.date | None:
    days = organization.retention_days
    if days is None:
        return None
    return (today or timezone.localdate()) - dt.timedelta(days=days)


@dataclass
class RetentionResult:
    organization: Organization
    days: int
    references: list[str] = field(default_factory=list)


def apply_retention(
    organizations: list[Organization],
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> list[RetentionResult]:
    """Delete (unless ``dry_run``) every expired case of these organizations."""
    today = today or timezone.localdate()
    results = []
    for organization in organizations:
        if organization.retention_days is None:
            continue
        result = RetentionResult(organization, organization.retention_days)
        cutoff = _cutoff(organization, today)
        for row in expired(organization, today):
            if dry_run:
                result.references.append(row.reference)
                continue
            with transaction.atomic():
                # Locked and checked again: a case reopened meanwhile is not deleted.
                still = (
                    Case.objects.select_for_update()
                    .select_related("organization")
                    .filter(pk=row.pk, closed_on__lte=cutoff)
                    .first()
                )
                if still is None:
                    continue
                delete_case(
                    still,
                    None,
                    compact_after=False,
                    by=RETENTION,
                    retention_days=organization.retention_days,
                    closed_on=still.closed_on.isoformat() if still.closed_on else None,
                )
            result.references.append(still.reference)
        results.append(result)
    if not dry_run:
        compact()
    return results


def run_retention(
    organization: str | None, dry_run: bool, echo: Callable[[str], None]
) -> int:
    """What ``amparo retention`` prints: per organization, a count and the references
    (never a name or anything else of a case). 0, or 1 for an unknown organization."""
    from amparo_web.accounts.models import Organization

    found = Organization.objects.order_by("pk")
    if organization is not None:
        found = (
            found.filter(pk=int(organization))
            if organization.isdigit()
            else found.filter(name=organization)
        )
        if not found.exists():
            echo(
                f"Error: there is no organization {organization!r} (give its name or id)."
            )
            return 1
    verb = "would delete" if dry_run else "deleted"
    for result in apply_retention(list(found), dry_run=dry_run):
        refs = ", ".join(result.references) if result.references else "none"
        echo(
            f"{result.organization.name}: {verb} {len(result.references)} closed "
            f"case(s) past {result.days} days: {refs}"
        )
    if dry_run:
        echo("Dry run: nothing was deleted.")
    return 0
