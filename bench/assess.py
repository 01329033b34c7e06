"""Benchmark: assess one case in process, and `amparo assess` as a whole process.

Prints figures; never fails. Goals (issue 2): under 200 µs per case with its full
explanation in process; under 300 ms for the whole command, start-up included.

    .venv/bin/python bench/assess.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORIES = sorted((ROOT / "examples" / "stories").glob("*.yaml"))


def per_case(repeat: int = 2000) -> None:
    import amparo
    from amparo.engine.report import to_json

    cases = [amparo.load_case(str(p)) for p in STORIES]
    framework = amparo.get_framework("protection-first")
    for case in cases:  # warm: compile once, cache parameters for the date
        to_json(amparo.assess(case, framework))
    print(f"In process, {len(cases)} example cases, {repeat} rounds each:")
    for label, work in (
        (
            "facts + factors + outcome",
            lambda c: amparo.assess(c, framework),
        ),
        (
            "... plus questions and the JSON (goal)",
            lambda c: to_json(amparo.assess(c, framework)),
        ),
    ):
        times = []
        for case in cases:
            for _ in range(repeat):
                start = time.perf_counter_ns()
                work(case)
                times.append(time.perf_counter_ns() - start)
        times.sort()
        p95 = times[int(len(times) * 0.95)]
        print(
            f"  {label:40s} median {statistics.median(times) / 1000:7.1f} µs   p95 {p95 / 1000:7.1f} µs"
        )


def whole_process(repeat: int = 15) -> None:
    script = Path(sys.executable).parent / "amparo"
    # As installed: pip compiles a package's bytecode when it installs it; an
    # editable install under PYTHONDONTWRITEBYTECODE never would. And a first
    # run fills the cache of parsed frameworks (amparo.lib.diskcache).
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True
    )
    subprocess.run([str(script), "assess", str(STORIES[0])], capture_output=True)
    case = STORIES[0]
    for args in (["--help"], ["assess", str(case)], ["assess", "--json", str(case)]):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([str(script), *args], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        print(
            f"  amparo {' '.join(a if '/' not in a else Path(a).name for a in args):32s} median {statistics.median(times) * 1000:6.0f} ms   min {min(times) * 1000:6.0f} ms"
        )


if __name__ == "__main__":
    if not STORIES:
        sys.exit("No example cases in examples/stories.")
    per_case()
    print("Whole process (start-up included):")
    whole_process()
