"""What ``amparo assess`` prints, without the CLI framework (see :mod:`amparo.cli.quick`)."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def assess_output(
    cases: Sequence[Path],
    framework: str,
    lang: str,
    as_json: bool,
    on: dt.date | None,
) -> str:
    """Every case assessed under ``framework`` ('official': the one in force on
    the date assessed), as text or JSON."""
    import amparo
    from amparo.cli.inputs import load_all
    from amparo.rules.registry import OFFICIAL, official_on

    loaded = load_all(cases, records=True)
    if framework != OFFICIAL:
        amparo.get_framework(framework)  # an unknown id fails before any work
    objects: list[dict[str, Any]] = []
    texts: list[str] = []
    for case in loaded:
        when = on or case.assessed_on or dt.date.today()
        found = official_on(when) if framework == OFFICIAL else None
        if found is not None and found.framework is None:
            reason = found.reason_in(lang)
            objects.append(
                {
                    "case_id": case.id,
                    "assessed_on": when.isoformat(),
                    "framework": None,
                    "outcome": "none_in_force",
                    "reason": reason,
                }
            )
            head = f"{case.id} ({when.isoformat()}): "
            texts.append(textwrap.fill(head + reason, width=100) + "\n")
            continue
        chosen = found.framework if found is not None else None
        result = amparo.assess(case, chosen or framework, when)
        if as_json:
            objects.append(amparo.to_json(result, lang))
        else:
            texts.append(amparo.to_text(result, lang))
    if as_json:
        payload = objects[0] if len(objects) == 1 else objects
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    return ("\n" + "=" * 100 + "\n\n").join(texts)
