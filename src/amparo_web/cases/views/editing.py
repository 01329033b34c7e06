from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

import amparo
from amparo.cases.load import dump_case_yaml
from amparo_web.accounts.access import require_edit
from amparo_web.audit.log import record
from amparo_web.cases import documents, store
from amparo_web.cases.access import case_for, case_to_delete
from amparo_web.cases.deletion import delete_case as delete_for_good
from amparo_web.cases.forms import DocumentForm, NewCaseForm
from amparo_web.cases.models import Case


@require_http_methods(["GET", "POST"])
def new_case(request: HttpRequest) -> HttpResponse:
    member = require_edit(request)
    form = NewCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference, pseudonym = (
            form.cleaned_data["reference"],
            form.cleaned_data["pseudonym"],
        )
        case, problems = documents.validate(
            documents.starter(reference, pseudonym), "new"
        )
        if case is None:
            for problem in problems:
                form.add_error("reference", problem.message)
        elif Case.objects.filter(
            organization=member.organization, reference=reference
        ).exists():
            form.add_error("reference", _("A case with this reference already exists."))
        else:
            row = store.new_row(member.organization)
            row.created_by = request.user  # type: ignore[assignment]
            store.write(row, dump_case_yaml(case), case)
            row.save()
            record(member, "case.created", row)
            return redirect("intake:start", pk=row.pk)
    return render(request, "cases/new.html", {"form": form})


@require_http_methods(["GET", "POST"])
def edit_case(request: HttpRequest, pk: int) -> HttpResponse:
    member, row = case_for(request, pk, write=True)
    text = store.read_text(row)
    form = DocumentForm(
        request.POST or None, request.FILES or None, initial={"text": text}
    )
    problems: list[amparo.Problem] = []
    if request.method == "POST" and form.is_valid():
        new_text = form.cleaned_data["text"]
        case, problems = documents.validate(new_text, f"{row.reference}.yaml")
        if case is not None:
            if case.id != row.reference and _taken(row, case.id):
                form.add_error(
                    None,
                    _("Another case already has the reference %(ref)s.")
                    % {"ref": case.id},
                )
            else:
                store.write(row, new_text, case)
                row.save()
                record(member, "case.changed", row, how="document")
                messages.success(request, _("Case saved."))
                return redirect("cases:detail", pk=row.pk)
    return render(
        request, "cases/edit.html", {"form": form, "case": row, "problems": problems}
    )


def _taken(row: Case, reference: str) -> bool:
    return (
        Case.objects.filter(organization=row.organization, reference=reference)
        .exclude(pk=row.pk)
        .exists()
    )


@require_http_methods(["GET", "POST"])
def delete_case(request: HttpRequest, pk: int) -> HttpResponse:
    member, row = case_to_delete(request, pk)
    if request.method == "POST":
        # The case's vault secret is destroyed with it: no backup can be read for it.
        delete_for_good(row, member)
        messages.success(request, _("Case deleted for good."))
        return redirect("cases:list")
    return render(request, "cases/delete.html", {"case": row})


@require_http_methods(["GET", "POST"])
def close_case(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a case: the organization's retention period starts counting today."""
    member, row = case_for(request, pk, write=True)
    if request.method == "POST" and row.closed_on is None:
        with transaction.atomic():
            row.closed_on = timezone.localdate()
            row.save(update_fields=["closed_on", "updated_at"])
            record(member, "case.closed", row, closed_on=row.closed_on.isoformat())
        messages.success(request, _("Case closed."))
    return redirect("cases:detail", pk=row.pk)


@require_http_methods(["GET", "POST"])
def reopen_case(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a closed case: it is no longer subject to the retention period."""
    member, row = case_for(request, pk, write=True)
    if request.method == "POST" and row.closed_on is not None:
        with transaction.atomic():
            closed_on, row.closed_on = row.closed_on, None
            row.save(update_fields=["closed_on", "updated_at"])
            record(member, "case.reopened", row, closed_on=closed_on.isoformat())
        messages.success(request, _("Case reopened."))
    return redirect("cases:detail", pk=row.pk)
