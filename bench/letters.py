"""Benchmark: make the PD request letter for one case as DOCX and as PDF.

Prints the median time for both together, and for each step; never fails. Goal
(issue 5): under 1 s for the DOCX and the PDF together, start-up excluded (the
imports, the font registration and the framework loading happen in a warm-up round
that is not timed).

    .venv/bin/python bench/letters.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "tests" / "documents" / "cases" / "rosa.yaml"


def main(rounds: int = 30) -> None:
    import amparo
    from amparo.documents import make_document, render

    case = amparo.load_case(str(CASE))

    def build() -> object:
        return make_document(
            case, "letter", kind="deferred_action", dated=dt.date(2022, 1, 20)
        )

    document = build()
    render(document, "docx")  # warm-up: imports, fonts, templates
    render(document, "pdf")
    steps: dict[str, list[float]] = {
        "assess + build": [],
        "DOCX": [],
        "PDF": [],
        "total": [],
    }
    for _ in range(rounds):
        t0 = time.perf_counter()
        document = build()
        t1 = time.perf_counter()
        render(document, "docx")
        t2 = time.perf_counter()
        render(document, "pdf")
        t3 = time.perf_counter()
        steps["assess + build"].append(t1 - t0)
        steps["DOCX"].append(t2 - t1)
        steps["PDF"].append(t3 - t2)
        steps["total"].append(t3 - t0)
    print(f"Letter for {CASE.name} (deferred_action, en), {rounds} rounds, median:")
    for label, times in steps.items():
        print(f"  {label:<16} {statistics.median(times) * 1000:8.1f} ms")
    goal = "met" if statistics.median(steps["total"]) < 1.0 else "NOT met"
    print(f"DOCX + PDF together (goal < 1 s): {goal}")


if __name__ == "__main__":
    main()
