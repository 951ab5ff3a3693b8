"""SARIF 2.1.0: findings in the format code-scanning tools (GitHub, GitLab, VS Code) show on the line.

Only the properties the 2.1.0 schema requires or the viewers use are written:
`version`, `$schema`, `runs[].tool.driver` with its `rules`, and per result the
`ruleId`/`ruleIndex`, `level`, `message.text` and a physical location.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from .. import __version__
from ..schema.models import Finding
from .rules import RULES

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(source: str | None) -> str:
    """A relative path stays relative (GitHub resolves it against the checkout); stdin has no file."""
    if not source or source == "<stdin>":
        return "stdin"
    return Path(source).as_posix()


def sarif(reports: Iterable[tuple[str | None, list[Finding]]]) -> dict[str, Any]:
    ids = list(RULES)
    rules = [{
        "id": r.id, "name": r.name,
        "shortDescription": {"text": r.short}, "fullDescription": {"text": r.help},
        "defaultConfiguration": {"level": r.severity},
        "help": {"text": r.help},
    } for r in RULES.values()]
    results = []
    for source, findings in reports:
        for f in findings:
            location: dict[str, Any] = {"artifactLocation": {"uri": _uri(source)}}
            if f.line:
                region: dict[str, Any] = {"startLine": f.line}
                if f.column:
                    region["startColumn"] = f.column
                location["region"] = region
            result: dict[str, Any] = {
                "ruleId": f.rule, "ruleIndex": ids.index(f.rule), "level": f.severity,
                "message": {"text": f.message},
                "locations": [{"physicalLocation": location}],
            }
            if f.path:
                result["properties"] = {"outlinePath": "/".join(f.path)}
            results.append(result)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ipplan", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
