"""The audit log: who viewed, changed, exported or deleted which case, and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(
        max_length=40
    )  # case.viewed, case.changed, case.exported…
    # Not a foreign key: the entry outlives the case it records the deletion of.
    case_id = models.BigIntegerField(null=True)
    case_reference = models.CharField(max_length=100, blank=True)
    detail = models.JSONField(default=dict, blank=True)  # never the case's content
    at = models.DateTimeField(db_index=True)
    # The chain (amparo_web.audit.chain): each entry is numbered within its
    # organization and carries the hash of the one before, so an edited,
    # inserted or missing entry shows.
    seq = models.PositiveBigIntegerField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "seq"], name="audit_one_entry_per_place"
            )
        ]
