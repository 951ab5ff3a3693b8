"""The terminal view: one line per change, most significant first, changed words marked.

Colour comes from rich, which honours NO_COLOR and turns colour off when the
output is not a terminal; without colour, words are marked as git's plain
word diff marks them (`[-old-]{+new+}`), so a log or a pipe loses nothing.
Runs of items that were only renumbered are folded into one line at the end.
"""
from __future__ import annotations

from typing import TextIO

from .changes import Change, Diff
from .words import clip

SIGN = {"added": "+", "removed": "-", "moved": ">", "renumbered": "#", "reworded": "~", "split": "<", "merged": ">",
        "target-up": "▲", "target-down": "▼", "target-changed": "≠", "target-added": "+", "target-removed": "-",
        "unit-added": "+", "unit-removed": "-", "lead-changed": "≠", "meta-changed": "≠"}
STYLE = {"added": "green", "removed": "red", "target-up": "green", "target-down": "red", "target-added": "green",
         "target-removed": "red", "unit-added": "green", "unit-removed": "red", "reworded": "yellow",
         "lead-changed": "magenta", "meta-changed": "magenta", "moved": "cyan", "split": "cyan", "merged": "cyan",
         "renumbered": "dim", "target-changed": "yellow"}


def _where(c: Change) -> str:
    def line(side: dict | None) -> str:
        return f"L{side['line']}" if side and side.get("line") else ""
    a, b = line(c.old), line(c.new)
    return f"{a}→{b}" if a and b and a != b else a or b


def render(diff: Diff, out: TextIO, context: int) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    plain = console.no_color or console.color_system is None
    old, new = diff.old, diff.new
    console.print(Text(f"ipplan diff: {old.source} → {new.source}", style="bold"))
    changes = diff.ranked()
    if not changes:
        console.print("no difference")
        return
    kinds: dict[str, int] = {}
    for c in changes:
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    console.print(f"{len(changes)} change(s): " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    renumbered = [c for c in changes if c.kind == "renumbered"]
    fold = len(renumbered) > 3
    for c in changes:
        if fold and c.kind == "renumbered":
            continue
        text = Text()
        text.append(f"{SIGN.get(c.kind, '*')} {c.kind:<15}", style=STYLE.get(c.kind, ""))
        if c.kind == "reworded" and c.pieces:
            text.append(f"{'/'.join(c.new['path'])}: ")
            _words(text, c.pieces, context, plain)
        else:
            text.append(c.summary)
        if where := _where(c):
            text.append(f"  {where}", style="dim")
        console.print(text)
    if fold:  # one line per numbering style (1. / (一) / 一、), in document order
        import regex

        levels: dict[str, list[Change]] = {}
        for c in sorted(renumbered, key=lambda c: (c.row, c.order)):
            levels.setdefault(regex.sub(r"\d+|[一二三四五六七八九十百]+", "N", c.new["label"]), []).append(c)
        for group in levels.values():
            first, last = group[0], group[-1]
            if len(group) == 1:
                line = first.summary
            else:
                line = (f"{len(group)} items: {'/'.join(first.old['path'])} … {'/'.join(last.old['path'])} → "
                        f"{'/'.join(first.new['path'])} … {'/'.join(last.new['path'])}")
            console.print(Text(f"# {'renumbered':<15}{line}", style=STYLE["renumbered"]))


def _words(text, pieces: list[tuple[str, str, str]], context: int, plain: bool) -> None:
    for i, (op, o, n) in enumerate(pieces):
        if op == "equal":
            text.append(clip(o, context, i > 0, i < len(pieces) - 1))
            continue
        if o:
            text.append(f"[-{o}-]" if plain else o, style="" if plain else "red strike")
        if n:
            text.append(f"{{+{n}+}}" if plain else n, style="" if plain else "green underline")
