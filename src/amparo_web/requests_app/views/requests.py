"""A case's requests: the list with each one's history, a new one, a state change, a file."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from amparo.documents import DocumentError, make_document, request_kinds
from amparo.documents import render as render_document
from amparo_web.audit.log import record
from amparo_web.cases import store
from amparo_web.cases.access import case_for
from amparo_web.cases.outcomes import language
from amparo_web.requests_app import changes
from amparo_web.requests_app.access import request_of
from amparo_web.requests_app.forms import AttachForm, ChangeForm, RequestForm
from amparo_web.requests_app.models import Office, PDRequest, State
from amparo_web.requests_app.states import NEXT, NOT_WEIGHED, TransitionError


def list_requests(request: HttpRequest, pk: int) -> HttpResponse:
    member, case = case_for(request, pk)
    rows = (
        PDRequest.objects.filter(case=case)
        .select_related("office")
        .prefetch_related("history__by", "files")
    )
    tags = dict(NOT_WEIGHED)
    kinds = dict(request_kinds(language()))
    items = []
    for row in rows:
        history = [
            {
                "change": change,
                "reasons": changes.reasons_of(case, change),
                "tags": [tags.get(t, t) for t in change.tags],
            }
            for change in row.history.all()
        ]
        allowed = NEXT.get(row.state, ())
        items.append(
            {
                "row": row,
                "kind": kinds.get(row.kind, row.kind),
                "history": history,
                "change_form": ChangeForm(allowed=allowed, prefix=f"r{row.pk}")
                if allowed and member.can_edit
                else None,
                "attach_form": AttachForm(prefix=f"f{row.pk}")
                if member.can_edit
                else None,
            }
        )
    record(member, "requests.viewed", case)
    return render(request, "pdrequests/list.html", {"case": case, "items": items})


def new_request(request: HttpRequest, pk: int) -> HttpResponse:
    member, case = case_for(request, pk, write=True)
    org = member.organization
    form = RequestForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        row = form.save(commit=False)
        row.case = case
        row.created_by = member.user
        changes.start(row, member.user)
        record(member, "request.created", case, request=row.pk, kind=row.kind)
        messages.success(request, _("The request is drafted."))
        return redirect("pdrequests:list", pk=case.pk)
    has_offices = Office.objects.filter(organization=org).exists()
    return render(
        request,
        "pdrequests/new.html",
        {"case": case, "form": form, "has_offices": has_offices},
    )


def change_state(request: HttpRequest, pk: int) -> HttpResponse:
    member, case = case_for(request, pk, write=True)
    if request.method != "POST":
        return redirect("pdrequests:list", pk=case.pk)
    row = request_of(case, request.POST.get("request"))
    form = ChangeForm(request.POST, allowed=tuple(State), prefix=f"r{row.pk}")
    if not form.is_valid():
        _refuse(request, form)
        return redirect("pdrequests:list", pk=case.pk)
    data = form.cleaned_data
    before = row.state
    try:
        changes.move(
            row,
            data["state"],
            data["on"],
            member.user,
            reasons=data["reasons"],
            tags=tuple(data["tags"]),
        )
    except TransitionError as e:
        messages.error(request, str(e))
        return redirect("pdrequests:list", pk=case.pk)
    # The reasons stay out of the log: they are the case's content.
    record(
        member, "request.state", case, request=row.pk, before=before, after=row.state
    )
    messages.success(request, _("The request is now “%s”.") % row.get_state_display())
    return redirect("pdrequests:list", pk=case.pk)


def attach_file(request: HttpRequest, pk: int) -> HttpResponse:
    member, case = case_for(request, pk, write=True)
    if request.method != "POST":
        return redirect("pdrequests:list", pk=case.pk)
    row = request_of(case, request.POST.get("request"))
    form = AttachForm(request.POST, request.FILES, prefix=f"f{row.pk}")
    if not form.is_valid():
        _refuse(request, form)
        return redirect("pdrequests:list", pk=case.pk)
    upload = form.cleaned_data["upload"]
    what = form.cleaned_data["generate"]
    if upload:
        name, content = upload.name or "file", upload.read()
    else:
        lang = language()
        kind = row.kind if what == "letter" else None
        try:
            document = make_document(store.read_case(case), what, kind=kind, lang=lang)
            content = render_document(document, "docx")
        except DocumentError as e:
            messages.error(request, str(e))
            return redirect("pdrequests:list", pk=case.pk)
        name = f"{case.reference}-{what}{'-' + kind if kind else ''}-{lang}.docx"
    sent = changes.attach(row, name, content, generated=not upload)
    record(member, "request.file", case, request=row.pk, sha256=sent.sha256)
    messages.success(request, _("Recorded %(name)s.") % {"name": sent.name})
    return redirect("pdrequests:list", pk=case.pk)


def _refuse(request: HttpRequest, form: forms.Form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
