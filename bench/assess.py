"""Benchmark: assess one case in process, and `amparo assess` as a whole process.

Prints figures; never fails. Goals (issue 2): under 200 µs per case with its full
explanation in process; under 300 ms for the whole command, start-up included.

    .venv/bin/python bench/assess.py                 # times
    .venv/bin/python bench/assess.py --instructions  # and instruction counts

Times on a shared machine wander by a third from one minute to the next, so
``--instructions`` also counts the instructions each assessment takes, under
valgrind's callgrind: the same count on every run, whatever else the machine does.

The in-process lines:

- facts + factors + outcome: ``amparo.assess``, without the questions;
- the full explanation (the goal): that, plus the questions that would settle
  what is unknown, which the assessment computes when first asked;
- ... as JSON: that, plus ``to_json`` (what ``amparo assess --json`` prints);
- ... each shape first seen: the full explanation with the explanations kept
  per shape of a condition's values (``amparo.engine.assess.explain``) forgotten
  before every case, as for a case unlike any assessed before in the process.

The whole-process lines run the installed ``amparo`` script. ``amparo assess``
reads a valid case document with :mod:`amparo.cases.quick`, without pydantic:
importing pydantic and building the case model had been two thirds of the run
(``--instructions``, albert.yaml: 1,032 million instructions before, 553 after).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STORIES = sorted((ROOT / "examples" / "stories").glob("*.yaml"))


def _work() -> dict[str, Callable[[Any], Any]]:
    import amparo
    from amparo.engine.report import to_json

    framework = amparo.get_framework("protection-first")
    memo = framework.program.memo

    def first_sight(case: Any) -> Any:
        memo.clear()
        return amparo.assess(case, framework).further_questions

    return {
        "facts + factors + outcome": lambda c: amparo.assess(c, framework),
        "the full explanation (goal)": lambda c: (
            amparo.assess(c, framework).further_questions
        ),
        "... as JSON": lambda c: to_json(amparo.assess(c, framework)),
        "... each shape first seen": first_sight,
    }


def _cases() -> list[Any]:
    import amparo

    return [amparo.load_case(str(p)) for p in STORIES]


def per_case(repeat: int = 60, batch: int = 25) -> None:
    cases = _cases()
    work = _work()
    for case in cases:  # warm: compile once, cache parameters for the date
        for run in work.values():
            run(case)
    times: dict[str, list[int]] = {label: [] for label in work}
    # Interleaved, so that a slow minute of the machine falls on every line alike.
    for _ in range(repeat):
        for label, run in work.items():
            for case in cases:
                for _ in range(batch):
                    start = time.perf_counter_ns()
                    run(case)
                    times[label].append(time.perf_counter_ns() - start)
    print(f"In process, {len(cases)} example cases, {repeat * batch} rounds each:")
    for label, spent in times.items():
        spent.sort()
        p95 = spent[int(len(spent) * 0.95)]
        print(
            f"  {label:40s} median {statistics.median(spent) / 1000:7.1f} µs   p95 {p95 / 1000:7.1f} µs"
        )


def instructions(rounds: int = 20) -> None:
    """Instructions per assessment, from two runs under callgrind (N rounds and none)."""
    if shutil.which("valgrind") is None:
        print("Instructions: valgrind is not installed; skipped.")
        return
    print(f"Instructions per assessment (callgrind, {rounds} rounds of each case):")
    for label in _work():
        counts = [_callgrind(label, n) for n in (0, rounds)]
        per = (counts[1] - counts[0]) / (rounds * len(STORIES))
        print(f"  {label:40s} {per / 1e6:7.3f} million")


def _callgrind(label: str, rounds: int) -> int:
    return _count([sys.executable, __file__, "--rounds", label, str(rounds)])


def _count(command: list[str]) -> int:
    """The instructions ``command`` runs, under callgrind (hash seed fixed: repeatable)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/out",
                *command,
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    found = re.search(r"Collected : (\d+)", out.stderr)
    if not found:
        msg = f"callgrind printed no count:\n{out.stderr[-2000:]}"
        raise SystemExit(msg)
    return int(found.group(1))


def _rounds(label: str, rounds: int) -> None:
    cases = _cases()
    run = _work()[label]
    for case in cases:
        run(case)
    for _ in range(rounds):
        for case in cases:
            run(case)


def whole_process(repeat: int = 21) -> None:
    script = Path(sys.executable).parent / "amparo"
    # As installed: pip compiles a package's bytecode when it installs it; an
    # editable install under PYTHONDONTWRITEBYTECODE never would. And a first
    # run fills the cache of parsed frameworks (amparo.lib.diskcache).
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True
    )
    subprocess.run([str(script), "assess", str(STORIES[0])], capture_output=True)
    case = str(STORIES[0])
    commands = {
        "amparo --help": ["--help"],
        f"amparo assess {STORIES[0].name}": ["assess", case],
        f"amparo assess --json {STORIES[0].name}": ["assess", "--json", case],
    }
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(repeat):  # interleaved, as above
        for label, args in commands.items():
            start = time.perf_counter()
            subprocess.run([str(script), *args], check=True, capture_output=True)
            times[label].append(time.perf_counter() - start)
    print(f"Whole process, start-up included ({repeat} runs each):")
    for label, spent in times.items():
        print(
            f"  {label:40s} median {statistics.median(spent) * 1000:6.0f} ms   min {min(spent) * 1000:6.0f} ms"
        )
    if "--instructions" in sys.argv:
        print("Instructions per whole process (callgrind):")
        for label, args in commands.items():
            print(f"  {label:40s} {_count([str(script), *args]) / 1e6:7.0f} million")


if __name__ == "__main__":
    if not STORIES:
        sys.exit("No example cases in examples/stories.")
    if sys.argv[1:2] == ["--rounds"]:
        _rounds(sys.argv[2], int(sys.argv[3]))
        sys.exit()
    per_case()
    if "--instructions" in sys.argv:
        instructions()
    whole_process()
