"""The result of `ipplan compare`: the JSON contract scripts and CI jobs rely on.

Every count leads back to clauses: cells carry the item paths (`三/(二)/3`) that produced
them, target cells carry the line and raw text, measure pairs carry both paths and lines.
`compare()` returns a `CompareResult` (each view with its rows and what it knows beyond
them); `ipplan compare --format json` prints it as `CompareOutput`, the contract: each view key
holds its rows (measures: its pairs), the rest sits under `extras`. `ipplan schema --compare`
prints the JSON Schema of `CompareOutput`.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

COMPARE_SCHEMA_VERSION = "1.0"
ToolType = Literal["supply", "environment", "demand"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocRef(_Model):
    id: str = Field(description="unique per input: the file name without extension, made unique with ~2, ~3")
    source: str | None = Field(description="the path as given")
    region: str | None
    title: str | None
    period: list[int | None] | None = Field(description="[start, end] years; start null when the text gives no issue year")
    items: int = Field(default=0, description="task items compared (what tools, themes, units and measures count)")


class TargetCell(_Model):
    value: float | int | None
    low: float | int | None
    high: float | int | None
    op: str
    unit: str
    year: int | None
    line: int
    raw: str
    human: str = Field(description="the cell as shown: ≥15件 (2025), 100亿元, 3–5家, 新增3–5家")
    measure: str = Field("", description="新增 (an increment over the plan), 每年 (per year) or empty (a level reached); "
                                         "cells of different measures are not ranked against each other")


class TargetRow(_Model):
    key: str | None = Field(description="canonical indicator key; null for a target no lexicon entry matches")
    name: str
    shared: bool = Field(description="stated by two or more documents")
    best: list[str] = Field(default_factory=list, description="ids of the documents with the highest promise")
    cells: dict[str, list[TargetCell]]


class TargetsView(_Model):
    rows: list[TargetRow]


class CountCell(_Model):
    count: int
    items: list[str] = Field(description="outline paths of the items counted, e.g. 三/(二)/3")


class ToolRow(_Model):
    type: ToolType
    tool: str
    domain: str = Field(description="IP chain domain: 创造, 运用, 保护, 管理, 服务, or 其他 when no rule names one")
    cells: dict[str, CountCell]


class ToolShare(_Model):
    supply: float
    environment: float
    demand: float
    coded: int = Field(description="items at least one rule codes")
    uncoded: int
    codings: int = Field(description="item × tool codings the shares are computed over")


class UncodedItem(_Model):
    doc: str
    path: str
    title: str
    line: int


class ToolName(_Model):
    type: ToolType
    tool: str


class ToolsView(_Model):
    rows: list[ToolRow]
    shares: dict[str, ToolShare] = Field(description="per document: share of codings per instrument type")
    domains: dict[str, dict[str, int]] = Field(description="per document: items per IP chain domain")
    uncoded: list[UncodedItem]
    unused: list[ToolName] = Field(default_factory=list, description="tools of the rules no item carries: the gaps")


class ThemeRow(_Model):
    theme: str
    cells: dict[str, CountCell]


class ThemesView(_Model):
    rows: list[ThemeRow]
    missing: dict[str, list[str]] = Field(description="per document: the themes it does not address")


class UnitRow(_Model):
    unit: str = Field(description="the agency as named; a name the text equates with another is shown as 甲〔乙〕")
    aliases: list[str] = Field(default_factory=list, description="other names the text equates with it")
    cells: dict[str, CountCell] = Field(description="items naming the unit at all")
    led: dict[str, list[str]] = Field(default_factory=dict, description="items the unit leads, where the text says so")
    co: dict[str, list[str]] = Field(default_factory=dict, description="items it co-operates on, where the text says so")


class UnitsView(_Model):
    rows: list[UnitRow]


class Side(_Model):
    doc: str
    path: str
    title: str
    line: int


class Edit(_Model):
    op: Literal["replace", "insert", "delete"]
    a: str
    b: str


class MeasurePair(_Model):
    a: Side
    b: Side
    similarity: float = Field(ge=0, le=1)
    edits: list[Edit] = Field(default_factory=list, description="spans edited from a to b, numbers kept whole; only for pairs of similarity ≥ 0.4 (below that the texts share a topic, not wording)")
    earlier: str | None = Field(default=None, description="id of the document issued first (the likely source of a "
                                "copied measure); null when an issue date is unknown or the same")


class MeasuresView(_Model):
    pairs: list[MeasurePair]
    own: dict[str, list[Side]] = Field(description="per document: items with no counterpart above --min-sim")
    boilerplate: list[Side] = Field(description="items set aside as boiler-plate every plan shares")
    min_sim: float
    method: Literal["all-pairs", "index", "minhash-lsh"]


class CompareResult(_Model):
    schema_version: str = COMPARE_SCHEMA_VERSION
    documents: list[DocRef]
    targets: TargetsView | None = None
    tools: ToolsView | None = None
    themes: ThemesView | None = None
    units: UnitsView | None = None
    measures: MeasuresView | None = None


# ------------------------------------------------------------ the JSON contract

class ToolsExtra(_Model):
    shares: dict[str, ToolShare] = Field(description="per document: share of codings per instrument type")
    domains: dict[str, dict[str, int]] = Field(description="per document: items per IP chain domain")
    uncoded: list[UncodedItem] = Field(description="items no rule codes: counted and listed, never dropped")
    unused: list[ToolName] = Field(description="tools of the rules no item carries: the gaps")


class ThemesExtra(_Model):
    missing: dict[str, list[str]] = Field(description="per document: the themes it does not address")


class MeasuresExtra(_Model):
    own: dict[str, list[Side]] = Field(description="per document: items with no counterpart above --min-sim")
    boilerplate: list[Side] = Field(description="items set aside as boiler-plate every plan shares")
    min_sim: float
    method: Literal["all-pairs", "index", "minhash-lsh"]


class Extras(_Model):
    tools: ToolsExtra | None = None
    themes: ThemesExtra | None = None
    measures: MeasuresExtra | None = None


class CompareOutput(_Model):
    """What `ipplan compare --format json` prints: each view key holds its rows (measures: its pairs)
    exactly as the contract states; what a view knows beyond its rows sits under `extras`."""

    schema_version: str = COMPARE_SCHEMA_VERSION
    documents: list[DocRef]
    targets: list[TargetRow] | None = None
    tools: list[ToolRow] | None = None
    themes: list[ThemeRow] | None = None
    units: list[UnitRow] | None = None
    measures: list[MeasurePair] | None = None
    extras: Extras = Field(default_factory=Extras)

    @classmethod
    def of(cls, result: "CompareResult") -> "CompareOutput":
        extras = Extras()
        if result.tools is not None:
            extras.tools = ToolsExtra(shares=result.tools.shares, domains=result.tools.domains, uncoded=result.tools.uncoded,
                                      unused=result.tools.unused)
        if result.themes is not None:
            extras.themes = ThemesExtra(missing=result.themes.missing)
        if result.measures is not None:
            m = result.measures
            extras.measures = MeasuresExtra(own=m.own, boilerplate=m.boilerplate, min_sim=m.min_sim, method=m.method)
        return cls(schema_version=result.schema_version, documents=result.documents,
                   targets=result.targets.rows if result.targets else None,
                   tools=result.tools.rows if result.tools else None,
                   themes=result.themes.rows if result.themes else None,
                   units=result.units.rows if result.units else None,
                   measures=result.measures.pairs if result.measures else None, extras=extras)
