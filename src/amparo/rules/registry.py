"""The frameworks shipped with amparo: one folder each under ``amparo/frameworks``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from amparo.errors import FrameworkError, LookupFailedError
from amparo.rules.framework import Framework, load_framework

FRAMEWORKS_DIR = Path(__file__).resolve().parent.parent / "frameworks"


@cache
def framework_folders() -> dict[str, Path]:
    """Framework id (the folder's name) -> folder."""
    return {
        path.name: path
        for path in sorted(FRAMEWORKS_DIR.iterdir())
        if (path / "framework.yaml").is_file()
    }


def framework_ids() -> list[str]:
    return list(framework_folders())


@cache
def get_framework(framework_id: str) -> Framework:
    """Load (once) and return a framework by id.

    Raises:
        LookupFailedError: no framework has that id.
        FrameworkLoadError: the framework's files are wrong.
    """
    folders = framework_folders()
    if framework_id not in folders:
        known = ", ".join(folders)
        msg = f"There is no framework {framework_id!r}. Frameworks: {known}."
        raise LookupFailedError(msg)
    return load_framework(folders[framework_id], folders)


def frameworks_in_force(day: dt.date) -> list[Framework]:
    """Every framework in force on ``day``."""
    return [f for f in map(get_framework, framework_ids()) if f.in_force_on(day)]


OFFICIAL = "official"


@dataclass(frozen=True, slots=True)
class OfficialOnDay:
    """Which official enforcement framework was in force on a day, or why none was."""

    day: dt.date
    framework: Framework | None
    reasons: Mapping[str, str] = field(default_factory=dict)  # lang -> why none was

    @property
    def reason(self) -> str:
        """Why none was in force, in English (empty when one was)."""
        return self.reasons.get("en", "")

    def reason_in(self, lang: str) -> str:
        return self.reasons.get(lang) or self.reason


_NONE_IN_FORCE = {
    "gap": {
        "en": "{id} was not in force on {day}: {note}",
        "es": "{id} no estaba vigente el {day}: {note}",
    },
    "before": {
        "en": "no official framework encoded was in force on {day}; the earliest, "
        "{id}, took effect on {start}.",
        "es": "ningún marco oficial codificado estaba vigente el {day}; el primero, "
        "{id}, entró en vigor el {start}.",
    },
    "none": {
        "en": "no official framework encoded was in force on {day}.",
        "es": "ningún marco oficial codificado estaba vigente el {day}.",
    },
}


def _none(day: dt.date, kind: str, **values: object) -> OfficialOnDay:
    return OfficialOnDay(
        day,
        None,
        {
            lang: text.format(day=day, **values).strip()
            for lang, text in _NONE_IN_FORCE[kind].items()
        },
    )


def official_on(day: dt.date) -> OfficialOnDay:
    """The enforcement framework in force on ``day``: exactly one, or none and why.

    Raises:
        FrameworkError: two enforcement frameworks claim the same day (a bug in
            their in-force dates).
    """
    enforcement = [
        f for f in map(get_framework, framework_ids()) if f.official == "enforcement"
    ]
    in_force = [f for f in enforcement if f.in_force_on(day)]
    if len(in_force) > 1:
        ids = ", ".join(f.id for f in in_force)
        msg = (
            f"More than one official enforcement framework is in force on {day}: {ids}."
        )
        raise FrameworkError(msg)
    if in_force:
        return OfficialOnDay(day, in_force[0])
    for framework in enforcement:
        gap = framework.out_of_force_on(day)
        if gap is not None:
            return OfficialOnDay(
                day,
                None,
                {
                    lang: text.format(
                        id=framework.id, day=day, note=gap.note.get(lang, "")
                    ).strip()
                    for lang, text in _NONE_IN_FORCE["gap"].items()
                },
            )
    starts = sorted(p.start for f in enforcement for p in f.in_force)
    if starts and day < starts[0]:
        return _none(
            day, "before", id=_starting(enforcement, starts[0]), start=starts[0]
        )
    return _none(day, "none")


def _starting(frameworks: list[Framework], day: dt.date) -> str:
    return next(f.id for f in frameworks if any(p.start == day for p in f.in_force))


def resolve(framework_id: str, day: dt.date) -> Framework | OfficialOnDay:
    """A framework by id; ``official`` gives the enforcement framework in force on
    ``day``, or, when none was, the reason (an :class:`OfficialOnDay`)."""
    if framework_id != OFFICIAL:
        return get_framework(framework_id)
    found = official_on(day)
    return found.framework or found
