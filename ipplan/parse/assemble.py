"""Turn the outline builder's nodes into the document model.

This is where a node gets its title (the heading line when it stood alone,
else the first sentence), its own text, its responsible units and, for
chapters, the role its heading names. Titles are read the way a careful
reader would: a `(3分)` weight or a closing unit bracket is not part of it.
"""
from __future__ import annotations

import functools
import json
import re
from .. import _resources as resources  # importlib.resources.files, cheaper at start-up

import regex

from ..schema.models import Block, Node, Part, Table
from .labels import FAMILIES
from .meta import tidy
from .brackets import groups, unbalanced
from .outline import BuildNode, OutlineResult, Para, heading_like
from .segment import Piece
from .span import LineIndex, Span
from .units import read_bracket, split_names, unit_like, units_in
from .written import as_written, joined_as_written

# a weight in a heading's brackets: (3分), (满分5分), (权重10%)
_SCORE = regex.compile(r"\(\s*(?:(?:满分|计|共|分值)\s*:?\s*)?\d+(\.\d+)?\s*分\s*\)"
                       r"|\(\s*(?:权重|占比)\s*:?\s*\d+(\.\d+)?\s*%\s*\)")
_SPACE_TITLE = regex.compile(r"^([^\s,。;:“”\"「」]{2,16}(?<![的和与及或对在向将把从为等于於至迄]))\s+(?=\p{Han})")
# Prechecks with the standard `re` (several times faster than `regex` for a plain class): its \s is
# str.isspace, which is `regex`'s \s plus \x1c-\x1f, so it finds at least whatever `regex` would.
_SPACE = re.compile(r"\s")  # _SPACE_TITLE needs one among the first 17 characters
_LAYOUT_SPACE = re.compile(r"[^\S\n]")  # what tidy() removes or strips on a line
# the characters _first_stop acts on, for its two sets of brackets; every other character passes unchanged
_STOP_EVENTS: dict[tuple[str, str], "re.Pattern[str]"] = {}


@functools.lru_cache(maxsize=1)
def _roles() -> dict[str, list[str]]:
    data = json.loads(resources.files("ipplan.data").joinpath("roles.json").read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@functools.lru_cache(maxsize=2048)
def chapter_role(title: str) -> str | None:
    """The role a chapter's title names (remembered: a pure function of a short title, and plans
    share their chapter titles, 总体要求, 主要任务, 保障措施, from one notice to the next)."""
    for role, words in _roles().items():
        if any(word in title for word in words):
            return role
    return None


def _is_unit_bracket(content: str) -> bool:
    read = read_bracket(content)
    if read is None:
        return False
    return read.marked or all(unit_like(n) for _, group, _ in read.groups for n, _ in split_names(group))


def clean_title(title: str) -> str:
    if "分" in title or "%" in title:  # each weight _SCORE removes ends in one of them
        title = _SCORE.sub("", title)
    title = title.strip()
    # a closing unit bracket is not part of the title
    while title.endswith(")"):
        spans = groups(title)
        if not spans or spans[-1][1] != len(title) or not _is_unit_bracket(title[spans[-1][0] + 1:-1]):
            break
        title = title[:spans[-1][0]].rstrip()
    title = title.rstrip("。;:,、 ")
    return tidy(title)


def first_sentence(text: str) -> str:
    """The title of a node whose heading runs into its text."""
    text = text.strip()
    head = text[:17]
    # every white space but " " is unprintable: a head with neither holds none (cheaper than the search)
    m = _SPACE_TITLE.match(text) if (" " in head or not head.isprintable()) and _SPACE.search(head) else None
    if m and len(text) - m.end() >= 20 and not unbalanced(m.group(1)):
        return m.group(1)
    found = _first_stop(text, "(《“〔[「『【", ")》”〕]」』】")
    if found is None and (text.count("“") > text.count("”") or text.count("「") > text.count("」")):
        # a quote a conversion left unclosed (`“12345"`) must not hide every full stop
        found = _first_stop(text, "(《〔[【", ")》〕]】")
    return text if found is None else text[:found]


def _first_stop(text: str, openers: str, closers: str) -> int | None:
    """The first 。 (or an early : that is not between digits) outside brackets and quotes.

    Only brackets, quotes, 。 and : change anything, so the loop visits those characters alone. In
    the usual sentence the first of them is its 。 (at depth 0: the answer), found with one search.
    """
    events = _STOP_EVENTS.get((openers, closers))
    if events is None:
        events = _STOP_EVENTS[openers, closers] = re.compile("[" + re.escape(openers + closers + "。:") + "]")
    first = events.search(text)
    if first is None:
        return None
    if text[first.start()] == "。":
        return first.start()
    depth = 0
    for m in events.finditer(text, first.start()):
        i = m.start()
        ch = text[i]
        if ch in openers:
            depth += 1
        elif ch in closers:
            depth = max(0, depth - 1)
        elif depth == 0 and ch == "。":
            return i
        elif depth == 0 and ch == ":" and 2 <= i <= 30 and not (text[i - 1].isdigit() and text[i + 1:i + 2].isdigit()):
            return i
    return None


def _title_as_written(title: str, first: Span, text: str, text_written: str, same_start: bool, original: str) -> str:
    """`as_written(title, first, original)`, taken from the text's when that gives the same.

    `same_start` says the text's span begins with `first` (its paragraphs are the node's, joined
    after the first one). `as_written` spells the longest common prefix of a string and its
    span's text as one run, position by position from the span's offsets; a title that begins
    both the text and `first` lies in that run for both, so its spelling is the text's first characters.
    """
    if same_start and text.startswith(title) and first.text.startswith(title):
        return text_written[:len(title)]
    return as_written(title, first, original)


def node_title(node: BuildNode) -> tuple[str, list[Para]]:
    """(title, paragraphs that form the node's text)."""
    if not node.paras:
        return "", []
    first = node.paras[0]
    head = first.span.text.strip()
    # heading_like (pure) last: most leaves are one long paragraph, which the cheaper tests settle
    stands_alone = first.whole_line and (
        len(node.paras) > 1 or bool(node.children) or bool(node.tables) or len(head) <= 20) and heading_like(
        head.rstrip("。"))
    if stands_alone:
        title = clean_title(head)
        # a heading cleaned of more than punctuation ("(3分)", a unit bracket) stays in the text, so nothing is lost
        keep = tidy(head.rstrip("。;:,、 ")) != title
        return title, node.paras if keep else node.paras[1:]
    return clean_title(first_sentence(head)), node.paras


# `Node.model_validate` without its Python frame: pydantic-core validates the dict (and the nested units)
_validate_node = Node.__pydantic_validator__.validate_python
_validate_block = Block.__pydantic_validator__.validate_python


class Assembler:
    def __init__(self, result: OutlineResult, index: LineIndex, full_text: str) -> None:
        self.result = result
        self.index = index
        self.full_text = full_text
        self._lead_first: bool | None = None  # see says_first_leads
        self.tables: list[tuple[Piece, list[str] | None]] = []
        self.node_spans: list[tuple[Node, Span]] = []  # for later extraction stages
        self.preamble_paras: list[Para] = []

    def says_first_leads(self) -> bool:
        """Whether the notice says the first-named unit leads: searched in the whole text when a bracket
        first needs to know (`units_in`), once; a notice whose brackets all name their roles never does."""
        if self._lead_first is None:
            self._lead_first = _lead_first(self.full_text)
        return self._lead_first

    @property
    def lead_first(self) -> bool:
        return self.says_first_leads()

    def line(self, span: Span) -> int:
        return self.index.line_of(span.start)

    def block(self, span: Span, reason: str | None = None) -> Block:
        return _validate_block({"line": self.index.line_of(span.start), "text": span.text, "reason": reason})

    def nodes(self) -> tuple[list[Node], list[Part]]:
        parts = self.result.parts
        several_documents = sum(1 for p in parts if p.kind == "document" and (p.roots or p.title)) > 1
        attachments = [p for p in parts if p.kind == "attachment"]
        out: list[Node] = []
        models: list[Part] = []
        for part in parts:
            if part.kind == "attachment":
                key = "附件" if len(attachments) == 1 else (part.key if part.key != "附件" else f"附件{attachments.index(part) + 1}")
                prefix: tuple[str, ...] = (key,)
            elif several_documents:
                key = part.title or self.first_title
                prefix = (key,)
            else:
                key, prefix = "", ()
            if part.kind == "attachment" or part.title or several_documents:
                line = self.line(part.span) if part.span.pos else self.first_title_line
                models.append(Part(title=tidy(part.title or key), key=key, line=line, kind=part.kind,
                                   text="\n".join(tidy(p.span.text) for p in part.intro)))
            self.tables += [(table, list(prefix) or None) for table in part.tables]
            converted = [self.convert(root, prefix) for root in part.roots]
            infer_task_chapters(converted)
            out.extend(converted)
        return out, models

    first_title = ""
    first_title_line = 0  # where the plan title (the first document's name) stands

    def convert(self, node: BuildNode, prefix: tuple[str, ...], parent_path: list[str] | None = None) -> Node:
        """The model of `node` and its subtree, each node's facts computed once.

        The path is the parent's plus this label's key (`BuildNode.path()` walks up to the root for
        every node); the children are converted before this node's model is validated so that they
        go into it with the rest (pydantic keeps the instances as they are, so `node_spans` holds the
        same objects), while `node_spans` and `tables` keep the order of a walk from the root down.
        """
        node.prefix = prefix
        label = node.label
        key = label.key
        path = [*prefix, key] if parent_path is None else [*parent_path, key]
        title, paras = node_title(node)
        node_paras = node.paras
        spans = [p.span for p in node_paras]
        own = Span.join(spans, "\n")
        if paras is node_paras:
            text_spans, raw_text = spans, own.text
        else:
            # node_title leaves out a heading standing alone: the first paragraph
            text_spans = spans[1:] if len(paras) == len(spans) - 1 else [p.span for p in paras]
            raw_text = "\n".join([span.text for span in text_spans])
        text = tidy_text(raw_text)
        units = units_in(own, lead_first=self.says_first_leads if self._lead_first is None else self._lead_first)
        unit_roles = None
        if units and any(u.role == "lead" or u.role == "co" for u in units):
            unit_roles = {"lead": [u.name for u in units if u.role == "lead"],
                          "co": [u.name for u in units if u.role != "lead"]}
        line_of, original = self.index.line_of, self.index.original
        if text == raw_text:  # the paragraphs' text itself: spelled a paragraph at a time
            text_written = joined_as_written(text_spans, "\n", original) if text_spans else text
        else:
            text_written = as_written(text, own if paras is node_paras else Span.join(text_spans, "\n"), original)
        first = spans[0] if spans else node.start
        title_written = _title_as_written(title, first, text, text_written, paras is node_paras, original)
        if len(node_paras) == 1:
            last_pos = own.pos[-1] if own.pos else node.start.start
        else:
            ends = [p.span.pos[-1] for p in node_paras if p.span.pos]
            last_pos = max(ends) if ends else node.start.start
        end_line = line_of(last_pos)
        slot = len(self.node_spans)
        self.node_spans.append(None)  # type: ignore[arg-type]  # this node's place, before its children's
        for table in node.tables:
            self.tables.append((table, path))
        children = [self.convert(child, prefix, path) for child in node.children]
        if children:
            end_line = max(end_line, children[-1].end_line)
        # validated by the model's own validator, the units nested as dicts: the same checks as
        # `Node(...)` and `Unit(...)`, without a Python `__init__` frame and keyword dict per model
        model = _validate_node({
            "kind": FAMILIES[label.family][1],
            "label": key,
            "label_raw": label.raw,
            "path": path,
            "title": title,
            "text": text,
            "units": [{"name": u.name, "role": u.role, "line": line_of(u.pos)} for u in units],
            "unit_roles": unit_roles,
            "role": chapter_role(title) if label.rank <= 3 else None,
            "label_as_written": as_written(label.raw, node.start, original),
            "title_as_written": title_written,
            "text_as_written": text_written,
            "line": line_of(node.start.start),
            "end_line": end_line,
            "children": children,
        })
        self.node_spans[slot] = (model, own)
        return model

    def table(self, piece: Piece, path: list[str] | None) -> Table:
        header, *rows = piece.rows
        last = piece.note or piece.row_spans[-1]
        return Table(
            line=self.line(piece.caption or piece.span),
            end_line=self.index.line_of(max(last.pos) if last.pos else None),
            path=path,
            caption=tidy(piece.caption.text) if piece.caption else None,
            header=header,
            rows=rows,
            note=tidy(piece.note.text) if piece.note else None,
        )


def infer_task_chapters(chapters: list[Node]) -> None:
    """Chapters between the goals/requirements chapters and the safeguards chapter are the plan's tasks.

    Headings such as 推进知识产权高质量创造 name a theme, not a role; in the usual plan skeleton
    (要求 → 目标 → themes → 保障) their position says what they are.
    """
    roles = [c.role for c in chapters]
    if "safeguards" not in roles or not ({"goals", "requirements"} & set(roles)):
        return
    last = roles.index("safeguards")
    first = max((i for i, r in enumerate(roles[:last]) if r in ("goals", "requirements")), default=None)
    if first is None:
        return
    for chapter in chapters[first + 1:last]:
        if chapter.role is None and chapter.children:
            chapter.role = "tasks"


def tidy_text(text: str) -> str:
    """Each line tidied; a text without layout spaces is returned as it is (tidy would change nothing).

    Every white space but " " is unprintable, so a text with no " " whose characters other than
    line breaks all print has none (checked in C, faster than the regex); any other text is searched.
    """
    if " " not in text and (text.replace("\n", "") if "\n" in text else text).isprintable():
        return text
    if not _LAYOUT_SPACE.search(text):
        return text
    return "\n".join(tidy(line) for line in text.split("\n"))


def _lead_first(text: str) -> bool:
    from .units import first_is_lead

    return first_is_lead(text)
