"""``amparo audit verify``: check every organization's audit chain and say where it breaks."""

from __future__ import annotations

from collections.abc import Callable

from amparo_web.accounts.models import Organization
from amparo_web.audit.chain import verify


def verify_all(organization: str | None, echo: Callable[[str], None]) -> int:
    """Print a verdict per organization; 0 when every chain is intact, else 1.

    ``organization`` limits the check to one, by name or id.
    """
    found = Organization.objects.order_by("pk")
    if organization is not None:
        by_id = organization.isdigit()
        found = (
            found.filter(pk=int(organization))
            if by_id
            else found.filter(name=organization)
        )
        if not found.exists():
            echo(
                f"Error: there is no organization {organization!r} (give its name or id)."
            )
            return 1
    status = 0
    for org in found:
        verdict = verify(org)
        head = (
            f"#{verdict.head_seq} {verdict.head_hash}" if verdict.entries else "empty"
        )
        if verdict.intact:
            echo(f"{org.name}: intact, {verdict.entries} entries; head {head}")
            continue
        status = 1
        echo(f"{org.name}: BROKEN, {verdict.entries} entries; head {head}")
        for problem in verdict.breaks:
            echo(f"  entry #{problem.seq}: {problem.problem}")
    return status
