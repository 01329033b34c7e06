"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

import typer


class Lang(StrEnum):
    en = "en"
    es = "es"


LangOption = Annotated[
    Lang, typer.Option("--lang", help="Language of the output: en or es.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
OnOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--on",
        formats=["%Y-%m-%d"],
        help="Assess as of this date (YYYY-MM-DD) instead of the case's assessed_on.",
    ),
]
