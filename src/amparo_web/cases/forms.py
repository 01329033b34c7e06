from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 1_000_000


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("A reference (or part of one), or a client's full pseudonym."),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    office = forms.ChoiceField(label=_("Office"), required=False)
    hearing_from = forms.DateField(
        label=_("Next hearing from"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
    )
    hearing_to = forms.DateField(
        label=_("Next hearing until"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
    )

    def __init__(
        self,
        *args: Any,
        outcomes: list[tuple[str, str]],
        offices: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Any"))]
        self.fields["outcome"].choices = any_choice + outcomes  # type: ignore[attr-defined]
        self.fields["office"].choices = any_choice + [(o, o) for o in offices]  # type: ignore[attr-defined]


class NewCaseForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"),
        max_length=100,
        help_text=_("Your organization's own case reference, e.g. 2026-0042."),
    )
    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        max_length=100,
        help_text=_(
            "The name shown in lists and reports. Use a pseudonym, not the legal name."
        ),
    )


class DocumentForm(forms.Form):
    """A case document, pasted or uploaded (YAML or JSON)."""

    text = forms.CharField(
        label=_("Case document (YAML or JSON)"),
        required=False,
        strip=False,
        widget=forms.Textarea({"rows": 24, "spellcheck": "false", "class": "code"}),
    )
    upload = forms.FileField(label=_("…or upload a file"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload is not None:
            if upload.size > MAX_DOCUMENT_BYTES:
                raise forms.ValidationError(_("The file is larger than 1 MB."))
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as e:
                raise forms.ValidationError(_("The file is not UTF-8 text.")) from e
        # Browsers send text areas with CRLF line ends; documents use LF.
        data["text"] = (data.get("text") or "").replace("\r\n", "\n")
        if not data["text"].strip():
            raise forms.ValidationError(_("Paste a case document or choose a file."))
        return data
