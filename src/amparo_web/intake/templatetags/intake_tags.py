from __future__ import annotations

from django import template

from amparo_web.intake.labels import SECTION_LABELS

register = template.Library()


@register.filter
def section_label(section: str) -> str:
    return str(SECTION_LABELS.get(section, section))
