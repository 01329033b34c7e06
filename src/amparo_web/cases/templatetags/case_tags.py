"""Filters for the assessment page's small repeated pieces: the same HTML as an
``{% include %}`` of a template, at a fraction of its cost inside loops."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


def _esc(value: Any) -> str:
    """``conditional_escape``, without its lazy-argument wrapper for a plain ``str``
    (the common case here; the same text as Django's ``escape``)."""
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(value)


def _trusted(text: str) -> SafeString:
    """HTML made in this module, where every value in it went through :func:`_esc`
    (or is a filter's own safe output)."""
    return mark_safe(text)  # nosec B308, B703


@register.filter
def verdict(value: object) -> SafeString:
    """True, False or unknown, as a labelled badge."""
    if value is True:
        return _trusted(f'<span class="v yes">{_esc(gettext("yes"))}</span>')
    if value is False:
        return _trusted(f'<span class="v no">{_esc(gettext("no"))}</span>')
    return _trusted(f'<span class="v unknown">{_esc(gettext("unknown"))}</span>')


@register.filter
def citations(items: Iterable[dict[str, Any]] | None) -> SafeString:
    """Each citation: where, the quote if any, and whether it is unconfirmed."""
    return _trusted(
        "".join(
            '<span class="cite">{}{}{}</span>'.format(
                _esc(c.get("at", "")),
                f": “{_esc(c['quote'])}”" if c.get("quote") else "",
                " (unconfirmed)" if c.get("confidence") == "unconfirmed" else "",
            )
            for c in items or ()
        )
    )


@register.filter
def fact_items(facts: Iterable[tuple[str, str]] | None) -> SafeString:
    """The facts behind a factor, one list item each: ``label: value``."""
    return _trusted("".join(_fact(fact) for fact in facts or ()))


def _fact(fact: Any) -> str:
    if isinstance(fact, tuple | list) and len(fact) == 2:
        return f"<li>{_esc(fact[0])}: {_esc(fact[1])}</li>"
    return format_html_join("", "<li>{}: {}</li>", [fact])  # as it always was


@register.filter
def held_categories(categories: Mapping[str, list[str]] | None) -> SafeString:
    """Each category that holds in a framework, with the factors that make it hold."""
    return format_html_join(
        "",
        "<div><strong>{}</strong>: {}</div>",
        (
            (name, ", ".join(map(str, ids)))
            for name, ids in (categories or {}).items()
            if ids
        ),
    )


@register.filter
def category_tree(categories: Iterable[Mapping[str, Any]] | None) -> SafeString:
    """The explanation's tree: each category, open if it holds, with its factors,
    their facts and citations. One call for what was a template's two nested loops
    (the same HTML, whitespace included)."""
    out: list[str] = []
    for cat in categories or ():
        value = cat.get("value", "")
        out.append(
            "\n  <li><details{}><summary>{} <strong>{}</strong></summary>\n    <ul>".format(
                " open" if value is True else "",
                verdict(value),
                _shown(cat.get("label", "")),
            )
        )
        for f in cat.get("factors") or ():
            out.append(
                '\n      <li>{} {} <span class="role">({})</span>\n'
                '        <ul class="facts">{}</ul>\n'
                '        <p class="cites">{}</p>\n      </li>'.format(
                    verdict(f.get("value", "")),
                    _shown(f.get("label", "")),
                    _shown(f.get("role", "")),
                    fact_items(f.get("facts_shown") or ()),
                    citations(f.get("citation") or ()),
                )
            )
        out.append("\n    </ul></details></li>\n")
    return _trusted("".join(out))


def _shown(value: object) -> str:
    """``{{ value }}`` in an autoescaping template."""
    if type(value) is str:
        return html.escape(value)
    value = localize(value)
    return conditional_escape(value if isinstance(value, str) else str(value))
