"""A contents page as a witness of the outline: which headings it lists, with their labels.

A PDF report's body sometimes loses a label that its contents page still shows; the outline
builder asks this module what the contents says a line is.
"""
from __future__ import annotations

from . import rx
from .labels import Label, read_label
from .segment import Piece

# compiled (through rx) on first use: most documents have no contents page
_TOC_PAGE = r"(?:\.{2,}|…+|·{2,}|-{3,}|\s)*\s*(?:\d{1,4}|[IVXLC]{1,6})\s*$"


def squeeze(text: str) -> str:
    return "".join(text.split())


def contents_headings(pieces: list[Piece]) -> dict[str, Label]:
    """Headings a contents page lists, by their squeezed title, with their label (raw left empty).

    A PDF report's body sometimes loses a label (`長者活動假牙補助` where the contents has
    `1、長者活動假牙補助 ... 13`); the contents says what the line is. Entries wrapped over two
    contents lines are joined; titles shorter than four characters are too common to trust.
    """
    found: dict[str, Label] = {}
    pending = ""
    for piece in pieces:
        if piece.kind != "contents":
            continue
        text = pending + piece.span.text.strip()
        stripped = rx.sub(_TOC_PAGE, "", text)
        if stripped == text:  # no page number yet: the entry goes on on the next line
            pending = text
            continue
        pending = ""
        label = read_label(stripped)
        if label is None:
            continue
        title = squeeze(stripped[label.end:])
        if len(title) >= 4:
            found.setdefault(title, Label(label.family, label.number, "", 0))
    return found


def by_prefix(listed: dict[str, Label]) -> dict[str, list[str]]:
    """Listed titles by their first four characters, so a line is compared with few of them."""
    index: dict[str, list[str]] = {}
    for title in listed:
        index.setdefault(title[:4], []).append(title)
    return index


def continues_listed_title(index: dict[str, list[str]], head: str, line: str) -> bool:
    """`(6)綠線 G01 站延伸至大溪、龍潭先進公` / `共運輸系統發展委託可行性研究`: one heading over two lines.

    True when the heading so far and the next line together begin a title the contents lists
    (and the heading alone is not already that title). `index` comes from `by_prefix`.
    """
    head, line = squeeze(head), squeeze(line)
    if len(head) < 4 or not line:
        return False
    candidates = index.get(head[:4], ())
    if head in candidates:
        return False
    joined = head + line
    return any(title.startswith(joined) or joined.startswith(title) and len(title) > len(head)
               for title in candidates)
