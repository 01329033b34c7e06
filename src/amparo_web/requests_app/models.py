"""PD requests: where each went, what was sent, and every state it passed through.

Stored in clear: the kind, office, channel, dates and states (the dashboard and the
digest filter on them). The reasons a denial gives are ciphertext under the case's
key, like the case's narrative; a file sent is kept as its name, size and SHA-256 only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Office(models.Model):
    class Kind(models.TextChoices):
        OPLA = "opla", _("OPLA field location")
        ERO = "ero", _("ERO field office")

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="offices"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of office"), max_length=10, choices=Kind.choices)
    contact = models.CharField(
        _("e-mail, form address or postal address"), max_length=300, blank=True
    )
    follow_up_days = models.PositiveSmallIntegerField(
        _("follow up after (days)"), default=30
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="unique_office_per_organization"
            )
        ]

    def __str__(self) -> str:
        return self.name


class State(models.TextChoices):
    DRAFTED = "drafted", _("Drafted")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    GRANTED = "granted", _("Granted")
    PARTLY_GRANTED = "partly_granted", _("Partly granted")
    DENIED = "denied", _("Denied")
    NO_RESPONSE = "no_response", _("No response")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    ONLINE_FORM = "online_form", _("Online form")
    MAIL = "mail", _("Mail")
    IN_PERSON = "in_person", _("In person")


class PDRequest(models.Model):
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="pd_requests"
    )
    # One of amparo.documents.KINDS (the form checks it); no choices here, so
    # the core may add a kind without a migration.
    kind = models.CharField(_("form of discretion"), max_length=60)
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("office"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    sent_on = models.DateField(_("date sent"), null=True, blank=True)
    state = models.CharField(
        max_length=20, choices=State.choices, default=State.DRAFTED, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} → {self.office}"


class StateChange(models.Model):
    """One row per state a request entered; never edited, only appended."""

    request = models.ForeignKey(
        PDRequest, on_delete=models.CASCADE, related_name="history"
    )
    state = models.CharField(max_length=20, choices=State.choices)
    on = models.DateField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reasons = models.BinaryField(default=b"")  # a denial's reasons, encrypted
    tags = models.JSONField(default=list, blank=True)  # not-weighed fact ids

    class Meta:
        ordering = ["at", "id"]


class SentFile(models.Model):
    """A file sent with a request: its name, size and SHA-256, never its content."""

    request = models.ForeignKey(
        PDRequest, on_delete=models.CASCADE, related_name="files"
    )
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    generated = models.BooleanField(default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]


class DigestMail(models.Model):
    """An organization's own SMTP server for the daily digest; without one, it is printed."""

    organization = models.OneToOneField(
        "accounts.Organization", on_delete=models.CASCADE, related_name="digest_mail"
    )
    host = models.CharField(max_length=200)
    port = models.PositiveIntegerField(default=587)
    username = models.CharField(max_length=200, blank=True)
    password = models.BinaryField(default=b"")  # encrypted under the organization key
    use_tls = models.BooleanField(default=True)
    sender = models.EmailField()
    recipients = models.TextField()  # one address a line
