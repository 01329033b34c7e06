from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo_web.accounts.models import Organization
from amparo_web.reports.stats import Filters
from amparo_web.requests_app.models import Office


class FilterForm(forms.Form):
    start = forms.DateField(label=_("Sent from"), required=False)
    end = forms.DateField(label=_("Sent until"), required=False)
    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Office.objects.none(),
        required=False,
        empty_label=_("All offices"),
    )

    def __init__(self, organization: Organization, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["office"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Office.objects.filter(organization=organization)
        self.fields["start"].widget.input_type = "date"
        self.fields["end"].widget.input_type = "date"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The first date is after the second."))
        return data

    def filters(self) -> Filters:
        """The valid filters; an invalid form filters nothing (its errors show)."""
        if not self.is_valid():
            return Filters()
        d = self.cleaned_data
        return Filters(d.get("start"), d.get("end"), d.get("office"))
