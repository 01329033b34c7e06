from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
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
                step_url(pk, s.section),
                section_label(s.section),
                " ✓" if s.section in done else "",
            )
            for s in steps
        ),
    )


SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")


@register.simple_tag
def step_url(pk: int, section: str) -> str:
    """``{% url 'intake:step' pk section %}``, reversed once per case, not per step."""
    if not SLUG.match(str(section)):
        return reverse("intake:step", kwargs={"pk": pk, "section": section})
    return _step_prefix(int(pk), get_script_prefix(), get_urlconf()) + f"{section}/"


@lru_cache(maxsize=256)
def _step_prefix(pk: int, script_prefix: str, urlconf: Any) -> str:
    """The intake's step URLs of case ``pk`` up to the section (script prefix and
    URLconf in the key: the ones ``reverse`` reads)."""
    url = reverse("intake:step", kwargs={"pk": pk, "section": "s"})
    assert url.endswith("/s/")
    return url[: -len("s/")]
