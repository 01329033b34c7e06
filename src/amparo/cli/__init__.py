"""The ``amparo`` command. ``main()`` is the one error boundary of the CLI.

Commands live one group per module and import the core lazily, so that
``amparo assess`` starts fast.
"""

from __future__ import annotations

import os
import sys

import typer

from amparo.errors import AmparoError

# No third-party pydantic plugin (an observability hook, say) sees the case
# documents this process validates; skipping the plugin scan also starts faster.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Protection-first prosecutorial discretion: assess a case, see why, with citations.",
)


def _register() -> None:
    from amparo.cli import (
        assess,
        audit,
        backup,
        cases,
        cohort,
        compare,
        documents,
        frameworks,
        retention,
        serve,
    )

    assess.register(app)
    compare.register(app)
    cases.register(app)
    frameworks.register(app)
    documents.register(app)
    cohort.register(app)
    serve.register(app)
    audit.register(app)
    backup.register(app)
    retention.register(app)


_register()


def main() -> None:
    """Run the CLI: case and framework errors print as one clear message and exit 1."""
    try:
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
