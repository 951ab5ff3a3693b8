"""The catalogue of check rules: one id, severity and explanation per kind of doubt.

Every finding the parser or the linter produces names a rule from here, so that
SARIF can list the rules in `tool.driver.rules` and CI jobs can filter on ids
that stay stable across versions.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..schema.models import Finding

SEVERITIES = ("note", "warning", "error")  # ascending; `--severity` is a threshold on this order


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    name: str  # SARIF wants a PascalCase-ish name beside the id
    short: str
    help: str


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("no-outline", "warning", "NoOutline", "No numbered outline found",
         "The parser found no 一、/(一)/1. numbering; the whole text is kept as preamble."),
    Rule("no-title", "warning", "NoPlanTitle", "No plan title found",
         "Neither a covering notice's 《》 nor a heading line named the plan."),
    Rule("numbering-start", "warning", "NumberingStart", "Numbering does not start at 1",
         "The first entry of a numbering family under its parent is not 1 and does not continue the family."),
    Rule("numbering-gap", "warning", "NumberingGap", "Numbering skips a number",
         "Siblings should count 1, 2, 3 …; a skipped number usually means a deleted or mis-typed item."),
    Rule("numbering-duplicate", "warning", "NumberingDuplicate", "Numbering repeats a number",
         "Two siblings carry the same label."),
    Rule("numbering-order", "warning", "NumberingOrder", "Labels out of order",
         "A label is lower than the one before it under the same parent."),
    Rule("label-rejected", "warning", "LabelRejected", "Numbered line kept as text",
         "A line starts with a label the numbering did not accept; it stays in the text of the node it sits in."),
    Rule("page-without-text", "warning", "PageWithoutText", "PDF page without a text layer",
         "A page of the PDF has no text (a scanned page?); its content is not in the model (ipplan does no OCR)."),
    Rule("label-from-contents", "warning", "LabelFromContents", "Label restored from the contents page",
         "The body lost this heading's label (a PDF conversion, say); the contents page lists the heading with it, "
         "so the entry is numbered from there and `label_raw` stays empty."),
    Rule("path-duplicate", "warning", "PathDuplicate", "Two entries share an outline path",
         "Two nodes have the same path, so references by path are ambiguous."),
    Rule("missing-title", "warning", "MissingTitle", "Entry without a title",
         "A numbered entry has neither a heading nor a first sentence."),
    Rule("unplaced-text", "warning", "UnplacedText", "Text the parser could not place",
         "Text that fits neither the notice, the preamble, the outline, the closing nor the artefacts."),
    Rule("table-row-unparsed", "warning", "TableRowUnparsed", "Table row gave no target",
         "A row of a target table holds numbers, but no target could be read from it."),
    Rule("units-missing", "note", "UnitsMissing", "Item without responsible units",
         "The plan names responsible units for some items of a chapter, but not for this one."),
    Rule("target-no-year", "note", "TargetNoYear", "Target without a year",
         "A quantified target whose year neither its text, its chapter nor the plan's period gives."),
    Rule("target-no-unit", "note", "TargetNoUnit", "Target without a unit",
         "A quantified target whose number carries no unit (件, 家, 亿元, %)."),
    Rule("period-mismatch", "warning", "PeriodMismatch", "Target year outside the stated period",
         "The plan states its period, but a target aims at a year outside it."),
    Rule("doc-number-format", "warning", "DocNumberFormat", "文号 in an unknown format",
         "A 文号 should read 机关代字〔年份〕序号号, with 六角括号 and no leading zeros (GB/T 9704-2012)."),
    Rule("date-format", "warning", "DateFormat", "Date in an unknown format",
         "A date line or header field that does not read as a valid YYYY年M月D日 or YYYY-MM-DD date."),
)}


def finding(rule: str, message: str, line: int | None = None, column: int | None = None,
            path: list[str] | None = None) -> Finding:
    """A finding with its rule's severity; an unknown id is a programming error, caught by the tests."""
    return Finding(rule=rule, severity=RULES[rule].severity, message=message, line=line or None, column=column,
                   path=list(path) if path else None)


def at_least(severity: str, threshold: str) -> bool:
    return SEVERITIES.index(severity) >= SEVERITIES.index(threshold)
