"""Import and export of case documents (YAML or JSON)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

import amparo
from amparo_web.accounts.access import require_edit
from amparo_web.audit.log import record
from amparo_web.cases import documents, store
from amparo_web.cases.access import case_for
from amparo_web.cases.forms import DocumentForm
from amparo_web.cases.models import Case


@require_http_methods(["GET", "POST"])
def import_case(request: HttpRequest) -> HttpResponse:
    """An import with any problem saves nothing and shows every problem, by field and line."""
    member = require_edit(request)
    form = DocumentForm(request.POST or None, request.FILES or None)
    problems: list[amparo.Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("upload")
        source = upload.name if upload is not None else _("pasted document")
        case, problems = documents.validate(form.cleaned_data["text"], source)
        if case is not None:
            if Case.objects.filter(
                organization=member.organization, reference=case.id
            ).exists():
                problems = [
                    amparo.Problem(
                        _("A case with the reference %(ref)s already exists.")
                        % {"ref": case.id},
                        file=source,
                        path="id",
                        hint=_("Change the id, or edit the existing case instead."),
                    )
                ]
            else:
                row = store.new_row(member.organization)
                row.created_by = request.user  # type: ignore[assignment]
                store.write(row, form.cleaned_data["text"], case)
                row.save()
                record(member, "case.imported", row)
                messages.success(request, _("Case imported."))
                return redirect("cases:detail", pk=row.pk)
    return render(request, "cases/import.html", {"form": form, "problems": problems})


def export_case(request: HttpRequest, pk: int) -> HttpResponse:
    member, row = case_for(request, pk)
    fmt = request.GET.get("as", "yaml")
    if fmt not in ("yaml", "json"):
        messages.warning(request, _("Export as YAML or JSON."))
        return redirect("cases:detail", pk=row.pk)
    text = store.read_text(row)
    case = amparo.parse_case(text, f"{row.reference}.yaml")
    body = documents.as_yaml(text, case) if fmt == "yaml" else documents.as_json(case)
    record(member, "case.exported", row, format=fmt)
    content_type = "application/yaml" if fmt == "yaml" else "application/json"
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    filename = "".join(c if c.isalnum() or c in "-_" else "_" for c in row.reference)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
