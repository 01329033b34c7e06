"""The quick reading of ``amparo assess`` agrees with the CLI, or leaves the call to it.

:mod:`amparo.cli.quick` runs plain ``amparo assess`` calls without loading typer.
It must read every call it takes exactly as the typer command would, and hand
every other call (help, a bad value, an option it does not know) to the CLI.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amparo.cli import app
from amparo.cli.quick import parse_assess

ROOT = Path(__file__).resolve().parents[2]
ALBERT = str(ROOT / "examples" / "stories" / "albert.yaml")
MARIA = str(ROOT / "examples" / "stories" / "maria.yaml")


def _as_the_cli_reads(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> dict[str, object]:
    """What the typer command calls the shared code with, for ``args``."""
    seen: dict[str, object] = {}

    def record(
        cases: list[Path], framework: str, lang: str, as_json: bool, on: object
    ) -> str:
        seen.update(
            cases=list(cases), framework=framework, lang=lang, as_json=as_json, on=on
        )
        return ""

    monkeypatch.setattr("amparo.cli.assess_output.assess_output", record)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return seen


TAKEN = [
    ["assess", ALBERT],
    ["assess", ALBERT, MARIA],
    ["assess", "--json", ALBERT],
    ["assess", ALBERT, "--json"],
    ["assess", "--framework", "official", ALBERT],
    ["assess", "--framework=official", ALBERT],
    ["assess", "-f", "dhs-2021-guidelines", ALBERT],
    ["assess", "--lang", "es", ALBERT],
    ["assess", "--lang=es", "--json", ALBERT],
    ["assess", "--on", "2021-10-01", ALBERT],
    ["assess", "--on=2021-10-01", "-f", "official", "--lang", "es", ALBERT, MARIA],
    ["assess", "--lang", "en", "--lang", "es", ALBERT],
    ["assess", "--json", "--", ALBERT],
    ["assess", "-", ALBERT],  # "-" is a file name to both
]


@pytest.mark.parametrize("args", TAKEN, ids=" ".join)
def test_a_plain_call_is_read_as_the_cli_reads_it(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert parse_assess(args) == _as_the_cli_reads(args, monkeypatch)


LEFT = [
    [],
    ["--help"],
    ["compare", ALBERT],
    ["assess"],
    ["assess", "--help"],
    ["assess", ALBERT, "--help"],
    ["assess", "--lang", "xx", ALBERT],
    ["assess", "--lang", "ES", ALBERT],
    ["assess", "--on", "2021-02-30", ALBERT],
    ["assess", "--on", "10/01/2021", ALBERT],
    ["assess", "--framework", ALBERT],  # the file would become the framework id
    ["assess", ALBERT, "--framework"],
    ["assess", "--json=yes", ALBERT],
    ["assess", "-fofficial", ALBERT],
    ["assess", "--verbose", ALBERT],
]


@pytest.mark.parametrize("args", LEFT, ids=lambda a: " ".join(a) or "(none)")
def test_anything_else_is_left_to_the_cli(args: list[str]) -> None:
    assert parse_assess(args) is None


def test_the_dates_read_are_days() -> None:
    parsed = parse_assess(["assess", "--on", "2021-10-01", ALBERT])
    assert parsed is not None
    assert parsed["on"] == dt.date(2021, 10, 1)


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--json"],
        ["--lang", "es"],
        ["-f", "official", "--json"],
        ["--on", "2021-10-01"],
    ],
    ids=lambda o: " ".join(o) or "(text)",
)
def test_the_quick_path_prints_what_the_cli_prints(options: list[str]) -> None:
    args = ["assess", *options, ALBERT, MARIA]
    quick = subprocess.run(
        [sys.executable, "-m", "amparo", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    full = CliRunner().invoke(app, args)
    assert full.exit_code == 0, full.output
    assert quick.stdout == full.stdout
    assert quick.stderr == ""
