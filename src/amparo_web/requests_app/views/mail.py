"""Where the daily digest goes: the organization's own SMTP server, or nowhere (printed)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from amparo_web.audit.log import record
from amparo_web.lib import crypto
from amparo_web.requests_app.access import require_admin
from amparo_web.requests_app.digest import SMTP_PASSWORD
from amparo_web.requests_app.forms import DigestMailForm
from amparo_web.requests_app.models import DigestMail


def edit_digest_mail(request: HttpRequest) -> HttpResponse:
    member = require_admin(request)
    org = member.organization
    current = DigestMail.objects.filter(organization=org).first()
    if request.method == "POST" and request.POST.get("stop") and current is not None:
        current.delete()
        record(member, "digest_mail.removed")
        messages.success(request, _("The digest is no longer e-mailed."))
        return redirect("pdrequests:digest_mail")
    form = DigestMailForm(
        request.POST or None, instance=current or DigestMail(organization=org)
    )
    if request.method == "POST" and form.is_valid():
        mail = form.save(commit=False)
        if form.cleaned_data["new_password"]:
            key = crypto.organization_key(org.key_id)
            secret = form.cleaned_data["new_password"].encode()
            mail.password = crypto.encrypt(key, secret, SMTP_PASSWORD)
        mail.save()
        record(member, "digest_mail.saved", host=mail.host)  # never the password
        messages.success(
            request,
            _("The digest will be e-mailed through %(host)s.") % {"host": mail.host},
        )
        return redirect("pdrequests:digest_mail")
    return render(
        request, "pdrequests/digest_mail.html", {"form": form, "current": current}
    )
