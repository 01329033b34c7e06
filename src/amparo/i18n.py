"""The core's own words in English and Spanish, and how fact values read in each.

Rule labels, reasons and questions carry their own translations in the framework
and catalogue files; this module holds the few words that frame them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

LANGUAGES = ("en", "es")

_WORDS: dict[str, dict[str, str]] = {
    "yes": {"en": "yes", "es": "sí"},
    "no": {"en": "no", "es": "no"},
    "unknown": {"en": "unknown", "es": "desconocido"},
    "outcome": {"en": "Outcome", "es": "Resultado"},
    "framework": {"en": "Framework", "es": "Marco"},
    "case": {"en": "Case", "es": "Caso"},
    "assessed_on": {"en": "assessed as of", "es": "evaluado al"},
    "not_weighed": {
        "en": "Not weighed against the person",
        "es": "No se sopesa en contra de la persona",
    },
    "holistic": {
        "en": "For the holistic review (not a bar)",
        "es": "Para la revisión integral (no es un impedimento)",
    },
    "questions": {
        "en": "Questions that could change the outcome",
        "es": "Preguntas que podrían cambiar el resultado",
    },
    "further_questions": {
        "en": "Questions that could add grounds",
        "es": "Preguntas que podrían sumar fundamentos",
    },
    "no_questions": {
        "en": "none: no unknown fact can change the outcome",
        "es": "ninguna: ningún hecho desconocido puede cambiar el resultado",
    },
    "because": {"en": "because", "es": "porque"},
    "param": {"en": "parameter", "es": "parámetro"},
    "reading": {"en": "the project's reading", "es": "lectura del proyecto"},
    "not_in_force": {
        "en": "Not in force on this date",
        "es": "No vigente en esta fecha",
    },
    "unconfirmed": {"en": "unconfirmed", "es": "sin confirmar"},
    "awaits": {
        "en": "Awaits a determination the record cannot make",
        "es": "Depende de una determinación que el expediente no puede hacer",
    },
    "mitigating_found": {
        "en": "mitigating factors found",
        "es": "factores atenuantes presentes",
    },
    "aggravating_found": {
        "en": "aggravating factors found",
        "es": "factores agravantes presentes",
    },
    "to_find_out": {"en": "still to find out", "es": "por averiguar"},
    "none": {"en": "none", "es": "ninguno"},
    "only_if": {"en": "holds only if", "es": "se cumple solo si"},
    "years": {"en": "years", "es": "años"},
    "between": {"en": "between {lo} and {hi}", "es": "entre {lo} y {hi}"},
    "and_more": {"en": "and {n} more", "es": "y {n} más"},
}


def word(key: str, lang: str) -> str:
    entry = _WORDS[key]
    return entry.get(lang) or entry["en"]


def pick(text: Any, lang: str) -> str:
    """The ``lang`` version of a ``{en, es}`` mapping (English if missing)."""
    if isinstance(text, str):
        return text
    if not text:
        return ""
    return str(text.get(lang) or text.get("en") or "")


def format_value(value: Any, lang: str = "en") -> str:
    """A fact value as a person reads it.

    Examples:
        >>> format_value((17, 18))
        'between 17 and 18'
        >>> format_value((dt.date(2011, 1, 1), dt.date(2011, 12, 31)), "es")
        '2011'
        >>> format_value(None, "es")
        'desconocido'
    """
    if value is None:
        return word("unknown", lang)
    if value is True:
        return word("yes", lang)
    if value is False:
        return word("no", lang)
    if isinstance(value, tuple):
        lo, hi = value
        if lo == hi:
            return format_value(lo, lang)
        if isinstance(lo, dt.date):
            partial = _as_partial_date(lo, hi)
            if partial:
                return partial
        return word("between", lang).format(
            lo=format_value(lo, lang), hi=format_value(hi, lang)
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (frozenset, set)):
        return ", ".join(sorted(value))
    return str(value)


def _as_partial_date(lo: dt.date, hi: dt.date) -> str | None:
    if lo.year != hi.year:
        return None
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31):
        return f"{lo.year:04d}"
    last = calendar.monthrange(hi.year, hi.month)[1]
    if lo.month == hi.month and lo.day == 1 and hi.day == last:
        return f"{lo.year:04d}-{lo.month:02d}"
    return None


PLAIN_TYPES = frozenset({bool, int, float, str})  # values JSON takes as they are


def json_value(value: Any) -> Any:
    """A fact value for JSON: exact values plain, spans as ``{min, max}``, dates ISO."""
    if value is None or type(value) in PLAIN_TYPES:
        return value
    if isinstance(value, tuple):
        lo, hi = (json_value(v) for v in value)
        return lo if lo == hi else {"min": lo, "max": hi}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (frozenset, set)):
        return sorted(value)
    return value
