from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

import amparo
from amparo.documents import request_kinds
from amparo_web.audit.log import record
from amparo_web.cases import store
from amparo_web.cases.access import case_for
from amparo_web.cases.explain import assessment_context
from amparo_web.cases.outcomes import language


def show_case(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's assessment: protection-first with its reasons, and the comparison."""
    member, row = case_for(request, pk)
    case = store.read_case(row)
    record(member, "case.viewed", row)
    lang = language()
    context: dict[str, object] = {
        "case": row,
        "pseudonym": store.read_pseudonym(row),
        "request_kinds": request_kinds(lang),
        "doc_lang": lang,
    }
    try:
        context.update(assessment_context(case, lang))
    except amparo.AmparoError as e:
        context["assessment_error"] = str(e)
    return render(request, "cases/detail.html", context)
