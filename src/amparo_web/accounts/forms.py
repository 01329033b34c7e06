from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from amparo_web.accounts.models import Membership


class InviteForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)

    def clean_username(self) -> str:
        name: str = self.cleaned_data["username"].strip()
        field = get_user_model()._meta.get_field("username")
        for validator in field.validators:
            validator(name)
        if get_user_model().objects.filter(username__iexact=name).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return name


class RoleForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class MemberForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)


class RetentionForm(forms.Form):
    retention_days = forms.IntegerField(
        label=_("Delete closed cases after (days)"),
        required=False,
        min_value=1,
        max_value=36500,
        help_text=_(
            "Leave empty to keep closed cases until someone deletes them. Deletion "
            "is for good: no backup can bring a deleted case back."
        ),
    )
