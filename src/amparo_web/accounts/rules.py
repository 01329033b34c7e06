"""The one rule of membership changes: an organization always keeps an active admin."""

from __future__ import annotations

from django.utils.translation import gettext as _

from amparo_web.accounts.models import Membership


def active_admins(org_id: int) -> list[Membership]:
    """The organization's active admins, locked until the transaction ends (PostgreSQL)."""
    return list(
        Membership.objects.select_for_update().filter(
            organization_id=org_id,
            role=Membership.Role.ADMIN,
            user__is_active=True,
        )
    )


def refusal(actor: Membership, target: Membership, role: str | None) -> str | None:
    """Why the change may not be made, or None. ``role=None`` means deactivation."""
    if role is None and target.pk == actor.pk:
        return _("You cannot deactivate yourself; ask another administrator.")
    losing_admin = (
        target.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN
    )
    if losing_admin and target.user.is_active:
        others = [m for m in active_admins(actor.organization_id) if m.pk != target.pk]
        if not others:
            return _("The organization must keep at least one active administrator.")
    return None
