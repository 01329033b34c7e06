"""``amparo assess`` without loading the CLI framework, for the plain calls.

Loading typer (and, through it, pydantic's type adapters for every parameter)
costs about a sixth of a whole ``amparo assess`` run. The calls people and
scripts make — case files with ``--framework``/``-f``, ``--lang``, ``--json``,
``--on`` — are read here and run through the same code as the ``assess``
command (:func:`amparo.cli.assess_output.assess_output`). Anything this reader
is not sure of returns ``False`` untouched, and the full CLI takes the call:
help, other commands, options it does not know, a bad value, no case file. So
every message about the command line still comes from the one CLI; this path
only ever runs calls that the CLI itself would run the same way
(``tests/cli/test_quick.py`` checks that it reads each option as the CLI does).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

LANGS = ("en", "es")


def parse_assess(args: list[str]) -> dict[str, object] | None:
    """The arguments of a plain ``amparo assess`` call, or None to leave it to the CLI."""
    if not args or args[0] != "assess":
        return None
    cases: list[Path] = []
    found: dict[str, object] = {
        "framework": "protection-first",
        "lang": "en",
        "as_json": False,
        "on": None,
    }
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--":
            cases.extend(Path(a) for a in rest)
            break
        if not arg.startswith("-") or arg == "-":
            cases.append(Path(arg))
            continue
        name, has_value, value = arg.partition("=")
        if name == "--json" and not has_value:
            found["as_json"] = True
            continue
        if name not in ("--framework", "-f", "--lang", "--on"):
            return None  # --help, an option this reader does not know: the CLI says
        if name == "-f" and has_value:
            return None  # click would read "-f=x" as the value "=x"
        if not has_value:
            value = next(rest, "")
            if not value or value.startswith("-"):
                return None
        if name == "--lang":
            if value not in LANGS:
                return None
            found["lang"] = value
        elif name == "--on":
            try:
                found["on"] = dt.datetime.strptime(value, "%Y-%m-%d").date()
            except ValueError:
                return None
        else:
            found["framework"] = value
    if not cases:
        return None
    found["cases"] = cases
    return found


def run_quick(args: list[str]) -> bool:
    """Run a plain ``amparo assess`` call; False when the full CLI should take it."""
    parsed = parse_assess(args)
    if parsed is None:
        return False
    from amparo.cli.assess_output import assess_output

    sys.stdout.write(assess_output(**parsed))  # type: ignore[arg-type]
    sys.stdout.flush()
    return True
