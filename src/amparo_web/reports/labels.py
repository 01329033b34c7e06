"""Display names for the ids the reports count (offices are names already)."""

from __future__ import annotations

import amparo
from amparo.documents import request_kinds
from amparo_web.cases.outcomes import language
from amparo_web.requests_app.models import State
from amparo_web.requests_app.states import NOT_WEIGHED


def kinds() -> dict[str, str]:
    return dict(request_kinds(language()))


def states() -> dict[str, str]:
    return {s.value: str(s.label) for s in State}


def tags() -> dict[str, str]:
    return {k: str(v) for k, v in NOT_WEIGHED}


def categories() -> dict[str, str]:
    lang = language()
    framework = amparo.get_framework(amparo.DEFAULT_FRAMEWORK)
    return {c.id: c.label.get(lang) or c.label["en"] for c in framework.categories}


def factors() -> dict[str, str]:
    lang = language()
    framework = amparo.get_framework(amparo.DEFAULT_FRAMEWORK)
    return {f.id: f.label.get(lang) or f.label["en"] for f in framework.factors}
