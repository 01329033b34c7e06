"""Organizations and their members. A user belongs to one organization, with one role."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200)
    # Salt of the organization's encryption key; the key itself never enters the database.
    key_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Closed cases are deleted this many days after they were closed; None keeps them.
    retention_days = models.PositiveIntegerField(
        _("retention period (days)"), null=True, blank=True
    )

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        ATTORNEY = "attorney", _("Attorney")
        PARALEGAL = "paralegal", _("Paralegal")
        VIEWER = "viewer", _("Viewer")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="members"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # Set when an admin hands out a one-time password; cleared by the user's own change.
    must_change_password = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) @ {self.organization}"

    @property
    def can_edit(self) -> bool:
        return self.role != self.Role.VIEWER

    @property
    def can_delete(self) -> bool:
        # Deletion destroys the case's key for good: attorneys and admins only.
        return self.role in (self.Role.ADMIN, self.Role.ATTORNEY)

    @property
    def can_audit(self) -> bool:
        return self.role == self.Role.ADMIN


class LoginFailure(models.Model):
    """One failed sign-in; enough of them in a short time locks the username or address.

    Kept in the database, not the cache, so every server process sees the same count.
    """

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(db_index=True)
