"""The guided intake: one step per section of the case document, saved as a draft."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

import amparo
from amparo.cases.load import case_from_data, case_to_data, dump_case_yaml
from amparo_web.audit.log import record
from amparo_web.cases import store
from amparo_web.cases.access import case_for
from amparo_web.cases.outcomes import language, outcome_label
from amparo_web.intake import drafts
from amparo_web.intake.forms import KNOWN, StepForm
from amparo_web.intake.models import IntakeDraft
from amparo_web.intake.paths import set_path
from amparo_web.intake.steps import step_named, steps


def start_intake(request: HttpRequest, pk: int) -> HttpResponse:
    _member, row = case_for(request, pk, write=True)
    draft = drafts.draft_for(row)
    section = draft.step or steps()[0].section
    return redirect("intake:step", pk=row.pk, section=section)


@require_http_methods(["GET", "POST"])
def intake_step(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    member, row = case_for(request, pk, write=True)
    step = step_named(section)
    if step is None:
        raise Http404
    draft = drafts.draft_for(row)
    data = drafts.load_data(draft)
    lang = language()
    open_questions = _open_questions(data, lang)
    first = {path for path, _text, _section in open_questions}
    form = StepForm(
        request.POST or None,
        step=step,
        data_doc=data,
        lang=lang,
        first=_asked(step, first),
        blank=_blank(request, step),
    )
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        if form.is_valid():
            for path, value in answers.items():
                set_path(data, path, value)
            try:
                case = case_from_data(data, _("intake"))
            except amparo.CaseValidationError as e:
                _attach(form, e.problems)
            else:
                drafts.save_data(draft, case_to_data(case))
                if section not in draft.completed:
                    draft.completed = [*draft.completed, section]
                following = _next(section)
                adding = request.POST.get("add", "")
                if adding not in form.formsets:
                    adding = ""
                draft.step = section if adding else (following or section)
                draft.updated_by = request.user  # type: ignore[assignment]
                draft.save()
                record(member, "case.intake_saved", row, step=section)
                here = reverse("intake:step", kwargs={"pk": row.pk, "section": section})
                if adding:
                    # Saved; the step again with one more blank row in that list.
                    blank = form.blank_after(adding)
                    saved = answers.get(
                        next(q.path for q in step.questions if q.name == adding)
                    )
                    rows = len(saved) if isinstance(saved, list) else 0
                    query = urlencode({"add": adding, "blank": blank})
                    return redirect(f"{here}?{query}#{adding}-{rows + blank - 1}")
                if following is None:
                    return redirect("intake:review", pk=row.pk)
                if "stay" in request.POST:
                    messages.success(request, _("Saved."))
                    return redirect(here)
                return redirect("intake:step", pk=row.pk, section=following)
    all_steps = steps()
    index = next(i for i, s in enumerate(all_steps) if s.section == section)
    return render(
        request,
        "intake/step.html",
        {
            "case": row,
            "pseudonym": store.read_pseudonym(row),
            "form": form,
            "step": step,
            "steps": all_steps,
            "index": index + 1,
            "total": len(all_steps),
            "completed": draft.completed,
            "open_questions": open_questions,
        },
    )


@require_http_methods(["GET", "POST"])
def review_intake(request: HttpRequest, pk: int) -> HttpResponse:
    member, row = case_for(request, pk, write=True)
    draft = drafts.draft_for(row)
    data = drafts.load_data(draft)
    case = case_from_data(data, _("intake"))
    if request.method == "POST":
        store.write(row, dump_case_yaml(case), case)
        row.save()
        draft.delete()
        record(member, "case.changed", row, how="intake")
        messages.success(request, _("The intake is saved to the case."))
        return redirect("cases:detail", pk=row.pk)
    result = amparo.assess(case)
    return render(
        request,
        "intake/review.html",
        {
            "case": row,
            "pseudonym": store.read_pseudonym(row),
            "outcome": outcome_label(result.outcome),
            "open_questions": _open_questions(data, language()),
            "steps": steps(),
            "completed": draft.completed,
            "total": len(steps()),
        },
    )


@require_POST
def discard_intake(request: HttpRequest, pk: int) -> HttpResponse:
    member, row = case_for(request, pk, write=True)
    IntakeDraft.objects.filter(case=row).delete()
    record(member, "case.intake_discarded", row)
    messages.success(request, _("The draft is discarded; the case is unchanged."))
    return redirect("cases:detail", pk=row.pk)


def _open_questions(data: dict[str, Any], lang: str) -> list[tuple[str, str, str]]:
    """(field, question, section) for each unknown that could still change the outcome."""
    try:
        case = case_from_data(data, "intake")
        questions = amparo.assess(case).questions
    except amparo.AmparoError:
        return []
    seen: dict[str, tuple[str, str, str]] = {}
    for q in questions:
        if q.field not in seen:
            seen[q.field] = (q.field, q.text(lang), q.field.split(".")[0])
    return list(seen.values())


def _asked(step: Any, fields: set[str]) -> set[str]:
    """The step's question paths that settle any of ``fields``."""
    return {
        q.path
        for q in step.questions
        if any(
            q.path == f or q.path.startswith(f + ".") or f.startswith(q.path + ".")
            for f in fields
        )
    }


def _blank(request: HttpRequest, step: Any) -> dict[str, int]:
    """Blank rows asked for by "Add another" (``?add=<list>&blank=<n>``)."""
    name = request.GET.get("add", "")
    if not any(q.name == name and q.kind == "records" for q in step.questions):
        return {}
    try:
        return {name: max(1, int(request.GET.get("blank", "1")))}
    except ValueError:
        return {name: 1}


ENTRY = re.compile(r"^(?P<list>[^\[]+)\[(?P<index>\d+)\](?:\.(?P<rest>.+))?$")


def _attach(form: StepForm, problems: list[amparo.Problem]) -> None:
    for problem in problems:
        message = f"{problem.message} {problem.hint or ''}".strip()
        entry = ENTRY.match(problem.path or "")
        if entry:
            q = next(
                (
                    q
                    for q in form.questions
                    if q.kind == "records" and q.path == entry["list"]
                ),
                None,
            )
            if q is not None:
                form.row_error(q, int(entry["index"]), entry["rest"] or "", message)
                continue
        path = (problem.path or "").split("[")[0]
        target = next(
            (
                q.name
                for q in form.questions
                if path == q.path or path.startswith(q.path + ".")
            ),
            None,
        )
        if target is not None and target not in form.fields:
            target += KNOWN
        form.add_error(target, message)


def _next(section: str) -> str | None:
    names = [s.section for s in steps()]
    i = names.index(section)
    return names[i + 1] if i + 1 < len(names) else None
