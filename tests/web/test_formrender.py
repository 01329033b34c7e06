"""The Python-written widgets (lib/formrender.py) give Django's templates' HTML, byte for byte."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from amparo_web.intake.forms import StepForm
from amparo_web.intake.steps import steps
from amparo_web.lib.formrender import FAST, FastWidgetRenderer

pytestmark = pytest.mark.django_db

TEMPLATES = DjangoTemplates()
FAST_RENDERER = FastWidgetRenderer()
TRICKY = [None, "", 0, 7, "a <b> & \"c\" 'd'", mark_safe("<i>safe</i>"), ("x", 1), True]


class Sample(forms.Form):
    text = forms.CharField(label="Text <label>", help_text="h")
    number = forms.IntegerField(label=gettext_lazy("Number"), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    check = forms.BooleanField(required=False)
    area = forms.CharField(widget=forms.Textarea({"rows": 3}), required=False)
    choice = forms.ChoiceField(
        choices=[("", "Unknown"), ("a", "A & B"), ("b", mark_safe("<b>B</b>"))],
        required=False,
    )
    grouped = forms.ChoiceField(
        choices=[("G <1>", [(1, "one"), (2, "two")]), (3, "three")],
        required=False,
    )
    radio = forms.ChoiceField(
        choices=[("", "Unknown"), ("yes", "Yes")],
        widget=forms.RadioSelect(attrs={"class": "c<"}),
        required=False,
    )
    radio_grouped = forms.ChoiceField(
        choices=[("Group", [("x", "X")]), ("y", "Y")],
        widget=forms.RadioSelect,
        required=False,
    )
    many = forms.MultipleChoiceField(
        choices=[("p", "P"), ("q", "Q")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _html(form: forms.Form) -> list[str]:
    out = []
    for field in form:
        out.append(str(field))
        out.append(str(field.label_tag()))
        out.append(str(field.label_tag(attrs={"class": "x", "data-on": True})))
    return out


def _both(**kw: Any) -> tuple[list[str], list[str]]:
    return (
        _html(Sample(renderer=TEMPLATES, **kw)),
        _html(Sample(renderer=FAST_RENDERER, **kw)),
    )


@pytest.mark.parametrize("value", TRICKY)
def test_widgets_as_the_templates_render_them(value: Any) -> None:
    names = [name for name in Sample.base_fields]
    expected, got = _both(initial=dict.fromkeys(names, value))
    assert got == expected
    expected, got = _both(data=dict.fromkeys(names, value or ""))
    assert got == expected
    expected, got = _both(auto_id=False, initial=dict.fromkeys(names, value))
    assert got == expected


def test_every_intake_step_as_the_templates_render_it() -> None:
    doc: dict[str, Any] = {}
    for lang in ("en", "es"):
        with override(lang):
            for step in steps():
                kw = {"step": step, "data_doc": doc, "lang": lang, "first": set()}
                assert _step_html(StepForm(renderer=FAST_RENDERER, **kw)) == (
                    _step_html(StepForm(renderer=TEMPLATES, **kw))
                )


def _step_html(form: StepForm) -> list[str]:
    out = _html(form)
    for formset in form.formsets.values():
        formset.renderer = form.renderer
        out.append(str(formset.management_form))
        for row in formset:
            out.extend(_html(row))
    return out


def test_only_djangos_own_templates_are_replaced() -> None:
    assert FAST_RENDERER.fast is FAST
