"""The frameworks shipped with amparo: one folder each under ``amparo/frameworks``."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from amparo.errors import LookupFailedError
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
