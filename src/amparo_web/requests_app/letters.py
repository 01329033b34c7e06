"""The follow-up letter: a short DOCX that names the original request and asks for a decision."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import docx
from django.utils import formats, translation
from django.utils.translation import gettext as _

from amparo.documents import request_kinds

if TYPE_CHECKING:
    from amparo_web.requests_app.models import PDRequest


def follow_up_letter(request: PDRequest, today: dt.date, lang: str = "en") -> bytes:
    with translation.override(lang):
        return _build(request, today, lang)


def _build(request: PDRequest, today: dt.date, lang: str) -> bytes:
    kind = dict(request_kinds(lang)).get(request.kind, request.kind)
    sent = (
        formats.date_format(request.sent_on, "DATE_FORMAT") if request.sent_on else "—"
    )
    office = request.office
    out = docx.Document()
    out.core_properties.title = _("Follow-up on a request for prosecutorial discretion")
    out.add_paragraph(formats.date_format(today, "DATE_FORMAT"))
    out.add_paragraph("\n".join(filter(None, [office.name, office.contact])))
    out.add_paragraph(
        _("Re: our request of %(sent)s: %(kind)s (our reference %(reference)s)")
        % {"kind": kind, "sent": sent, "reference": request.case.reference}
    )
    out.add_heading(_("Follow-up on a request for prosecutorial discretion"), level=1)
    out.add_paragraph(
        _(
            "On %(sent)s we sent %(office)s, by %(channel)s, a request for prosecutorial discretion "
            "(%(kind)s) for the person named below. %(days)s days later, we have received no decision."
        )
        % {
            "sent": sent,
            "office": office.name,
            "channel": request.get_channel_display(),
            "kind": kind,
            "days": (today - request.sent_on).days if request.sent_on else "—",
        }
    )
    out.add_paragraph(
        _(
            "We respectfully ask that you decide the request and tell us the decision "
            "in writing, with the reasons for it."
        )
    )
    files = list(request.files.all())
    if files:
        out.add_paragraph(_("The original request enclosed:"))
        for f in files:
            out.add_paragraph(f"{f.name} (SHA-256 {f.sha256})", style="List Bullet")
    out.add_paragraph(_("Name and A-number: ____________________"))
    out.add_paragraph(_("Sincerely,"))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
