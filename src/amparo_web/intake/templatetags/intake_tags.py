from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from amparo_web.intake.labels import SECTION_LABELS

register = template.Library()


@register.filter
def section_label(section: str) -> str:
    return str(SECTION_LABELS.get(section, section))


@register.simple_tag
def step_links(
    steps: Iterable[Any], current: str, pk: int, completed: Iterable[str]
) -> SafeString:
    """The steps' list items: a link to each, the current one marked, ✓ once saved."""
    done = set(completed)
    return format_html_join(
        "",
        '<li{}><a href="{}">{}</a>{}</li>',
        (
            (
                format_html(' aria-current="{}"', "step")
                if s.section == current
                else "",
                reverse("intake:step", kwargs={"pk": pk, "section": s.section}),
                section_label(s.section),
                " ✓" if s.section in done else "",
            )
            for s in steps
        ),
    )
