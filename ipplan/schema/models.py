"""The validated document model that `ipplan parse` emits.

These models are the contract with scripts, notebooks and CI jobs: field names
and meanings change only with a new SCHEMA_VERSION. Every extracted fact keeps
its `line` (1-based, in the user's input) so an analyst can check it.

Start-up cost matters here (every command that parses builds these classes), so two
habits that cost pydantic time at class creation are avoided on purpose:
- no `from __future__ import annotations`: string annotations are compiled and
  evaluated one by one when a class is built (a fifth of the build time); only
  `Node.children` keeps a forward reference, which it needs;
- `default_factory=_empty_list`, not `default_factory=list`: pydantic inspects the
  factory's signature, and `inspect.signature(list)` parses a text signature
  (about 0.4 ms each, sixteen times). The JSON Schema is the same either way.
"""
import datetime as dt
from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator

SCHEMA_VERSION = "2.0"

Op = Literal["=", ">=", ">", "<=", "<", "range"]
Role = Literal["lead", "co", "responsible"]
NodeKind = Literal["part", "chapter", "section", "item", "subitem", "point", "article"]
ChapterRole = Literal["requirements", "goals", "tasks", "safeguards", "other"]
Severity = Literal["error", "warning", "note"]


def _empty_list() -> list:
    """A new empty list: the default of every list field (cheaper for pydantic to inspect than `list`)."""
    return []


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


InputFormat = Literal["text", "html", "docx", "pdf"]


class Origin(_Model):
    """Where a fact sits in the file the analyst holds, when that file was not plain text.

    `line` fields count lines of the text ipplan read out of an HTML, DOCX or PDF file;
    this says where that line is in the original: a PDF page and its line on the page,
    a DOCX body paragraph (or table and row), a line of an HTML page's source.
    """

    page: int | None = Field(default=None, description="PDF: 1-based page")
    line: int | None = Field(default=None, description="PDF: 1-based line on the page; HTML: 1-based line in the source")
    paragraph: int | None = Field(default=None, description="DOCX: 1-based paragraph of the document body")
    table: int | None = Field(default=None, description="DOCX: 1-based table of the document body")
    row: int | None = Field(default=None, description="DOCX: 1-based row of that table")


class Block(_Model):
    """A run of text that belongs to no outline node (covering letter, preamble, closing)."""

    line: int = Field(description="1-based line in the input where the block starts")
    text: str
    reason: str | None = Field(default=None, description="why the text sits here and not in a node")
    page: int | None = Field(default=None, description="PDF page the block starts on")
    origin: Origin | None = Field(default=None, description="where the block starts in an HTML, DOCX or PDF file")


class Unit(_Model):
    name: str
    role: Role = Field(description="lead / co (operating) when the text tells them apart, else responsible")
    line: int
    page: int | None = Field(default=None, description="PDF page the unit is named on")


class Node(_Model):
    kind: NodeKind
    label: str = Field(description="numbering label, normalised: 一, (一), 1, (1)")
    label_raw: str = Field(description="the label after width folding and script conversion: （一） is (一)")
    path: list[str] = Field(description="labels from the top of the outline down to this node")
    title: str = Field(description="the heading, normalised (simplified script, ASCII punctuation): for matching")
    text: str = Field(description="the node's own text, without its children, normalised like `title`")
    label_as_written: str | None = Field(
        default=None, description="the label as the source writes it (width and script), e.g. （一）")
    title_as_written: str | None = Field(
        default=None, description="`title` as the source writes it: its punctuation (，（）：) and script")
    text_as_written: str | None = Field(
        default=None, description="`text` as the source writes it: its punctuation and script")
    units: list[Unit] = Field(default_factory=_empty_list)
    unit_roles: dict[str, list[str]] | None = Field(
        default=None, description="lead/co unit names when the text distinguishes them")
    role: ChapterRole | None = Field(default=None, description="what a chapter is for, when its heading says so")
    line: int
    end_line: int
    page: int | None = Field(default=None, description="PDF page the node starts on")
    origin: Origin | None = Field(default=None, description="where the node starts in an HTML, DOCX or PDF file")
    children: list["Node"] = Field(default_factory=_empty_list)


class Table(_Model):
    line: int
    end_line: int
    path: list[str] | None = Field(description="outline node the table sits in, null when before the outline")
    caption: str | None = None
    header: list[str]
    rows: list[list[str]]
    note: str | None = Field(default=None, description="a note under the table, e.g. (以上指标均为预期性指标)")
    page: int | None = Field(default=None, description="PDF page the table starts on")
    origin: Origin | None = Field(default=None, description="where the table starts in an HTML, DOCX or PDF file")


class _Quantity(_Model):
    """What a target and a result share: numbers written without a trailing .0, and a value or a range."""

    _word: ClassVar[str] = "quantity"
    _first_year: ClassVar[int] = 1900

    @field_serializer("value", "low", "high", check_fields=False)
    def _num(self, v: Decimal | None) -> int | float | None:
        if v is None:
            return None
        return int(v) if v == v.to_integral_value() else float(v)

    @model_validator(mode="after")
    def _check(self) -> "_Quantity":
        low, high, value = getattr(self, "low"), getattr(self, "high"), getattr(self, "value")
        if getattr(self, "op") == "range":
            if low is None or high is None:
                raise ValueError(f"a range {self._word} needs low and high")
            if low > high:
                raise ValueError(f"range low {low} is above high {high}")
        elif value is None:
            raise ValueError(f"a {self._word} that is not a range needs a value")
        year = getattr(self, "year")
        if year is not None and not self._first_year <= year <= 2100:
            raise ValueError(f"{self._word} year {year} is implausible")
        return self


class Target(_Quantity):
    name: str
    key: str | None = Field(default=None, description="canonical indicator key from the lexicon, null when unmatched")
    scope: str | None = None
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str
    op: Op
    year: int | None = None
    kind: str | None = Field(default=None, description="预期性 / 约束性 when the text says so")
    source: Literal["table", "text"]
    line: int
    raw: str = Field(description="the text the target was read from, as written")
    path: list[str] | None = Field(default=None, description="outline node the target sits in")
    page: int | None = Field(default=None, description="PDF page the target is read from")
    origin: Origin | None = Field(default=None, description="where the target is in an HTML, DOCX or PDF file")

    _word: ClassVar[str] = "target"
    _first_year: ClassVar[int] = 1949


class Result(_Quantity):
    """A quantity the text reports as already achieved: never a target, kept so promised can be set beside achieved.

    Work reports and policy reports state last year's results (`2023年…增长5.6%`,
    `参观人数166511人`, `已建成…`) beside this year's goals; the README section
    "Goals and results" says how the two are told apart.
    """

    name: str = Field(description="what was counted or measured, named as a target would be")
    key: str | None = Field(default=None, description="canonical indicator key from the lexicon, null when unmatched")
    scope: str | None = None
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str = Field(description="base unit, as for targets (元 is the currency of the place: 新台币 in Taiwan)")
    op: Op = Field(description="= for a reached value; > / >= when the text says 超过 / 以上")
    year: int | None = Field(default=None, description="the year the result is for (a 民国 year is converted), "
                                                       "null when the text gives none")
    marker: str | None = Field(default=None, description="what made it a result: a word before the number (已, "
                                                         "截至, 同比), a past year, or the section it stands in")
    source: Literal["table", "text"] = "text"
    line: int
    raw: str = Field(description="the text the result was read from, as written")
    path: list[str] | None = Field(default=None, description="outline node the result sits in")

    _word: ClassVar[str] = "result"
    _first_year: ClassVar[int] = 1900


class Part(_Model):
    """An attachment or a second document carried by the same notice."""

    title: str
    key: str = Field(description="the path element its entries start with: 附件, 附件1 or the document's title")
    line: int
    kind: Literal["attachment", "document"]
    text: str = Field(default="", description="text under the part's title before its first heading")


class Meta(_Model):
    title: str | None = Field(default=None, description="the plan's title, normalised (for matching)")
    title_as_written: str | None = Field(
        default=None, description="`title` as the source writes it: its punctuation and script")
    notice_title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    issued: dt.date | None = None
    region: str | None = None
    parent_region: str | None = None
    period: list[int | None] | None = Field(
        default=None, description="[start, end] years; start is null when the text gives no issue year")
    period_source: Literal["stated", "inferred", "given"] | None = Field(
        default=None, description="stated in the title, inferred from dates and targets, or given (--meta)")
    recipients: str | None = None
    header: dict[str, str] = Field(default_factory=dict, description="fields such as 索引号, 发布机构, 公开类别")
    script: Literal["simplified", "traditional"] = "simplified"
    lines: dict[str, int] = Field(default_factory=dict, description="input line each field was read from")

    @field_serializer("issued")
    def _date(self, v: dt.date | None) -> str | None:
        return v.isoformat() if v else None


class Finding(_Model):
    """Something in the document an analyst should look at; `ipplan check` reports these (text, JSON, SARIF)."""

    rule: str = Field(description="rule id, e.g. numbering-gap; `ipplan check --rules` lists them")
    severity: Severity
    message: str
    line: int | None = Field(default=None, description="1-based input line, null for the document as a whole")
    column: int | None = Field(default=None, description="1-based column in that line, where known")
    path: list[str] | None = Field(default=None, description="outline node the finding concerns")
    page: int | None = Field(default=None, description="PDF: the page that line is on, for the analyst who opens the PDF")

    def __str__(self) -> str:
        where = f"line {self.line}" + (f" (PDF page {self.page})" if self.page else "")
        return f"{where}: {self.message}" if self.line else self.message


class Document(_Model):
    schema_version: str = SCHEMA_VERSION
    source: str | None = None
    encoding: str | None = None
    input_format: InputFormat = Field(default="text", description="the reader used: text (and markdown), html, docx or pdf")
    meta: Meta
    front_matter: list[Block] = Field(default_factory=_empty_list, description="covering notice before the plan")
    preamble: list[Block] = Field(default_factory=_empty_list, description="the plan's text before its first heading")
    outline: list[Node] = Field(default_factory=_empty_list)
    tables: list[Table] = Field(default_factory=_empty_list)
    targets: list[Target] = Field(default_factory=_empty_list, description="quantified goals: what the plan commits to")
    results: list[Result] = Field(default_factory=_empty_list, description="quantities already achieved (a review of last "
                                                                    "year, 已建成…, 截至…): never targets")
    closing: list[Block] = Field(default_factory=_empty_list, description="distribution list, seals, dates after the body")
    contents: list[Block] = Field(default_factory=_empty_list, description="a table of contents, kept but not parsed")
    artefacts: list[Block] = Field(default_factory=_empty_list, description="page numbers, separators, web-page chrome")
    unplaced: list[Block] = Field(default_factory=_empty_list, description="text the parser could not place")
    parts: list[Part] = Field(default_factory=_empty_list)
    findings: list[Finding] = Field(default_factory=_empty_list, description="what the parser doubted and lint rules found")

    @property
    def warnings(self) -> list[str]:
        """The findings at warning level or above as `line N: message` strings (the model before 2.0)."""
        return [str(f) for f in self.findings if f.severity != "note"]

    def iter_nodes(self):
        """Every node of the outline, depth first, each before its children."""
        stack = self.outline[::-1]
        pop, extend = stack.pop, stack.extend
        while stack:
            node = pop()
            yield node
            if node.children:
                extend(node.children[::-1])


Node.model_rebuild()
