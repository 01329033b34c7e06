from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.documents import request_kinds
from amparo_web.accounts.models import Organization
from amparo_web.cases.outcomes import language
from amparo_web.requests_app.models import DigestMail, Office, PDRequest, State
from amparo_web.requests_app.states import NOT_WEIGHED

if TYPE_CHECKING:
    RequestModelForm = forms.ModelForm[PDRequest]
    OfficeModelForm = forms.ModelForm[Office]
else:  # the runtime class takes no type parameter
    RequestModelForm = OfficeModelForm = forms.ModelForm

GENERATED = [
    ("letter", _("The PD request letter")),
    ("checklist", _("The evidence checklist")),
    ("summary", _("The client summary")),
]


class RequestForm(RequestModelForm):
    kind = forms.ChoiceField(label=_("Form of discretion"))

    class Meta:
        model = PDRequest
        fields = ["kind", "office", "channel"]

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = request_kinds(language())  # type: ignore[attr-defined]
        self.fields["office"].queryset = Office.objects.filter(  # type: ignore[attr-defined]
            organization=organization
        )


class ChangeForm(forms.Form):
    state = forms.ChoiceField(label=_("New state"), choices=State.choices)
    on = forms.DateField(
        label=_("On"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reasons = forms.CharField(
        label=_("Reasons given for a denial"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tags = forms.MultipleChoiceField(
        label=_("The denial rests on a fact the framework does not weigh"),
        choices=NOT_WEIGHED,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, allowed: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in State.choices if value in allowed
        ]

    def clean_on(self) -> dt.date:
        on: dt.date = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return on


class AttachForm(forms.Form):
    upload = forms.FileField(label=_("A file that was sent"), required=False)
    generate = forms.ChoiceField(
        label=_("Or a document Amparo generates"),
        choices=[("", "—"), *GENERATED],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("upload")) == bool(data.get("generate")):
            raise forms.ValidationError(
                _("Upload a file or choose a document: one of the two.")
            )
        return data


class OfficeForm(OfficeModelForm):
    class Meta:
        model = Office
        fields = ["name", "kind", "contact", "follow_up_days"]

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        taken = Office.objects.filter(organization=self.organization, name=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("The directory already has an office of that name.")
            )
        return name

    def clean_follow_up_days(self) -> int:
        days: int = self.cleaned_data["follow_up_days"]
        if not 1 <= days <= 365:
            raise forms.ValidationError(_("Between 1 and 365 days."))
        return days


if TYPE_CHECKING:
    DigestMailModelForm = forms.ModelForm[DigestMail]
else:
    DigestMailModelForm = forms.ModelForm


class DigestMailForm(DigestMailModelForm):
    """The organization's own SMTP server; the password is kept encrypted, never shown."""

    new_password = forms.CharField(
        label=_("Password (leave empty to keep the one saved)"),
        required=False,
        widget=forms.PasswordInput,
    )

    class Meta:
        model = DigestMail
        fields = ["host", "port", "username", "use_tls", "sender", "recipients"]
        labels = {
            "host": _("SMTP server"),
            "port": _("Port"),
            "username": _("User name"),
            "use_tls": _("Use TLS"),
            "sender": _("From"),
            "recipients": _("To (one address a line)"),
        }

    def clean_recipients(self) -> str:
        lines = [a.strip() for a in self.cleaned_data["recipients"].splitlines()]
        addresses = [a for a in lines if a]
        validator = forms.EmailField()
        for address in addresses:
            validator.clean(address)
        if not addresses:
            raise forms.ValidationError(_("Give at least one address."))
        return "\n".join(addresses)
