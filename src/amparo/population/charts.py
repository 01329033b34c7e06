"""Charts of a run, drawn from its summary: PNG and SVG, rendered locally.

- ``transitions``: the baseline × reform outcome table as a heatmap;
- ``factors``: how often each factor of the reform holds, fails or is unknown;
- ``outcomes_over_time``: each month's share of every outcome (where rows have dates).

matplotlib runs with the Agg back end: no display, no network.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

COLOURS = {"true": "#1b7837", "false": "#b2abd2", "unknown": "#bdbdbd"}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "amparo"  # the same SVG for the same data
    plt.rcParams["svg.fonttype"] = "none"
    return plt


def draw_charts(summary: Mapping[str, Any], out: Path) -> list[Path]:
    """Draw every chart the summary supports into ``out``; the files written."""
    written: list[Path] = []
    if summary.get("transitions"):
        written += _save(_transitions(summary), out / "transitions")
    if summary["factors"].get(summary["reform"]):
        written += _save(_factors(summary), out / "factors")
    if summary.get("over_time"):
        written += _save(_over_time(summary), out / "outcomes_over_time")
    return written


def _save(figure: Any, stem: Path) -> list[Path]:
    plt = _pyplot()
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    figure.savefig(paths[0], dpi=120, bbox_inches="tight")
    figure.savefig(paths[1], bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return paths


def _transitions(summary: Mapping[str, Any]) -> Any:
    plt = _pyplot()
    cells = summary["transitions"]
    rows = sorted({c["baseline"] for c in cells})
    cols = sorted({c["reform"] for c in cells})
    grid = [[0] * len(cols) for _ in rows]
    for c in cells:
        grid[rows.index(c["baseline"])][cols.index(c["reform"])] += c["n"]
    figure, ax = plt.subplots(figsize=(2 + 1.9 * len(cols), 1.2 + 0.7 * len(rows)))
    image = ax.imshow(grid, cmap="Blues", aspect="auto")
    peak = max(max(r) for r in grid) or 1
    for i, row in enumerate(grid):
        for j, n in enumerate(row):
            colour = "white" if n > peak / 2 else "black"
            ax.text(j, i, f"{n:,}", ha="center", va="center", color=colour, fontsize=9)
    ax.set_xticks(
        range(len(cols)), [c.replace("_", " ") for c in cols], rotation=20, ha="right"
    )
    ax.set_yticks(range(len(rows)), [r.replace("_", " ") for r in rows])
    ax.set_xlabel(f"reform: {summary['reform']}")
    ax.set_ylabel(f"baseline: {summary['baseline']}")
    ax.set_title(f"Outcomes, {summary['rows']:,} rows: baseline → reform")
    figure.colorbar(image, ax=ax, label="rows")
    return figure


def _factors(summary: Mapping[str, Any]) -> Any:
    plt = _pyplot()
    reform = summary["reform"]
    counts = summary["factors"][reform]
    names = list(counts)
    total = [sum(counts[n].values()) or 1 for n in names]
    figure, ax = plt.subplots(figsize=(8, 0.8 + 0.38 * len(names)))
    left = [0.0] * len(names)
    for key in ("true", "false", "unknown"):
        share = [counts[n][key] / t for n, t in zip(names, total, strict=True)]
        label = {"true": "holds", "false": "does not hold", "unknown": "unknown"}[key]
        ax.barh(names, share, left=left, color=COLOURS[key], label=label)
        left = [a + b for a, b in zip(left, share, strict=True)]
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of rows assessed while the framework was in force")
    ax.set_title(f"{reform}: factors, with the share the data leaves unknown")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, fontsize=8)
    return figure


def _over_time(summary: Mapping[str, Any]) -> Any:
    plt = _pyplot()
    series = summary["over_time"]
    frameworks = list(dict.fromkeys(p["framework"] for p in series))
    figure, axes = plt.subplots(
        len(frameworks),
        1,
        figsize=(10, 3.2 * len(frameworks)),
        squeeze=False,
        sharex=True,
    )
    months = sorted({p["month"] for p in series})
    for ax, name in zip(axes[:, 0], frameworks, strict=True):
        points = [p for p in series if p["framework"] == name]
        outcomes = sorted({p["outcome"] for p in points})
        totals = {
            m: sum(p["n"] for p in points if p["month"] == m) or 1 for m in months
        }
        bottom = [0.0] * len(months)
        for outcome in outcomes:
            n = {p["month"]: p["n"] for p in points if p["outcome"] == outcome}
            share = [n.get(m, 0) / totals[m] for m in months]
            ax.bar(
                range(len(months)),
                share,
                bottom=bottom,
                label=outcome.replace("_", " "),
                width=1.0,
            )
            bottom = [a + b for a, b in zip(bottom, share, strict=True)]
        ax.set_ylim(0, 1)
        ax.set_ylabel("share of rows")
        ax.set_title(f"{name}: outcome by month assessed (months with rows)")
        ax.legend(loc="upper left", fontsize=7, bbox_to_anchor=(1.0, 1.0))
    step = max(1, len(months) // 12)
    axes[-1, 0].set_xticks(
        range(0, len(months), step), months[::step], rotation=45, ha="right"
    )
    return figure
