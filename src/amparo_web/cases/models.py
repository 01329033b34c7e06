"""A case: its document encrypted under its own key, and the few fields the list filters on.

Stored in clear, deliberately, for search and filters: the organization's own
reference, the protection-first outcome, the immigration court ("office") and the
next hearing date. Everything else — the pseudonym, the narrative, every fact —
exists only as AES-256-GCM ciphertext (see ``amparo_web.lib.crypto``).

``key_id`` names the case's secret in the key vault (``amparo_web.lib.keyvault``):
the wrapped data key can be unwrapped only while that secret exists. ``closed_on``
is the day the case was closed (None while open); the organization's retention
period counts from it (``amparo_web.cases.deletion``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Case(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="cases"
    )
    reference = models.CharField(_("reference"), max_length=100)
    outcome = models.CharField(_("outcome"), max_length=60, blank=True, db_index=True)
    office = models.CharField(_("office"), max_length=200, blank=True, db_index=True)
    next_hearing = models.DateField(
        _("next hearing"), null=True, blank=True, db_index=True
    )
    wrapped_key = models.BinaryField()
    # The case's secret in the key vault; destroyed with the case (crypto-shredding).
    key_id = models.UUIDField(unique=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, db_index=True)
    document = (
        models.BinaryField()
    )  # the case document as written (YAML or JSON), encrypted
    pseudonym = (
        models.BinaryField()
    )  # encrypted, for the list without decrypting documents
    pseudonym_token = models.CharField(max_length=64, db_index=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            # The list's default order, per organization, without sorting every row.
            models.Index(
                fields=["organization", "-updated_at", "-id"], name="case_list_order"
            ),
            # The filters' choices: one organization's distinct values, from the index alone.
            models.Index(fields=["organization", "outcome"], name="case_outcomes"),
            models.Index(fields=["organization", "office"], name="case_offices"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "reference"],
                name="unique_reference_per_organization",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None
