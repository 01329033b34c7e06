"""Filters for the assessment page's small repeated pieces: the same HTML as an
``{% include %}`` of a template, at a fraction of its cost inside loops."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()


@register.filter
def verdict(value: object) -> SafeString:
    """True, False or unknown, as a labelled badge."""
    if value is True:
        return format_html('<span class="v yes">{}</span>', gettext("yes"))
    if value is False:
        return format_html('<span class="v no">{}</span>', gettext("no"))
    return format_html('<span class="v unknown">{}</span>', gettext("unknown"))


@register.filter
def citations(items: Iterable[dict[str, Any]] | None) -> SafeString:
    """Each citation: where, the quote if any, and whether it is unconfirmed."""
    return format_html_join(
        "",
        '<span class="cite">{}{}{}</span>',
        (
            (
                c.get("at", ""),
                format_html(": “{}”", c["quote"]) if c.get("quote") else "",
                " (unconfirmed)" if c.get("confidence") == "unconfirmed" else "",
            )
            for c in items or ()
        ),
    )


@register.filter
def fact_items(facts: Iterable[tuple[str, str]] | None) -> SafeString:
    """The facts behind a factor, one list item each: ``label: value``."""
    return format_html_join("", "<li>{}: {}</li>", facts or ())


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
