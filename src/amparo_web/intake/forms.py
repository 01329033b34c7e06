"""One form per intake step, built from the step's questions.

Every question offers "unknown / not asked yet" and starts there when the document
says nothing: unknown is an answer, never read as "no".
"""

from __future__ import annotations

from typing import Any

import yaml
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from amparo.cases.model import PARTIAL_DATE_PATTERN
from amparo.facts.catalogue import catalogue
from amparo_web.intake.paths import get_path
from amparo_web.intake.steps import Question, Step

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


class StepForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        step: Step,
        data_doc: dict[str, Any],
        lang: str,
        first: set[str],
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.step = step
        self.lang = lang
        ordered = sorted(step.questions, key=lambda q: q.path not in first)
        self.questions = ordered
        self.first = first
        for question in ordered:
            for name, field in _fields(
                question, get_path(data_doc, question.path), lang
            ):
                self.fields[name] = field

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
                }
            )
        return out

    def answers(self) -> dict[str, Any]:
        """Path -> value for the case document (``None``: unknown)."""
        out: dict[str, Any] = {}
        for q in self.questions:
            try:
                out[q.path] = _value(q, self.cleaned_data)
            except forms.ValidationError as e:
                self.add_error(q.name, e)
        return out


def _fields(q: Question, current: Any, lang: str) -> list[tuple[str, forms.Field]]:
    label = q.ask.get(lang) or q.ask["en"]
    if q.kind == "bool":
        initial = UNKNOWN if current is None else ("yes" if current else "no")
        return [
            (
                q.name,
                forms.ChoiceField(
                    label=label,
                    choices=BOOL_CHOICES,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=initial,
                ),
            )
        ]
    if q.kind == "choice":
        choices = [(UNKNOWN, _("Unknown / not asked yet")), *_labelled(q.values, lang)]
        return [
            (
                q.name,
                forms.ChoiceField(
                    label=label,
                    choices=choices,
                    required=False,
                    initial=current or UNKNOWN,
                ),
            )
        ]
    if q.kind == "date":
        return [
            (
                q.name,
                forms.CharField(
                    label=label,
                    required=False,
                    initial=current or "",
                    validators=[
                        RegexValidator(
                            PARTIAL_DATE_PATTERN,
                            _("Write a date as 2014, 2014-05 or 2014-05-01."),
                        )
                    ],
                    help_text=_(
                        "2014, 2014-05 or 2014-05-01. Leave blank for unknown / not asked yet."
                    ),
                ),
            )
        ]
    if q.kind == "number":
        return [
            (
                q.name,
                forms.IntegerField(
                    label=label,
                    required=False,
                    min_value=0,
                    initial=current,
                    help_text=_("Leave blank for unknown / not asked yet."),
                ),
            )
        ]
    if q.kind == "text":
        return [
            (
                q.name,
                forms.CharField(
                    label=label,
                    required=False,
                    initial=current or "",
                    help_text=_("Leave blank for unknown / not asked yet."),
                ),
            )
        ]
    known = UNKNOWN if current is None else (NONE if current == [] else SOME)
    known_field = forms.ChoiceField(
        label=label,
        choices=LIST_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        initial=known,
    )
    if q.kind == "choices":
        detail: forms.Field = forms.MultipleChoiceField(
            label=_("Which"),
            choices=_labelled(q.values, lang),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=current or [],
        )
    elif q.kind == "lines":
        detail = forms.CharField(
            label=_("One per line"),
            required=False,
            widget=forms.Textarea({"rows": 3}),
            initial="\n".join(current or []),
        )
    else:
        detail = forms.CharField(
            label=_("Entries (YAML list, one item per '-')"),
            required=False,
            widget=forms.Textarea({"rows": 6, "class": "code", "spellcheck": "false"}),
            initial=yaml.safe_dump(current, sort_keys=False, allow_unicode=True)
            if current
            else "",
            help_text=_(
                "The fields of each entry are those of the case document format."
            ),
        )
    return [(q.name + KNOWN, known_field), (q.name, detail)]


def _labelled(values: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    enums = catalogue().enums
    for labels in enums.values():
        if set(labels) == set(values):
            return [(v, labels[v].get(lang) or labels[v]["en"]) for v in values]
    return [(v, v.replace("_", " ")) for v in values]


def _value(q: Question, data: dict[str, Any]) -> Any:
    raw = data.get(q.name)
    if q.kind == "bool":
        return None if raw == UNKNOWN or raw is None else raw == "yes"
    if q.kind in ("choice", "date", "text"):
        return raw.strip() if isinstance(raw, str) and raw.strip() else None
    if q.kind == "number":
        return raw
    known = data.get(q.name + KNOWN) or UNKNOWN
    if known == UNKNOWN:
        return None
    if known == NONE:
        return []
    if q.kind == "choices":
        return list(raw or [])
    if q.kind == "lines":
        return [line.strip() for line in (raw or "").splitlines() if line.strip()]
    try:
        entries = yaml.safe_load(raw or "") or []
    except yaml.YAMLError as e:
        raise forms.ValidationError(
            _("This is not valid YAML: %(error)s"), params={"error": e}
        ) from e
    if not isinstance(entries, list):
        raise forms.ValidationError(_("Give a list: each entry starts with '- '."))
    return entries
