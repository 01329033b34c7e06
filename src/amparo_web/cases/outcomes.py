from __future__ import annotations

from django.utils.translation import get_language

import amparo


def outcome_label(outcome: str) -> str:
    if not outcome:
        return ""
    lang = "es" if (get_language() or "en").startswith("es") else "en"
    return amparo.get_framework(amparo.DEFAULT_FRAMEWORK).outcome_label(outcome, lang)


def language() -> str:
    """The core's language code for the active Django language."""
    return "es" if (get_language() or "en").startswith("es") else "en"
