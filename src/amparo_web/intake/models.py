"""A guided intake in progress: stored in the database (not the session), encrypted."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class IntakeDraft(models.Model):
    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="draft"
    )
    # The draft case document as JSON, encrypted under the case's own data key.
    data = models.BinaryField()
    step = models.CharField(max_length=40, blank=True)  # where to resume
    completed = models.JSONField(
        default=list, blank=True
    )  # sections saved at least once
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
