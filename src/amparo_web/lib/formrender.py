"""Django's form renderer, with the few widget templates every form of the app uses
written out in Python: the same HTML, byte for byte, at a fraction of the cost of
rendering a template (and the templates it includes) for each field and option.

The guided intake renders a dozen widgets a page, each through two to four nested
templates; this renderer produces each widget's HTML with one function. Only a
template that is Django's own built-in one is replaced (an app overriding it keeps its
template), and anything else (forms, formsets, error lists, other widgets) goes to the
templates as before. tests/web/test_formrender.py checks the output against Django's.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import django.forms
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.template import TemplateDoesNotExist
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]

BUILTIN = Path(django.forms.__file__).resolve().parent / "templates"
WIDGETS = "django/forms/widgets/"


def _text(value: Any) -> str:
    """``{{ value }}`` in an autoescaping template."""
    if type(value) is str:
        return html.escape(value)  # what Django's escape() gives, without its wrapper
    value = localize(template_localtime(value))
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}`` in an autoescaping template."""
    raw = str(value) if isinstance(value, tuple) else value
    try:
        out = "%s" % raw  # noqa: UP031 (stringformat's own formatting)
    except (ValueError, TypeError):
        out = ""
    if isinstance(value, SafeData):
        return out  # stringformat is is_safe: safe in, safe out
    return html.escape(out)


def _attrs(attrs: Mapping[str, Any] | None) -> str:
    """``django/forms/widgets/attrs.html`` (and ``django/forms/attrs.html``)."""
    if not attrs:
        return ""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(w: Mapping[str, Any]) -> str:
    """``django/forms/widgets/input.html``, with its closing newline."""
    value = w["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{_text(w["type"])}" name="{_text(w["name"])}"'
        f"{shown}{_attrs(w['attrs'])}>\n"
    )


def _input_option(w: Mapping[str, Any]) -> str:
    """``radio_option.html`` / ``checkbox_option.html`` (``input_option.html`` and a newline)."""
    if not w["wrap_label"]:
        return _input(w) + "\n\n"
    id_ = w["attrs"].get("id")
    label_for = f' for="{_text(id_)}"' if id_ else ""
    return f"<label{label_for}>{_input(w)} {_text(w['label'])}</label>\n\n"


def _select_option(w: Mapping[str, Any]) -> str:
    return (
        f'<option value="{_formatted(w["value"])}"{_attrs(w["attrs"])}>'
        f"{_text(w['label'])}</option>\n"
    )


OPTIONS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    WIDGETS + "radio_option.html": _input_option,
    WIDGETS + "checkbox_option.html": _input_option,
    WIDGETS + "select_option.html": _select_option,
}


class _Unknown(Exception):
    """An option template this module does not write out: use the templates."""


def _option(option: Mapping[str, Any]) -> str:
    write = OPTIONS.get(option["template_name"])
    if write is None:
        raise _Unknown
    return write(option)


def _multiple_input(w: Mapping[str, Any]) -> str:
    """``radio.html`` / ``checkbox_select.html`` (``multiple_input.html``), stripped."""
    id_ = w["attrs"].get("id")
    css = w["attrs"].get("class")
    out = ["<div"]
    if id_:
        out.append(f' id="{_text(id_)}"')
    if css:
        out.append(f' class="{_text(css)}"')
    out.append(">")
    for group, options, _index in w["optgroups"]:
        if group:
            out.append(f"\n  <div><label>{_text(group)}</label>")
        out.extend(f"<div>\n    {_option(o)}</div>" for o in options)
        if group:
            out.append("\n  </div>")
    out.append("\n</div>")
    return "".join(out)


def _select(w: Mapping[str, Any]) -> str:
    """``select.html``, stripped."""
    out = [f'<select name="{_text(w["name"])}"{_attrs(w["attrs"])}>']
    for group, options, _index in w["optgroups"]:
        if group:
            out.append(f'\n  <optgroup label="{_text(group)}">')
        out.extend(f"\n  {_option(o)}" for o in options)
        if group:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def _textarea(w: Mapping[str, Any]) -> str:
    value = _text(w["value"]) if w["value"] else ""
    return (
        f'<textarea name="{_text(w["name"])}"{_attrs(w["attrs"])}>\n{value}</textarea>'
    )


def _widget(write: Callable[[Mapping[str, Any]], str]) -> Callable[[Any], str]:
    return lambda context: write(context["widget"]).strip()


def _label(context: Mapping[str, Any]) -> str:
    """``django/forms/label.html``, stripped."""
    if not context["use_tag"]:
        return _text(context["label"]).strip()
    tag = _text(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_text(context['label'])}</{tag}>"


# Each template here includes only the templates its function writes out.
FAST: dict[str, Callable[[Any], str]] = {
    **{
        WIDGETS + name: _widget(_input)
        for name in ("text.html", "number.html", "hidden.html", "checkbox.html")
    },
    WIDGETS + "radio.html": _widget(_multiple_input),
    WIDGETS + "checkbox_select.html": _widget(_multiple_input),
    WIDGETS + "select.html": _widget(_select),
    WIDGETS + "textarea.html": _widget(_textarea),
    "django/forms/label.html": _label,
}
# The templates the functions stand for: each must be Django's own to be replaced.
INCLUDED = (
    *FAST,
    *OPTIONS,
    WIDGETS + "input.html",
    WIDGETS + "attrs.html",
    WIDGETS + "input_option.html",
    WIDGETS + "multiple_input.html",
    "django/forms/attrs.html",
)


class FastWidgetRenderer(DjangoTemplates):
    """``DjangoTemplates``, with :data:`FAST` written out in Python."""

    @cached_property
    def fast(self) -> dict[str, Callable[[Any], str]]:
        if not all(self._builtin(name) for name in INCLUDED):
            return {}  # an app overrides one of them: its templates, as they are
        return FAST

    def _builtin(self, name: str) -> bool:
        try:
            found_template = self.get_template(name)
        except TemplateDoesNotExist:
            return False
        origin = getattr(found_template, "origin", None)
        found = getattr(origin, "name", None)
        return found is not None and Path(found).resolve().is_relative_to(BUILTIN)

    def render(
        self,
        template_name: str,
        context: dict[str, Any],
        request: HttpRequest | None = None,
    ) -> str:
        write = self.fast.get(template_name)
        if write is not None:
            try:
                return write(context)
            except _Unknown:
                pass
        return super().render(template_name, context, request)
