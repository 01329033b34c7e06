"""``record(...)``: one explicit call from the view that acted (no signals)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from amparo_web.audit.chain import append
from amparo_web.audit.models import AuditEntry

if TYPE_CHECKING:
    from amparo_web.accounts.models import Membership
    from amparo_web.cases.models import Case


def record(
    member: Membership, action: str, case: Case | None = None, **detail: Any
) -> AuditEntry:
    return append(
        member.organization,
        actor=member.user,
        action=action,
        case_id=case.pk if case is not None else None,
        case_reference=case.reference if case is not None else "",
        detail=detail,
    )
