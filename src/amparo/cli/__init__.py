"""The ``amparo`` command. ``main()`` is the one error boundary of the CLI.

Commands live one group per module (:mod:`amparo.cli.commands`) and import the core
lazily. A plain ``amparo assess`` — case files and the usual options — does not
even load the CLI framework: :mod:`amparo.cli.quick` reads it and runs the same
code the ``assess`` command runs, which saves a sixth of the start-up. Anything
else (help, another command, an option it does not know, a bad value) goes to
the full CLI, so every message about the command line comes from one place.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from amparo.errors import AmparoError

# No third-party pydantic plugin (an observability hook, say) sees the case
# documents this process validates; skipping the plugin scan also starts faster.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def __getattr__(name: str) -> Any:
    if name == "app":  # the typer application, loaded when first asked for
        from amparo.cli.commands import app

        return app
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def main() -> None:
    """Run the CLI: case and framework errors print as one clear message and exit 1."""
    try:
        from amparo.cli.quick import run_quick

        if not run_quick(sys.argv[1:]):
            from amparo.cli.commands import app

            app()
    except AmparoError as e:
        if os.getenv("AMPARO_DEBUG") == "1":
            raise
        print(f"Error: {e}", file=sys.stderr)
        raise SystemExit(1) from None
    except Exception as e:  # a bug: say so plainly, and how to see the details
        if os.getenv("AMPARO_DEBUG") == "1":
            raise
        print(
            f"Internal error: {type(e).__name__}: {e}\n"
            "This is a bug in amparo, not in your input. Run again with AMPARO_DEBUG=1 "
            "to see the details, and report them.",
            file=sys.stderr,
        )
        raise SystemExit(70) from None
