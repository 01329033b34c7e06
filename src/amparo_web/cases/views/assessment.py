from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

import amparo
from amparo.documents import request_kinds
from amparo_web.audit.log import record
from amparo_web.cases import memo, store
from amparo_web.cases.access import case_for
from amparo_web.cases.explain import assessment_context
from amparo_web.cases.models import Case
from amparo_web.cases.outcomes import language


def show_case(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's assessment: protection-first with its reasons, and the comparison."""
    member, row = case_for(request, pk)
    record(member, "case.viewed", row)
    lang = language()
    context: dict[str, object] = {
        "case": row,
        "pseudonym": store.read_pseudonym(row),
        "request_kinds": request_kinds(lang),
        "doc_lang": lang,
    }
    context.update(memo.cached(memo.key_for(row, lang), lambda: _assess(row, lang)))
    return render(request, "cases/detail.html", context)


def _assess(row: Case, lang: str) -> dict[str, Any]:
    """The assessment's context and its HTML: both depend only on the memo's key
    (the case as stored, the language, the day), never on the request."""
    try:
        context = assessment_context(store.read_case(row), lang)
    except amparo.AmparoError as e:
        context = {"assessment_error": str(e)}
    context["assessment_html"] = render_to_string(
        "cases/_assessment.html",
        {
            **context,
            "case": row,
            "request_kinds": request_kinds(lang),
            "doc_lang": lang,
        },
    )
    return context
