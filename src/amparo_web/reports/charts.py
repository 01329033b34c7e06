"""Charts drawn on the server (matplotlib, no pyplot, no network) as SVG.

matplotlib writes its styles as ``style="..."`` attributes and a ``<style>``
element; the app's CSP (style-src 'self') and its no-inline-style rule allow
neither, so they are rewritten as SVG presentation attributes, which draw the same.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections import Counter

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

PALETTE = {
    "sent": "#9aa5b1",
    "acknowledged": "#6b7c93",
    "granted": "#2e7d32",
    "partly_granted": "#8bc34a",
    "denied": "#c62828",
    "no_response": "#f9a825",
}
STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.S)


def stacked_bars(
    groups: dict[str, Counter[str]],
    states: list[str],
    labels: dict[str, str],
    title: str,
    empty: str,
) -> bytes:
    names = sorted(groups)
    fig, ax = _figure(names, title)
    if not names:
        _empty(ax, empty)
    else:
        left = [0] * len(names)
        for state in states:
            values = [groups[n][state] for n in names]
            if not any(values):
                continue
            ax.barh(
                [_wrap(n) for n in names],
                values,
                left=left,
                label=labels.get(state, state),
                color=PALETTE.get(state, "#777777"),
            )
            left = [a + b for a, b in zip(left, values, strict=True)]
        _axes(ax)
        fig.legend(loc="outside lower center", ncols=3, fontsize="small", frameon=False)
    return to_svg(fig)


def bars(counts: dict[str, int], title: str, empty: str, color: str) -> bytes:
    names = list(counts)
    fig, ax = _figure(names, title)
    if not names:
        _empty(ax, empty)
    else:
        ax.barh([_wrap(n) for n in names], [counts[n] for n in names], color=color)
        _axes(ax)
    return to_svg(fig)


def _figure(names: list[str], title: str) -> tuple[Figure, Axes]:
    lines = sum(_wrap(n).count("\n") + 1 for n in names)
    fig = Figure(figsize=(7.5, max(2.4, 0.3 * lines + 0.25 * len(names) + 1.8)))
    fig.set_layout_engine("constrained")
    fig.suptitle(_wrap(title, 70))
    return fig, fig.add_subplot()


def _axes(ax: Axes) -> None:
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)


def _empty(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center")
    ax.set_axis_off()


def _wrap(text: str, width: int = 40) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def to_svg(fig: Figure) -> bytes:
    buffer = io.StringIO()
    # Text as <text> elements (smaller, readable by screen readers), not paths.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return without_inline_style(buffer.getvalue()).encode()


def without_inline_style(svg: str) -> str:
    # The <style> element only set these two, for every element; they inherit.
    svg = STYLE_ELEMENT.sub("", svg)
    svg = svg.replace("<svg ", '<svg stroke-linejoin="round" stroke-linecap="butt" ', 1)
    return STYLE_ATTR.sub(lambda m: _attributes(m.group(1)), svg)


def _attributes(style: str) -> str:
    out: list[str] = []
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if not name or not value:
            continue
        if name == "font":
            # "10px 'DejaVu Sans'": matplotlib writes the size, then the family.
            size, _, family = value.partition(" ")
            out.append(f' font-size="{size}"')
            if family:
                out.append(f' font-family="{family.strip()}"')
        else:
            out.append(f' {name}="{value}"')
    return "".join(out)
