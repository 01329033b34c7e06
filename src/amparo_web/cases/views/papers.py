"""The documents of a case: the PD request letter, the evidence checklist and the
client summary, as DOCX, PDF or text, generated on request and never stored."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from amparo.documents import KINDS, DocumentError, make_document, render
from amparo_web.audit.log import record
from amparo_web.cases import store
from amparo_web.cases.access import case_for
from amparo_web.cases.outcomes import language

WHAT = ("letter", "checklist", "summary")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
}


def download_document(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """``?kind=`` (the form of discretion, for a letter), ``lang=en|es``, ``as=docx|pdf|txt``."""
    member, row = case_for(request, pk)
    fmt = request.GET.get("as", "docx")
    lang = request.GET.get("lang") or language()
    kind = request.GET.get("kind") or None
    problem = None
    if what not in WHAT:
        problem = _("There is no document of that name.")
    elif fmt not in CONTENT_TYPES:
        problem = _("Download as DOCX, PDF or text.")
    elif lang not in ("en", "es"):
        problem = _("Choose English or Spanish.")
    elif what == "letter" and kind not in KINDS:
        problem = _("Choose the form of discretion to request.")
    if problem is not None:
        messages.warning(request, problem)
        return redirect("cases:detail", pk=row.pk)
    case = store.read_case(row)
    try:
        document = make_document(case, what, kind=kind, lang=lang)  # type: ignore[arg-type]
        body = render(document, fmt)  # type: ignore[arg-type]
    except DocumentError as e:
        messages.warning(request, str(e))
        return redirect("cases:detail", pk=row.pk)
    record(member, "case.document", row, document=what, format=fmt, kind=kind or "")
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    reference = "".join(c if c.isalnum() or c in "-_" else "_" for c in row.reference)
    name = f"{reference}-{what}{'-' + kind if kind else ''}-{lang}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
