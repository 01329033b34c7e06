"""One form per intake step, built from the step's questions.

Every question offers "unknown / not asked yet" and starts there when the document
says nothing: unknown is an answer, never read as "no". A list of records is asked
as rows, one small form per entry, with the fields of the list item's model (see
``steps.row_fields``); an entry's fields that a row does not show are kept as they are.
"""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext_lazy as _

from amparo.cases.model import PARTIAL_DATE_PATTERN
from amparo.facts.catalogue import catalogue
from amparo_web.intake.labels import VALUE_LABELS, field_label
from amparo_web.intake.paths import get_path, set_path
from amparo_web.intake.steps import Kind, Question, Step

UNKNOWN = ""
NONE = "none"
SOME = "some"
BOOL_CHOICES = [
    (UNKNOWN, _("Unknown / not asked yet")),
    ("yes", _("Yes")),
    ("no", _("No")),
]
LIST_CHOICES = [
    (UNKNOWN, _("Unknown / not asked yet")),
    (NONE, _("None")),
    (SOME, _("Yes, as given below")),
]
KNOWN = "__known"
MAX_BLANK = 10  # blank rows asked for at once


class RowForm(forms.Form):
    """One entry of a list of records: a field for each of the item model's fields."""

    def __init__(self, *args: Any, question: Question, lang: str, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.question = question
        for f in question.fields:
            self.fields[f.name] = _field(
                f.kind,
                field_label(f.model, f.path),
                None,
                lang,
                values=f.values,
                minimum=f.minimum,
            )

    def entry(self, base: dict[str, Any]) -> dict[str, Any]:
        """``base`` (the entry as the document has it) with this row's answers."""
        out = copy.deepcopy(base)
        for f in self.question.fields:
            set_path(out, f.path, _clean(f.kind, self.cleaned_data.get(f.name)))
        return out

    @property
    def removed(self) -> bool:
        return DELETION_FIELD_NAME in self.fields and bool(
            self[DELETION_FIELD_NAME].data
        )


class RowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if DELETION_FIELD_NAME in form.fields:
            form.fields[DELETION_FIELD_NAME].label = _("Remove entry %(n)s") % {
                "n": (index or 0) + 1
            }


def row_initial(q: Question, entry: Any) -> dict[str, Any]:
    entry = entry if isinstance(entry, dict) else {}
    return {f.name: _initial(f.kind, get_path(entry, f.path)) for f in q.fields}


class StepForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        step: Step,
        data_doc: dict[str, Any],
        lang: str,
        first: set[str],
        blank: dict[str, int] | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.step = step
        self.lang = lang
        ordered = sorted(step.questions, key=lambda q: q.path not in first)
        self.questions = ordered
        self.first = first
        # For each list of records: its entries in the document, its rows, and
        # after saving, the row each entry came from (to place the model's errors).
        self.entries: dict[str, list[Any]] = {}
        self.formsets: dict[str, RowFormSet] = {}
        self.entry_forms: dict[str, list[tuple[int, RowForm]]] = {}  # (row number, row)
        for question in ordered:
            current = get_path(data_doc, question.path)
            for name, field in _fields(question, current, lang):
                self.fields[name] = field
            if question.kind == "records":
                entries = list(current) if isinstance(current, list) else []
                self.entries[question.name] = entries
                extra = (blank or {}).get(question.name, 0 if entries else 1)
                factory = forms.formset_factory(
                    RowForm,
                    formset=RowFormSet,
                    extra=max(0, min(extra, MAX_BLANK)),
                    can_delete=True,
                )
                formset = factory(
                    self.data if self.is_bound else None,
                    prefix=question.name,
                    initial=[row_initial(question, e) for e in entries],
                    form_kwargs={"question": question, "lang": lang},
                )
                assert isinstance(formset, RowFormSet)
                self.formsets[question.name] = formset

    def rows(self) -> list[dict[str, Any]]:
        """The questions in order, each with its bound fields, for the template."""
        out = []
        for q in self.questions:
            names = [n for n in self.fields if n == q.name or n == q.name + KNOWN]
            out.append(
                {
                    "question": q,
                    "decisive": q.path in self.first,
                    "fields": [
                        self[n]
                        for n in sorted(names, key=lambda n: not n.endswith(KNOWN))
                    ],
                    "formset": self.formsets.get(q.name),
                }
            )
        return out

    def answers(self) -> dict[str, Any]:
        """Path -> value for the case document (``None``: unknown)."""
        out: dict[str, Any] = {}
        for q in self.questions:
            try:
                if q.kind == "records":
                    out[q.path] = self._records(q)
                else:
                    out[q.path] = _value(q, self.cleaned_data)
            except forms.ValidationError as e:
                self.add_error(q.name + KNOWN if q.kind == "records" else q.name, e)
        return out

    def blank_after(self, name: str) -> int:
        """Blank rows to show once the step is saved by "Add another" on list ``name``."""
        formset = self.formsets[name]
        left = sum(
            1
            for f in formset.extra_forms
            if not f.has_changed() or getattr(f, "removed", False)
        )
        return min(left + 1, MAX_BLANK)

    def row_error(self, q: Question, index: int, path: str, message: str) -> None:
        """An error of the case model in entry ``index`` (from 0) of ``q``, at ``path``."""
        rows = self.entry_forms.get(q.name, [])
        name = path.replace(".", "__")
        label = path
        number = index + 1
        if index < len(rows):
            number, row = rows[index]
            if name in row.fields:
                row.add_error(name, message)
                label = str(row.fields[name].label)
        self.add_error(q.name + KNOWN, _row_message(number, label, message))

    def _records(self, q: Question) -> list[dict[str, Any]] | None:
        known = self.cleaned_data.get(q.name + KNOWN) or UNKNOWN
        formset = self.formsets[q.name]
        originals = self.entries[q.name]
        if not formset.management_form.is_valid():
            if known == SOME:
                raise forms.ValidationError(
                    _("The rows of this list were not sent: open the step again.")
                )
            return None if known == UNKNOWN else []
        typed = [f for f in formset.extra_forms if f.has_changed() and not f.removed]
        if known == NONE and typed:
            raise forms.ValidationError(
                _(
                    "You answered “None” but filled in an entry: remove it, "
                    "or answer “Yes, as given below”."
                )
            )
        if known == NONE:
            return []
        if known == UNKNOWN and not typed:
            return None
        # "Yes", or entries filled in under "unknown": entries given answer "yes".
        if formset.initial_form_count() != len(originals):
            raise forms.ValidationError(
                _("This list changed since the page was opened: open the step again.")
            )
        entries: list[dict[str, Any]] = []
        rows: list[tuple[int, RowForm]] = []
        errors: list[str] = []
        for i, form in enumerate(formset.forms):
            if form.removed:
                continue
            if i >= len(originals) and not form.has_changed():
                continue  # a blank row
            if not form.is_valid():
                for name, errs in form.errors.items():
                    label = form.fields[name].label if name in form.fields else ""
                    errors.extend(
                        _row_message(i + 1, str(label or ""), str(e)) for e in errs
                    )
                continue
            original = originals[i] if i < len(originals) else {}
            entries.append(form.entry(original if isinstance(original, dict) else {}))
            rows.append((i + 1, form))
        if errors:
            raise forms.ValidationError(errors)
        if not entries:
            raise forms.ValidationError(
                _(
                    "“Yes, as given below” needs at least one entry: fill one in, "
                    "or answer “None” or “Unknown / not asked yet”."
                )
            )
        self.entry_forms[q.name] = rows
        return entries


def _row_message(n: int, label: str, message: str) -> str:
    if not label:
        return str(_("Entry %(n)s: %(error)s") % {"n": n, "error": message})
    return str(
        _("Entry %(n)s, %(field)s: %(error)s")
        % {"n": n, "field": label, "error": message}
    )


def _initial(kind: Kind, current: Any) -> Any:
    if kind == "bool":
        return UNKNOWN if current is None else ("yes" if current else "no")
    if kind == "number":
        return current
    return "" if current is None else str(current)


def _clean(kind: Kind, raw: Any) -> Any:
    if kind == "bool":
        return None if raw == UNKNOWN or raw is None else raw == "yes"
    if kind == "number":
        return raw
    return raw.strip() if isinstance(raw, str) and raw.strip() else None


def _field(
    kind: Kind,
    label: str,
    current: Any,
    lang: str,
    *,
    values: tuple[str, ...] = (),
    minimum: int | None = 0,
) -> forms.Field:
    """The field for one simple answer; blank (or the unknown choice) is unknown."""
    initial = _initial(kind, current)
    if kind == "bool":
        return forms.ChoiceField(
            label=label,
            choices=BOOL_CHOICES,
            required=False,
            widget=forms.RadioSelect,
            initial=initial,
        )
    if kind == "choice":
        return forms.ChoiceField(
            label=label,
            choices=[(UNKNOWN, _("Unknown / not asked yet")), *_labelled(values, lang)],
            required=False,
            initial=initial,
        )
    if kind == "date":
        return forms.CharField(
            label=label,
            required=False,
            initial=initial,
            validators=[
                RegexValidator(
                    PARTIAL_DATE_PATTERN,
                    _("Write a date as 2014, 2014-05 or 2014-05-01."),
                )
            ],
            help_text=_(
                "2014, 2014-05 or 2014-05-01. Leave blank for unknown / not asked yet."
            ),
        )
    if kind == "number":
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=minimum,
            initial=initial,
            help_text=_("Leave blank for unknown / not asked yet."),
        )
    return forms.CharField(
        label=label,
        required=False,
        initial=initial,
        help_text=_("Leave blank for unknown / not asked yet."),
    )


def _fields(q: Question, current: Any, lang: str) -> list[tuple[str, forms.Field]]:
    label = q.ask.get(lang) or q.ask["en"]
    if q.kind in ("bool", "choice", "date", "number", "text"):
        return [(q.name, _field(q.kind, label, current, lang, values=q.values))]
    known = UNKNOWN if current is None else (NONE if current == [] else SOME)
    known_field = forms.ChoiceField(
        label=label,
        choices=LIST_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        initial=known,
    )
    if q.kind == "records":
        return [(q.name + KNOWN, known_field)]  # the entries are rows: a formset
    if q.kind == "choices":
        detail: forms.Field = forms.MultipleChoiceField(
            label=_("Which"),
            choices=_labelled(q.values, lang),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=current or [],
        )
    else:
        detail = forms.CharField(
            label=_("One per line"),
            required=False,
            widget=forms.Textarea({"rows": 3}),
            initial="\n".join(current or []),
        )
    return [(q.name + KNOWN, known_field), (q.name, detail)]


def _labelled(values: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    enums = catalogue().enums
    for labels in enums.values():
        if set(labels) == set(values):
            return [(v, labels[v].get(lang) or labels[v]["en"]) for v in values]
    return [(v, str(VALUE_LABELS.get(v) or v.replace("_", " "))) for v in values]


def _value(q: Question, data: dict[str, Any]) -> Any:
    raw = data.get(q.name)
    if q.kind in ("bool", "choice", "date", "text", "number"):
        return _clean(q.kind, raw)
    known = data.get(q.name + KNOWN) or UNKNOWN
    if known == UNKNOWN:
        return None
    if known == NONE:
        return []
    if q.kind == "choices":
        return list(raw or [])
    return [line.strip() for line in (raw or "").splitlines() if line.strip()]
