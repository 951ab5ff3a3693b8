"""Terminal tables for people, drawn with rich (imported only when a table is drawn).

Numbers are right-aligned and never split across lines; text columns wrap by
display cells, so a Chinese character counts two columns and is never cut in
half. When the terminal is too narrow for every column, the least useful ones
are left out (each column has a priority) and a note on stderr says which, rather
than squeezing every column into an unreadable sliver.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from typing import Any, Sequence, TextIO

MIN_TEXT = 12  # display cells a wrapped text column keeps at least (six Chinese characters)
# Chinese line-breaking rules (禁则): these never start a line, those never end one
_NO_START = set("，。、；：？！）》」』】〕〉”’%‰,.;:?!)]}…·-")
_NO_END = set("（《「『【〔〈“‘([{")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%‰\-_/:~+]*|\s+|.", re.S)


def wrap_cjk(text: str, width: int) -> str:
    """Wrap to `width` display cells the way Chinese is set: any character may end a line, except that
    closing punctuation never starts one and opening punctuation never ends one; a number or a Latin
    word stays whole (it is cut only if longer than the line)."""
    from rich.cells import cell_len

    if width <= 2:
        return text
    out: list[str] = []
    for para in text.split("\n"):
        line: list[str] = []
        used = 0
        for token in _TOKEN.findall(para):
            size = cell_len(token)
            if line and used + size > width:
                if token.isspace():
                    out.append("".join(line).rstrip())
                    line, used = [], 0
                    continue
                carry: list[str] = []
                if token[0] in _NO_START:  # take characters along until the new line starts with a word
                    while len(line) > 1:
                        carry.insert(0, line.pop())
                        if carry[0][0] not in _NO_START:
                            break
                while len(line) > 1 and line[-1][-1:] in _NO_END:
                    carry.insert(0, line.pop())
                out.append("".join(line).rstrip())
                line, used = carry, cell_len("".join(carry))
            while size > width:  # a token longer than the line: cut it (only then)
                head = ""
                for ch in token:
                    if cell_len(head + ch) > width - used:
                        break
                    head += ch
                if not head:
                    out.append("".join(line).rstrip())
                    line, used = [], 0
                    continue
                line.append(head)
                out.append("".join(line))
                line, used = [], 0
                token = token[len(head):]
                size = cell_len(token)
            if token.isspace() and not line:
                continue
            line.append(token)
            used += size
        out.append("".join(line).rstrip())
    return "\n".join(out)


@dataclass(frozen=True)
class TableColumn:
    heading: str
    numeric: bool = False  # right-aligned, never wrapped
    priority: int = 50  # the lowest is left out first when the terminal is narrow
    max_width: int | None = None  # a cap for long text (it wraps)
    no_wrap: bool = False  # an identifier (an indicator key) is never broken either
    truncate: bool = False  # one line per row: long text ends in … instead of wrapping
    min_width: int = MIN_TEXT  # the narrowest a text column gets before less useful columns are left out
    marks: tuple[str, str] | None = None  # text between these is shown bold (a search hit), the marks dropped


def terminal_width(out: TextIO) -> int:
    """COLUMNS when set, else the terminal's width, else 80 (a pipe or a file)."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        if out.isatty():
            return shutil.get_terminal_size().columns
    except (AttributeError, ValueError, OSError):
        pass
    return 80


def _longest(col: TableColumn, cells: Sequence[Sequence[str]], i: int) -> int:
    from rich.cells import cell_len

    return max([cell_len(col.heading)] + [max((cell_len(p) for p in row[i].split("\n")), default=0) for row in cells])


def _least(col: TableColumn, longest: int) -> int:
    """The narrowest a column may get: whole numbers and identifiers, else a few characters of text."""
    from rich.cells import cell_len

    if col.numeric or col.no_wrap:
        return longest
    return min(longest, max(col.min_width, cell_len(col.heading)))


def fit_columns(columns: Sequence[TableColumn], cells: Sequence[Sequence[str]], width: int) -> list[int]:
    """Indexes of the columns that fit `width`, dropping the lowest priority first (never the last one left)."""
    keep = list(range(len(columns)))
    least = {i: _least(columns[i], _longest(columns[i], cells, i)) for i in keep}
    # a rich box: one border per column plus one, and one space of padding each side
    while len(keep) > 1 and sum(least[i] for i in keep) + 3 * len(keep) + 1 > width:
        drop = min(keep, key=lambda i: (columns[i].priority, -i))
        keep.remove(drop)
    return keep


def column_widths(columns: Sequence[TableColumn], cells: Sequence[Sequence[str]], keep: list[int],
                  width: int) -> dict[int, int]:
    """Widths for the kept columns: numbers and identifiers whole, the rest of the line shared by text
    columns in proportion to how much more they would use."""
    room = width - 3 * len(keep) - 1
    natural = {}
    least = {}
    for i in keep:
        longest = _longest(columns[i], cells, i)
        natural[i] = min(longest, columns[i].max_width or longest)
        least[i] = min(_least(columns[i], longest), natural[i]) if not (columns[i].numeric or columns[i].no_wrap) \
            else longest
    if sum(natural.values()) <= room:
        return natural
    widths = dict(least)
    spare = room - sum(least.values())
    want = {i: natural[i] - least[i] for i in keep if natural[i] > least[i]}
    total = sum(want.values())
    if spare > 0 and total:
        for i, extra in want.items():
            widths[i] += spare * extra // total
    return widths


def write_table(rows: Sequence[Sequence[Any]], header: Sequence[str | TableColumn], out: TextIO,
                title: str | None = None, headers: bool = True, width: int | None = None,
                note: str | None = None) -> list[str]:
    """Draw rows; return the headings of the columns left out for width (also noted on stderr)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    columns = [h if isinstance(h, TableColumn) else TableColumn(h) for h in header]
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    spans = [[_unmark(row, i, col.marks) if col.marks else [] for i, col in enumerate(columns)] for row in cells]
    width = width or terminal_width(out)
    keep = fit_columns(columns, cells, width)
    widths = column_widths(columns, cells, keep, width)
    dropped = [columns[i].heading for i in range(len(columns)) if i not in keep]
    table = Table(title=escape(title) if title else None, show_header=headers, header_style="bold",
                  title_justify="left")
    for i in keep:
        col = columns[i]
        if col.numeric or col.no_wrap:
            table.add_column(escape(col.heading), justify="right" if col.numeric else "left", no_wrap=True,
                             width=widths[i])
        elif col.truncate:
            table.add_column(escape(col.heading), no_wrap=True, overflow="ellipsis", width=widths[i])
        else:
            table.add_column(escape(col.heading), overflow="fold", width=widths[i])
    wraps = {i for i in keep if not (columns[i].numeric or columns[i].no_wrap or columns[i].truncate)}
    for row, marked in zip(cells, spans):  # Text, not markup: plan text may hold [brackets] rich would read as styles
        texts = []
        for i in keep:
            text = Text(row[i].replace("\n", " ") if columns[i].truncate
                        else wrap_cjk(row[i], widths[i]) if i in wraps else row[i],
                        justify="right" if columns[i].numeric else None,
                        no_wrap=columns[i].numeric or columns[i].no_wrap or columns[i].truncate,
                        overflow="ellipsis" if columns[i].truncate else None)
            _bold(text, row[i], marked[i])
            texts.append(text)
        table.add_row(*texts)
    Console(file=out, width=width, soft_wrap=False, highlight=False).print(table)
    notes = []
    if dropped:
        notes.append(f"{width} columns: left out {', '.join(dropped)} (widen the terminal, or use --format csv)")
    if note:
        notes.append(note)
    for line in notes:
        print(f"ipplan: {line}", file=sys.stderr)
    return dropped


def _unmark(row: list[str], i: int, marks: tuple[str, str]) -> list[tuple[int, int]]:
    """Drop the marks from row[i] in place; return the (start, end) spans they enclosed."""
    opening, closing = marks
    plain, spans, rest = [], [], row[i]
    size = 0
    while True:
        start = rest.find(opening)
        end = rest.find(closing, start + len(opening)) if start >= 0 else -1
        if end < 0:
            plain.append(rest)
            break
        plain += [rest[:start], rest[start + len(opening):end]]
        spans.append((size + start, size + end - len(opening)))
        size += end - len(opening)
        rest = rest[end + len(closing):]
    row[i] = "".join(plain)
    return spans


def _bold(text: Any, plain: str, spans: list[tuple[int, int]]) -> None:
    """Style the spans of `plain` in `text`, whose string is `plain` wrapped (line breaks added, spaces at
    a break dropped), so a highlight survives wrapping."""
    if not spans:
        return
    shown = text.plain
    where: list[int | None] = []
    j = 0
    for ch in plain:
        while j < len(shown) and shown[j] != ch and shown[j] == "\n":
            j += 1
        if j < len(shown) and (shown[j] == ch or ch == "\n" and shown[j] == " "):
            where.append(j)
            j += 1
        else:
            where.append(None)  # a space dropped at a line break
    for start, end in spans:  # one style per run of shown characters (a line break splits a run)
        run: list[int] = []
        for pos in [where[k] for k in range(start, end)] + [None]:
            if pos is not None and (not run or pos == run[-1] + 1):
                run.append(pos)
                continue
            if run:
                text.stylize("bold", run[0], run[-1] + 1)
            run = [pos] if pos is not None else []


def write_tree(doc: Any, out: TextIO, script: str = "simplified") -> None:
    """The outline as a tree, titles as written (see `ipplan.output.text.shown`)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.tree import Tree

    from .human import target_amount
    from .text import by_part, label_text, part_heading, shown

    meta = doc.meta
    period = f" {meta.period[0] or ''}–{meta.period[1]}" if meta.period else ""
    title = shown(meta.title, getattr(meta, "title_as_written", None), meta.script, script)
    root = Tree(f"[bold]{escape(title or doc.source or '(untitled)')}[/bold]"
                f" [dim]{escape(meta.region or '')}{period} {escape(meta.issuer or '')}[/dim]")

    def add(branch: Tree, node: Any) -> None:
        units = f" [cyan]({escape('、'.join(u.name for u in node.units))})[/cyan]" if node.units else ""
        role = f" [magenta]<{node.role}>[/magenta]" if node.role else ""
        label, restored = label_text(node, shown(node.label_raw, getattr(node, "label_as_written", None),
                                                 meta.script, script))
        name = shown(node.title, getattr(node, "title_as_written", None), meta.script, script)
        style = "dim" if restored else "bold"
        child = branch.add(f"[{style}]{escape(label)}[/{style}] {escape(name)}{role}{units} [dim]L{node.line}[/dim]")
        for sub in node.children:
            add(child, sub)

    for part, nodes in by_part(doc):
        branch = root
        if part is not None:
            branch = root.add(f"[bold blue]{escape(part_heading(part))}[/bold blue] [dim]L{part.line}[/dim]")
        for node in nodes:
            add(branch, node)
    if doc.targets:
        targets = root.add("[bold]targets[/bold]")
        for t in doc.targets:
            row = t.model_dump(mode="json")
            targets.add(escape(f"{t.name} {target_amount(row)} ({t.year or '-'}) L{t.line}"))
    if doc.warnings:
        warn = root.add("[yellow]warnings[/yellow]")
        for w in doc.warnings:
            warn.add(escape(w))
    Console(file=out, soft_wrap=False, highlight=False, width=terminal_width(out)).print(root)
