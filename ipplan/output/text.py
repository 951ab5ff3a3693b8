"""Which spelling of a text an output shows.

The parser matches on a normalised form (simplified script, ASCII punctuation);
people read the plan as it was written (full-width `，（）：`). Outputs show the
form as written, converted to simplified script unless `--script original`
asks for the source's own script. The normalised form stays in the JSON.
"""
from __future__ import annotations

import functools
from typing import Any

SCRIPTS = ("simplified", "original")


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def shown(normalised: str | None, as_written: str | None, doc_script: str = "simplified",
          mode: str = "simplified") -> str | None:
    """The text to print: as written (punctuation and all), in simplified script unless mode is 'original'."""
    if as_written is None:
        return normalised
    if mode == "original" or doc_script != "traditional":
        return as_written
    return _t2s().convert(as_written)


def by_part(doc: Any) -> list[tuple[Any | None, list[Any]]]:
    """The top-level entries grouped by the part they belong to (None: the body), in reading order, so an
    attachment's 一、 is shown under its `附件` heading, not after the body's 三、 as if it continued it.
    A part with no entries is kept (its heading still says the notice carries it)."""
    parts = {p.key: p for p in getattr(doc, "parts", None) or []}
    groups: list[tuple[Any | None, list[Any]]] = []
    seen: set[str] = set()
    for node in doc.outline:
        key = node.path[0] if len(node.path) > 1 and node.path[0] in parts else None
        part = parts.get(key) if key else None
        if groups and groups[-1][0] is part:
            groups[-1][1].append(node)
            continue
        groups.append((part, [node]))
        if key:
            seen.add(key)
    for part in parts.values():  # parts without entries, at their place by line
        if part.key in seen:
            continue
        at = next((i for i, (p, nodes) in enumerate(groups) if (p.line if p else nodes[0].line) > part.line),
                  len(groups))
        groups.insert(at, (part, []))
    return groups


def part_heading(part: Any) -> str:
    """`附件1 <title>` for an attachment, the title alone for a second document (its key is its title)."""
    if part.kind == "attachment" and part.key != part.title:
        return f"{part.key} {part.title}"
    return part.title


def label_text(node: Any, written: str | None) -> tuple[str, bool]:
    """The label to show and whether it was restored (from a contents page) rather than printed in the body:
    a restored label is shown as [1] so the reader still sees the entry's number."""
    if written:
        return written, False
    if node.label:
        return f"[{node.label}]", True
    return "", False
