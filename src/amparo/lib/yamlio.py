"""Reading the project's own YAML files (frameworks, parameters, the catalogue).

These are files we ship, so a plain load is enough; case documents, which people
write, go through :mod:`amparo.cases.load` for line numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from amparo.lib import diskcache

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """Load one YAML file with the fastest safe loader available (kept on disk
    between runs while the file is unchanged: :mod:`amparo.lib.diskcache`)."""
    return diskcache.parsed(path, _load)


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        # A safe loader (CSafeLoader or SafeLoader) that bandit cannot see through.
        return yaml.load(handle, Loader=_Loader)  # nosec B506
