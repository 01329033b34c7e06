"""Where tests find ``../shared/data``, the real data sets beside the project.

Developers and CI have the folder; a bare clone may not. A test that needs it asks
:func:`shared_data_dir`, which skips the test where the folder is absent, except
under CI (``CI=true``), where a missing folder is a failure: CI must never pass by
skipping the checks against real data.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def shared_data_dir(sub: str) -> Path:
    """The folder ``../shared/data/<sub>``; skip the calling test if it is absent (fail under CI)."""
    path = SHARED_DATA / sub
    if path.is_dir():
        return path
    message = (
        f"../shared/data is absent: {path} not found. Check out the shared folder beside the "
        "project (see ../shared/README.md) to run this test."
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message + " Under CI the shared data is required.", pytrace=False)
    pytest.skip(message)
