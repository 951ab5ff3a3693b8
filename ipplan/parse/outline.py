"""Build the numbered outline from segmented lines.

One pass over the lines, with the numbering state at hand, decides three
things together because each needs the others: whether a line continues the
paragraph before it (a page break or a PDF wrap), whether a label that starts
a line (or sits after `。`/`;`/`:` inside one) opens a node, and where a node's
title ends. A label opens a node only when the numbering agrees with what is
open (the next sibling, a first child, or a number continuing across
sections); anything else stays text, so `1.8万件`, `(2021—2035年)` and a
numbered list inside a table never become headings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain
from typing import Iterator

import regex

from . import rx
from .brackets import SentenceBrackets, open_in_sentence
from .contents import by_prefix, contents_headings, continues_listed_title, squeeze
from .labels import FAMILIES, START_CLASS, Label, read_bare_label, read_label, read_loose_label
from .layout import closes_after_stop, display_width, heading_like, split_closing, wrap_width
from .meta import DATE_LINE, PLAN_TITLE
from .segment import FINAL_PUNCT, Piece
from .span import Span, _made

__all__ = ["BuildNode", "OutlineResult", "Para", "PartInfo", "build_outline", "heading_like", "display_width"]

CLOSERS = ")]」』”’,、。;:!?"
CONTINUERS = "、,([「『“‘《〈—-+/"
# Where a label may start inside a paragraph: after a sentence mark (and any spaces), or after spaces that
# follow text, at a character a label can start with. `_inline_starts` finds these positions with the
# standard `re` (about twice as fast as `regex` here); tests/test_outline_fast_paths.py checks it finds
# the same positions as the plain boundary `(?<=[。;:!?)”」])\s*|(?<=\S)\s+` followed by such a character.
# Written for `re` to mean what `regex` means: `_WHITE` is `regex`'s \s (Unicode White_Space; `re`'s \s
# adds \x1c-\x1f), and the label class takes every astral character besides, since `regex` counts some
# astral digits as \d that `re` does not (read_label turns down a position where no label starts, so
# a larger class finds the same labels).
_WHITE = r"\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INLINE_STARTS = rf"[。;:!?)”」{_WHITE}][{_WHITE}]*{START_CLASS[:-1]}\U00010000-\U0010ffff]"
_INLINE_COMPILED: "list[re.Pattern[str]]" = []  # compiled on first use (about 0.7 ms): not at import


def _inline_pattern() -> "re.Pattern[str]":
    """`_INLINE_STARTS` compiled, on first use."""
    if not _INLINE_COMPILED:
        _INLINE_COMPILED.append(re.compile(_INLINE_STARTS))
    return _INLINE_COMPILED[0]


def _inline_starts(text: str, first: "re.Match[str] | None" = None) -> Iterator[int]:
    """Positions in `text` where a label may start inside it (see `_INLINE_STARTS`), in order and
    lazily (the caller stops at the first label it takes; a long line is scanned once, not per label).
    `first` is the pattern's first match in `text` when the caller has looked for it already.

    A match runs from a sentence mark or the first of a run of spaces to the label's first
    character. Each run of marks and spaces is matched from its first character, so one that
    starts with a space follows text (the plain boundary's `(?<=\\S)`) unless it starts the
    text: that one is left out. A match ends at a character that is neither mark nor space,
    so what one match takes is never part of the next one's run.
    """
    search = _inline_pattern().search
    m = search(text) if first is None else first
    while m is not None:
        end = m.end()
        if m.start() or text[0] in "。;:!?)”」":
            yield end - 1
        m = search(text, end)


# The next four patterns are anchored at a fixed first character; `_starting` tries one only on a line
# that starts with it, so most lines cost a str.startswith and a document without such lines never
# compiles them (they are compiled through rx on first use).
_ATTACHMENT_MARK = r"^附\s*件\s*\d{0,2}\s*:?$"  # "附件1" alone: a heading, not a cut line
_ATTACHMENT = r"^附\s*件\s*(?P<num>\d{0,2})\s*(?P<sep>[:]?)(?P<space>\s*)(?P<title>.{0,60})$"
# "专栏3 重点工程": a box beside the text; its own numbered list is not the outline
_BOX = r"^专栏\s*[0-9一二三四五六七八九十]{0,3}\s*[:、.]?\s*[^。]{0,40}$"
_RANK = {family: rank for family, (rank, _) in FAMILIES.items()}
# What a line PLAN_TITLE matches ends with (before `$`): one of its plan words, or the ")" of the
# bracket after it; a line has no line break for `$` to stand before. tests/test_outline_fast_paths.py
# checks these are PLAN_TITLE's words.
_PLAN_WORDS = ("政策", "措施", "方案", "意见", "办法", "计划", "要点", "规划", "细则", "规定", "纲要", "行动", "报告",
               "清单", "决定", "条例", "规则")
_PLAN_TITLE_ENDS = (*_PLAN_WORDS, ")")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_ALNUM = _ASCII_LETTERS | frozenset("0123456789")  # what [0-9A-Za-z] matches (no IGNORECASE, no Unicode)
_STRUCTURAL = ("cn", "paren_cn", "zh_part", "zh_chapter", "zh_section", "zh_article", "tw")
# "表1、…一览表:" starts a table laid out as prose lines; its numbered rows are not headings
_PROSE_TABLE = r"^(表|附表)\s*\d{1,3}\s*[、.:-]?.{2,60}$"
_FIRST = {_ATTACHMENT_MARK: ("附",), _ATTACHMENT: ("附",), _BOX: ("专栏",), _PROSE_TABLE: ("表", "附表")}
# the first characters of those starts: a line starting otherwise is matched by none of the four
_ANCHOR_FIRSTS = frozenset(start[0] for starts in _FIRST.values() for start in starts)


def _starting(pattern: str, text: str) -> "regex.Match[str] | None":
    """`pattern` (one of the four above) matched at the start of `text`, trying it only where it can match."""
    return rx.match(pattern, text) if text.startswith(_FIRST[pattern]) else None


class Para:
    """Text of one logical paragraph and whether it began on a line of its own.

    Lines joined on (`joined`) are kept as a list of spans and put together only when the whole
    span is asked for: building it line by line copied the whole paragraph (text and positions)
    at every line, quadratic in a paragraph of thousands of lines. What `should_join` asks at
    every line (the last character, open brackets) is kept up as lines join.
    """

    __slots__ = ("_parts", "_span", "whole_line", "tail", "brackets", "end", "last")

    def __init__(self, span: Span, whole_line: bool = True, tail: Span | None = None) -> None:
        self._parts = [span]
        self._span: Span | None = span
        self.whole_line = whole_line
        self.tail = tail  # the last physical line joined in (its width tells a PDF wrap)
        # open_in_sentence of the text so far, kept up line by line as lines join
        self.brackets: SentenceBrackets | None = None
        self.end: Span | None = span if span.text else None  # the last part with any text
        text = span.text  # the last character that is not a space, "" if none (_last_printing, inline)
        self.last = text[-1] if text and not text[-1].isspace() else text.rstrip()[-1:]

    @property
    def span(self) -> Span:
        if self._span is None:
            parts = self._parts
            self._span = _made("".join([p.text for p in parts]), tuple(chain.from_iterable([p.pos for p in parts])))
            self._parts = [self._span]
        return self._span

    def joined(self, line: Span, whole_line: bool) -> "Para":
        """This paragraph with `line` joined on, as `_concat(self.span, line)` would join them.

        Both callers drop `self`, so its list of parts and bracket counts move on without a copy.
        """
        para = Para.__new__(Para)
        parts = self._parts
        end = self.end
        if end is not None and line.text and end.text[-1] in _ASCII_ALNUM and line.text[0] in _ASCII_LETTERS:
            parts.append(Span(" ", (end.pos[-1],)))  # Span.join's separator takes the position before it
        parts.append(line)
        para._parts, para._span = parts, None
        para.whole_line, para.tail = whole_line, line
        para.brackets = self.brackets
        if para.brackets is not None:
            para.brackets.feed(line.text)  # a separating space is no bracket
        para.end = line if line.text else end
        para.last = _last_printing(line.text) or self.last
        return para


def _last_printing(text: str) -> str:
    """`text.rstrip()[-1:]` without copying the text when it does not end in white space (the usual line)."""
    return text[-1] if text and not text[-1].isspace() else text.rstrip()[-1:]


@dataclass(slots=True)
class BuildNode:
    label: Label
    prefix: tuple[str, ...]
    parent: "BuildNode | None"
    start: Span  # the line the label sits on, for its position
    paras: list[Para] = field(default_factory=list)
    children: list["BuildNode"] = field(default_factory=list)
    tables: list[Piece] = field(default_factory=list)

    def path(self) -> list[str]:
        chain: list[str] = []
        node: BuildNode | None = self
        while node is not None:
            chain.append(node.label.key)
            node = node.parent
        return list(self.prefix) + chain[::-1]


@dataclass
class PartInfo:
    title: str
    kind: str  # "attachment" | "document"
    span: Span
    key: str = ""
    roots: list[BuildNode] = field(default_factory=list)
    intro: list[Para] = field(default_factory=list)  # text under the part title before its first heading
    tables: list[Piece] = field(default_factory=list)  # tables under the part title before its first heading
    lines: list[Span] = field(default_factory=list)  # the heading's lines (附件1 and a title on the next line)
    owner_before: "BuildNode | None" = None  # the node open when the part began
    stack_before: list[BuildNode] = field(default_factory=list)


@dataclass
class OutlineResult:
    head: list[Para]  # text before the first heading (covering notice and preamble)
    parts: list[PartInfo]  # the body; usually one part titled ""
    closing: list[Piece]
    set_aside: list[Piece]  # artefacts and contents, in order
    head_tables: list[Piece]
    rejected: list[tuple[Span, Label]]  # line-start labels the numbering did not accept


class OutlineBuilder:
    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces = pieces
        self.wrap = wrap_width(pieces)
        self.head: list[Para] = []
        self.head_tables: list[Piece] = []
        self.at = 0  # index of the piece being read
        self.inner_closing: list[Piece] = []  # the notice's signature before its attachments
        self.parts: list[PartInfo] = [PartInfo("", "document", Span("", ()))]
        self.stack: list[BuildNode] = []
        self.set_aside: list[Piece] = []
        self.para: Para | None = None
        self.owner: BuildNode | None = None  # None = head
        self.started = False
        self.rejected: list[tuple[Span, Label]] = []
        self.in_prose_table = False
        self.in_box = False  # inside a 专栏 box, until the outline's own numbering goes on
        self.box_fresh = False  # the line before was the box's title
        self.after_box_title = False
        self.box_rows: dict[str, int] = {}  # the box's own list: last number per family
        self.table_rows: dict[str, int] = {}  # last row number per family inside a prose table
        self.attachment_list = False  # inside "附件:1.… 2.…", a list naming the attachments
        self.skip: set[int] = set()  # pieces already consumed (an attachment's title line)
        self.last_by_family: dict[str, BuildNode] = {}  # in the current part
        self.contents = contents_headings(pieces)
        self.contents_index = by_prefix(self.contents)
        # read_label of every text line (None for other pieces), read once and up front: the loop reads
        # each line's label, and its look-aheads (`_next_label_restarts`, `_next_follows`, an
        # attachment's title line) ask about the lines after it; a list is cheaper than reading on demand
        self.labels: list[Label | None] = [read_label(p.span.text) if p.kind == "text" else None for p in pieces]

    # ---- numbering -------------------------------------------------
    def _parent_for(self, label: Label) -> BuildNode | None:
        rank = _RANK[label.family]  # label.rank, without the property's frame
        for node in reversed(self.stack):
            if _RANK[node.label.family] < rank:  # node.label.rank, without the property's frame
                return node
        return None

    def _siblings(self, parent: BuildNode | None) -> list[BuildNode]:
        return parent.children if parent else self.parts[-1].roots

    def _last_of_family(self, family: str) -> BuildNode | None:
        return self.last_by_family.get(family)

    def acceptable(self, label: Label, rest: str, strict: bool) -> bool:
        if self.attachment_list:
            return False
        if self.in_box:
            # a box's list starts at 1 right under the box's title, or nests under the box's own list;
            # a 1 after the box's list, or after the box's prose, starts the outline again
            if label.number == 1 and label.family not in _STRUCTURAL and (
                    self.box_fresh or self.box_rows and label.family not in self.box_rows):
                return False
            if self.box_rows.get(label.family, 0) == label.number - 1 and label.number > 1:
                return False  # the next row of the box's list
            strict = True
        if self.in_prose_table:
            # only a real heading ends a table laid out as prose: short, unpunctuated, not a dated row,
            # and not the next number of the table's own rows
            rest = rest.strip()
            if strict or not heading_like(rest) or rest[-1:] in FINAL_PUNCT or rx.match(r"\d", rest):
                return False
            if self.table_rows.get(label.family) == label.number - 1:
                return False
            if any(FAMILIES[family][0] < label.rank for family in self.table_rows) and not any(
                    n.label.family == label.family and n.label.number == label.number - 1
                    for n in self._siblings(self._parent_for(label))):
                return False  # `(1)男性补助…` under the table's own row `1、婚后孕前检查`; `(2)` after `(1)` goes on
            strict = True
        parent = self._parent_for(label)
        family = label.family
        sibling = None  # the last sibling of the label's family: all that is asked of the siblings
        for node in reversed(parent.children if parent is not None else self.parts[-1].roots):
            if node.label.family == family:
                sibling = node
                break
        expected: set[int] = set()
        if sibling is not None:
            expected.add(sibling.label.number + 1)
        else:
            expected.add(1)
            last = self.last_by_family.get(family)
            if last is not None and (parent is None or last.parent is not parent):
                expected.add(last.label.number + 1)
        if parent is None and any(r.label.family != label.family for r in self.parts[-1].roots):
            # a new top level in mid-document (第一部分: inside a paragraph) must look like a heading
            if not heading_like(rest) or label.rank > min(r.label.rank for r in self.parts[-1].roots):
                return False
        if label.number in expected:
            return True
        if strict:
            return False
        heading = heading_like(rest) or (rest and len(rest) <= 60 and rest.rstrip()[-1:] in "。")
        if not self.started:
            return bool(heading) and label.rank <= 3  # an excerpt may start at 肆、 or 三、
        top = max(expected)
        if heading and sibling is None and label.number == 2:
            return True  # a PDF conversion lost the "1、" of a list
        if heading and sibling is not None and 0 < label.number - top <= 2:
            return True
        # a longer forward jump (an excerpt, deleted items): only at a line start that reads like the
        # item before it, same separator (1. vs 1、) and a short first sentence, so prose numbers stay text
        previous = sibling if sibling is not None else self._last_of_family(label.family)
        if previous is not None and 0 < label.number - top <= 5 and label.raw[-1:] == previous.label.raw[-1:] \
                and len(rest.strip()) >= 2 and (previous.label.number == label.number - 2 or self._next_follows(label)):
            # items deleted (5. then 7. or 8. at a line start, the same separator, and 9. next): a gap, not
            # prose; refusing it would refuse every later item too
            return True
        head = rest.split("。")[0]
        return (previous is not None and label.number > top and label.number - top <= 40
                and label.raw[-1:] == previous.label.raw[-1:] and "。" in rest and 2 <= len(head) <= 30)

    def _next_follows(self, label: Label) -> bool:
        """The next numbered line start continues from `label` (same family and separator)."""
        for index in range(self.at + 1, min(self.at + 12, len(self.pieces))):
            if self.pieces[index].kind != "text":
                continue
            after = self.labels[index]
            if after is not None and after.family == label.family:
                return after.number == label.number + 1 and after.raw[-1:] == label.raw[-1:]
        return False

    def _open(self, label: Label, line: Span, rest: Span) -> None:
        self.in_box = False
        parent = self._parent_for(label)
        stack = self.stack
        while stack and stack[-1] is not parent:
            stack.pop()
        node = BuildNode(label, (), parent, line)
        (parent.children if parent is not None else self.parts[-1].roots).append(node)
        stack.append(node)
        self.last_by_family[label.family] = node
        self.owner = node
        self.started = True
        self.para = Para(rest, whole_line=True)  # an empty rest too: the label alone on its line

    def _reads_like_item(self, label: Label, text: str) -> bool:
        """A dotless `2加强宣传。…` is an item when the items before it are written the same way."""
        if label.number > 1 and self._last_of_family(label.family) is None:
            return False
        head = text[label.end:].split("。")[0]
        return 2 <= len(head) <= 30 and "。" in text and "," not in head  # a sentence, not a table cell

    # ---- paragraphs ------------------------------------------------
    def _add(self, para: Para) -> None:
        if not para.last:
            return  # nothing but spaces
        if self.owner is None:
            (self.parts[-1].intro if len(self.parts) > 1 else self.head).append(para)
        else:
            self.owner.paras.append(para)

    def _inline_label(self, span: Span) -> tuple[int, Label] | None:
        text = span.text
        # one search first: most paragraphs hold no position where a label could start, and for them
        # that is all (no generator is set going)
        first = (_INLINE_COMPILED[0] if _INLINE_COMPILED else _inline_pattern()).search(text)
        if first is None:
            return None
        for at in _inline_starts(text, first):
            label = read_label(text, at)
            if label is None:
                continue
            before = text[:at].rstrip()
            if not self.started and not (label.number == 1 and label.rank <= 5 and before[-1:] in "。;:!?"):
                continue  # a notice run together on one line: its first heading follows a finished sentence
            if before.count("(") > before.count(")") or before.count("《") > before.count("》"):
                continue  # "(1.中国科学院…;2.上海交通大学)": a list inside a bracket is not the outline
            if label.family in ("arabic", "paren_arabic") and before and before[-1] not in "。;:!?)”」":
                continue  # "第 4、5 栋": a bare space is no boundary for a digit label
            if self.acceptable(label, text[label.end:], strict=True):
                return at, label
        return None

    def flush(self) -> None:
        para = self.para
        self.para = None
        if para is None:
            return
        span = para.span
        while True:
            found = self._inline_label(span)
            if found is None:
                # `para` is added as `Para(span, para.whole_line)` would be: its parts are put together
                # (span), its last character and bracket counts are the whole text's, and with no tail
                # a later should_join reads the whole text's last line, not the last line joined in
                para.tail = None
                self._add(para)
                return
            at, label = found
            before = span[:at].strip()
            if before.text:
                self._add(Para(before, para.whole_line))
            self._open(label, span, span[label.end:])
            para = self.para
            assert para is not None
            para.whole_line = False  # the text after an inline label did not begin a line
            span = para.span
            self.para = None

    def _reopen(self) -> Para | None:
        if self.owner is not None:
            target = self.owner.paras
        else:
            target = self.parts[-1].intro if len(self.parts) > 1 else self.head
        return target.pop() if target else None

    def should_join(self, para: Para, line: Span) -> bool:
        # the whole text is put together only past the tests of its last character (see Para)
        end = para.last
        b = line.text
        if not end:
            return True
        if b[0] in CLOSERS:
            return True
        if self.owner is not None and b[0] == "(" and rx.match(r"^\([^()]{2,200}\)[。.]?$", b) and (
                self.owner.label.rank >= 4 or rx.search(r"(单位|部门)\s*:", b)):
            return True  # a unit bracket a page break pushed onto its own line
        if self._open_bracket(para):
            return True  # "(牵头单位:区市场监管局;" / "配合单位:…)": a bracket the line break cut
        if self.contents and continues_listed_title(self.contents_index, para.span.text.rstrip(), b):
            return True  # a heading the PDF wrapped: the contents page lists it whole
        if self.contents and self.owner is not None and para.whole_line and squeeze(para.span.text.rstrip()) in self.contents:
            return False  # the contents page lists this line as a whole heading
        if end in FINAL_PUNCT or (end == ")" and closes_after_stop(para.span.text.rstrip())):
            return False
        if end in CONTINUERS:
            return True
        a = para.span.text.rstrip()
        if end in _ASCII_ALNUM and not DATE_LINE.match(a) and not _starting(_ATTACHMENT_MARK, a):
            return True
        last = (para.tail or para.span).text.rstrip()  # the last line joined in (the whole text if none)
        if "。" in last or ";" in last:
            return True  # a finished sentence, then the next one cut by the line end
        if self.owner is None:
            return False  # the covering notice keeps its lines: titles, recipients, signatures
        rest = a
        label = read_label(a)
        if label is not None:
            rest = a[label.end:]
        if self.wrap and display_width(last) >= self.wrap:
            return True
        if heading_like(rest):
            return False
        return "," in rest and "," in rx.sub(r"(?<=\d),(?=\d{3})", "", rest) and len(rest) > 20

    @staticmethod
    def _open_bracket(para: Para) -> bool:
        """`open_in_sentence(para.span.text)`, from counts kept as lines join: a paragraph of many
        joined lines would otherwise be rescanned from its start at every line (quadratic)."""
        brackets = para.brackets
        if brackets is None:
            if len(para._parts) == 1:
                # one line (or a paragraph put together and reopened): the plain test, one pass over the
                # text after its last 。; counts are kept only once lines join, so a paragraph joined
                # line by line is still read once, not at every line
                return open_in_sentence(para._parts[0].text)
            brackets = para.brackets = SentenceBrackets(para.span.text)
        return brackets.open

    # ---- parts -----------------------------------------------------
    def _maybe_part(self, index: int, text: str, line: Span, anchored: bool = True) -> bool:
        """A new part starts at this line: an attachment's heading, or the title of a second document.
        `anchored`: whether the line starts as an anchored pattern may (see `_ANCHOR_FIRSTS`)."""
        if not self.started:
            return False
        m = _starting(_ATTACHMENT, text) if anchored else None
        title = m.group("title").strip() if m else ""
        if m and (m.group("num") or m.group("sep") or m.group("space") or not title) \
                and not (title and title[-1] in FINAL_PUNCT) and len(title) <= 40:
            if read_label(title) is not None:
                self.attachment_list = True  # 附件:1.分解表 2.指标表 lists the attachments; it is text
                return False
            self.flush()
            number = m.group("num")
            lines = [line]
            if not title:  # 附件1 / 重点任务分解表: the title stands on the next line
                following = self.pieces[index + 1] if index + 1 < len(self.pieces) else None
                if following is not None and following.kind == "text" and self.labels[index + 1] is None \
                        and heading_like(following.span.text) and not _starting(_ATTACHMENT, following.span.text):
                    title = following.span.text
                    lines.append(following.span)
                    self.skip.add(index + 1)
            self._drop_announcement(number, title)
            self.parts.append(PartInfo(title or f"附件{number}", "attachment", line, key=f"附件{number}",
                                       lines=lines, owner_before=self.owner, stack_before=list(self.stack)))
            self._reset()
            return True
        # the cheap tests first: a plan title ends in a plan word or a bracket (most lines end in 。), and
        # the next label restarts a numbering only in a few places, while PLAN_TITLE backtracks through
        # every long line (all are pure, so the order is free)
        if text.endswith(_PLAN_TITLE_ENDS) and self._next_label_restarts(index) and PLAN_TITLE.match(text) \
                and self.labels[index] is None:
            self.flush()
            first = self.parts[0]
            if len(self.parts) == 1 and not first.title:
                # the first document's own title line, just before its first heading, names its paths
                titled = next((p for p in reversed(self.head) if PLAN_TITLE.match(p.span.text.strip())
                               and read_label(p.span.text) is None), None)
                if titled is not None:
                    first.title, first.span = titled.span.text.strip(), titled.span
            self.parts.append(PartInfo(text, "document", line, key=text))
            self._reset()
            return True
        return False

    def _drop_announcement(self, number: str, title: str) -> None:
        """`附件:考评指标` in the notice, then `附件` / `考评指标` as the heading: one attachment.

        The first mention only announces the attachment (nothing numbered follows it before the
        heading repeats it), so it goes back into the text where it stands and the attachment
        starts at its heading. What stood between the two (the signature and date of the notice,
        a note such as `（本文有删减）`) is the notice's, and goes back with it.
        """
        last = self.parts[-1]
        if last.kind != "attachment" or last.roots or last.tables:
            return
        def bare(name: str) -> str:
            return rx.sub(r"[\s《》〈〉“”\"。.]", "", name)
        same = bare(last.title) == bare(title or f"附件{number}")
        if not same or (last.key != f"附件{number}" and last.key != "附件" and number):
            return
        self.parts.pop()
        self.owner, self.stack = last.owner_before, last.stack_before
        self.started = True
        self._add(Para(Span.join(last.lines, "\n") if len(last.lines) > 1 else last.lines[0]))
        signature = [Piece("text", para.span) for para in last.intro]
        cut = split_closing(signature)
        for para in last.intro[:cut]:
            self._add(para)
        self.inner_closing += signature[cut:]

    def _reset(self) -> None:
        self.attachment_list = False
        self.in_box = False
        self.last_by_family = {}
        self.stack = []
        self.owner = None
        self.para = None
        self.started = True

    def _next_label_restarts(self, index: int) -> bool:
        for label in self.labels[index + 1:index + 4]:  # None for a piece that is not text, as for an unlabelled line
            if label is None:
                continue
            roots = self.parts[-1].roots
            return label.family == "cn" and label.number == 1 and any(r.label.family == "cn" for r in roots)
        return False

    # ---- main loop -------------------------------------------------
    def build(self) -> OutlineResult:
        end = split_closing(self.pieces)
        for index, piece in enumerate(self.pieces[:end]):
            self.at = index
            if index in self.skip:
                continue
            if piece.kind in ("artefact", "contents"):
                self.set_aside.append(piece)
                continue
            if piece.kind == "table":
                self.flush()
                if self.owner is None and len(self.parts) > 1:
                    self.parts[-1].tables.append(piece)
                elif self.owner is None:
                    self.head_tables.append(piece)
                else:
                    self.owner.tables.append(piece)
                continue
            line = piece.span
            text = line.text
            # 附件…, 表…/附表…, 专栏…: the only lines the anchored patterns can match (most lines: none tried)
            anchored = text[:1] in _ANCHOR_FIRSTS
            # a part starts only at an attachment heading (anchored) or at a plan title (which ends so)
            if (anchored or text.endswith(_PLAN_TITLE_ENDS)) and self._maybe_part(index, text, line, anchored):
                continue
            if anchored and self.started and _starting(_PROSE_TABLE, text):
                self.in_prose_table = True
                self.table_rows = {}
            box_title = anchored and self.started and bool(_starting(_BOX, text))
            self.box_fresh, self.after_box_title = self.after_box_title, box_title
            if box_title:
                self.in_box, self.box_rows = True, {}
            label = self.labels[index]
            if label is None and self.started and (loose := read_loose_label(text)) is not None \
                    and 2 <= len(text[loose.end:].split("。")[0]) <= 30 and "。" in text \
                    and self.acceptable(loose, text[loose.end:], strict=True):
                label = loose
            if label is None and self.started and (bare := read_bare_label(text)) is not None \
                    and self._reads_like_item(bare, text) and self.acceptable(bare, text[bare.end:], strict=True):
                label = bare
            if label is None and self.started and self.contents and (listed := self.contents.get(squeeze(text))) is not None \
                    and self.acceptable(listed, text, strict=True):
                label = listed  # the contents page numbers a heading whose label the body lost
            if label is not None:
                self.flush()
                rest = text[label.end:]
                if self.acceptable(label, rest, strict=False):
                    self.in_prose_table = False
                    self._open(label, line, line[label.end:])
                    continue
                if self.in_prose_table:
                    self.table_rows[label.family] = label.number
                elif self.in_box:
                    self.box_rows[label.family] = label.number
                elif not self.attachment_list and self.started:  # before the outline it is notice text
                    self.rejected.append((line, label))
                previous = self._reopen()
                if previous is not None and self.should_join(previous, line):
                    self.para = previous.joined(line, previous.whole_line)
                else:
                    if previous is not None:
                        self._add(previous)
                    self.para = Para(line)
                continue
            if self.para is not None and self.should_join(self.para, line):
                self.para = self.para.joined(line, self.para.end is None)
            else:
                self.flush()
                self.para = Para(line)
        self.flush()
        return OutlineResult(self.head, self.parts, self.inner_closing + self.pieces[end:], self.set_aside, self.head_tables, self.rejected)


def _concat(a: Span, b: Span) -> Span:
    """Two lines joined, with a space between ASCII words (what `Para.joined` does lazily)."""
    if a.text and b.text and a.text[-1] in _ASCII_ALNUM and b.text[0] in _ASCII_LETTERS:
        return Span.join([a, b], " ")
    return a + b


def build_outline(pieces: list[Piece]) -> OutlineResult:
    return OutlineBuilder(pieces).build()
