"""Human targets and a plain, CJK-aware text grid for the compare views.

Amounts are written by the output layer's `human_amount` (10000000000 元 → 100亿元), the
same function the targets table uses, so compare and targets never disagree on a number.
The grid wraps only between tokens (a token is a number with its unit and year, or one
CJK character of a label), so `≥172件` is never split across lines at any width.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import regex

from ..output.human import human_amount


def human_target(data: dict) -> str:
    """≥15件 (2025): amount, then the year it is due by."""
    amount = human_amount(data["op"], data.get("value"), data.get("low"), data.get("high"), data.get("unit")) or "?"
    return f"{amount} ({data['year']})" if data.get("year") else amount


# ---------------------------------------------------------------- text grid

_TOKEN = regex.compile(r"\S*\d\S*|[^\s\p{Han}]+|\p{Han}[^\s\p{Han}\w]*|\s+")


def cell_len(text: str) -> int:
    from rich.cells import cell_len as _len

    return _len(text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells; breaks at spaces, between CJK characters, never inside a number.

    A space-separated word holding a digit (`≥172件`, `(2026)`, `2024–2026`) is one token.
    """
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        toks: list[str] = []
        for tok in _TOKEN.findall(para):  # a too-long token breaks after a slash, not inside a number
            toks.extend(regex.split(r"(?<=/)", tok) if cell_len(tok) > width and "/" in tok else [tok])
        for tok in toks:
            if tok.isspace():
                if line:
                    line += " "
                continue
            if line and cell_len(line + tok) > width:
                lines.append(line.rstrip())
                line = tok
            else:
                line += tok
        lines.append(line.rstrip())
    return lines or [""]


def pad(text: str, width: int, right: bool = False) -> str:
    gap = max(0, width - cell_len(text))
    return (" " * gap + text) if right else (text + " " * gap)


def grid(header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int], gap: int = 2) -> list[str]:
    """Rows of wrapped cells, columns separated by spaces, a rule under the header."""
    out: list[str] = []
    sep = " " * gap

    def emit(cells: Sequence[str]) -> None:
        wrapped = [wrap(c or "", w) for c, w in zip(cells, widths)]
        for i in range(max(len(w) for w in wrapped)):
            out.append(sep.join(pad(w[i] if i < len(w) else "", widths[j]) for j, w in enumerate(wrapped)).rstrip())

    emit(header)
    out.append(sep.join("─" * w for w in widths))
    full = sum(widths) + gap * (len(widths) - 1)
    for row in rows:
        if len(row) == 1:  # a section heading or a note spans the whole width
            out.extend(wrap(row[0], full))
        else:
            emit(row)
    return out


def fit_widths(label: int, n: int, total: int, gap: int = 2, lo: int = 9, hi: int = 16) -> tuple[int, int]:
    """(label width, column width) for `n` document columns in `total` cells; the label grows into spare room."""
    n = max(n, 1)
    for lab in (label, 16, 14, 12, 10):
        col = (total - lab - gap * n) // n
        if col >= lo:
            col = min(col, hi)
            return min(label + 12, total - (col + gap) * n), col
    return 10, lo
