"""`ipplan check --format sarif`: a planted numbering gap on its line, and the log checked against SARIF 2.1.0.

The schema below is a trimmed transcription of the objects of the OASIS SARIF
2.1.0 JSON schema that ipplan writes: their required properties, enums,
minimums, and `additionalProperties: false` where the official schema has it,
so an unknown or misspelt property fails here as it fails in GitHub's upload.
"""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import SEEDS, SEEDS_DIR
from ipplan.check.rules import RULES
from ipplan.check.sarif import sarif
from ipplan.cli import app
from ipplan.schema.models import Finding

LEVEL = {"enum": ["none", "note", "warning", "error"]}
TEXT = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}},
        "additionalProperties": False}
BAG = {"type": "object"}
SCHEMA = {
    "$ref": "sarifLog",
    "definitions": {
        "sarifLog": {"type": "object", "required": ["version", "runs"], "additionalProperties": False, "properties": {
            "$schema": {"type": "string"}, "version": {"enum": ["2.1.0"]},
            "runs": {"type": "array", "items": {"$ref": "run"}}, "properties": BAG}},
        "run": {"type": "object", "required": ["tool"], "additionalProperties": False, "properties": {
            "tool": {"$ref": "tool"}, "results": {"type": "array", "items": {"$ref": "result"}},
            "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]}, "properties": BAG}},
        "tool": {"type": "object", "required": ["driver"], "additionalProperties": False, "properties": {
            "driver": {"$ref": "toolComponent"}, "properties": BAG}},
        "toolComponent": {"type": "object", "required": ["name"], "additionalProperties": False, "properties": {
            "name": {"type": "string"}, "version": {"type": "string"}, "semanticVersion": {"type": "string"},
            "informationUri": {"type": "string"}, "rules": {"type": "array", "items": {"$ref": "reportingDescriptor"}},
            "properties": BAG}},
        "reportingDescriptor": {"type": "object", "required": ["id"], "additionalProperties": False, "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}, "shortDescription": TEXT, "fullDescription": TEXT,
            "help": TEXT, "helpUri": {"type": "string"},
            "defaultConfiguration": {"type": "object", "additionalProperties": False, "properties": {
                "enabled": {"type": "boolean"}, "level": LEVEL, "rank": {"type": "number"}, "properties": BAG}},
            "properties": BAG}},
        "result": {"type": "object", "required": ["message"], "additionalProperties": False, "properties": {
            "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1}, "level": LEVEL,
            "message": {"$ref": "message"}, "locations": {"type": "array", "items": {"$ref": "location"}},
            "properties": BAG}},
        "message": {"type": "object", "additionalProperties": False, "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
                    "properties": {"text": {"type": "string"}, "id": {"type": "string"}, "markdown": {"type": "string"},
                                   "arguments": {"type": "array"}, "properties": BAG}},
        "location": {"type": "object", "additionalProperties": False, "properties": {
            "id": {"type": "integer", "minimum": -1}, "physicalLocation": {"$ref": "physicalLocation"},
            "message": {"$ref": "message"}, "properties": BAG}},
        "physicalLocation": {"type": "object", "additionalProperties": False,
                             "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}], "properties": {
            "artifactLocation": {"$ref": "artifactLocation"}, "region": {"$ref": "region"},
            "contextRegion": {"$ref": "region"}, "address": {"type": "object"}, "properties": BAG}},
        "artifactLocation": {"type": "object", "additionalProperties": False, "properties": {
            "uri": {"type": "string"}, "uriBaseId": {"type": "string"}, "index": {"type": "integer", "minimum": -1},
            "properties": BAG}},
        "region": {"type": "object", "additionalProperties": False, "properties": {
            "startLine": {"type": "integer", "minimum": 1}, "startColumn": {"type": "integer", "minimum": 1},
            "endLine": {"type": "integer", "minimum": 1}, "endColumn": {"type": "integer", "minimum": 1},
            "charOffset": {"type": "integer", "minimum": -1}, "charLength": {"type": "integer", "minimum": 0},
            "snippet": {"type": "object"}, "message": {"$ref": "message"}, "properties": BAG}},
    },
}
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "number": (int, float)}


def validate(value, schema: dict, where: str = "$") -> None:
    """Enough of JSON Schema for the trimmed SARIF schema: $ref, type, required, properties, enum, minimum, anyOf."""
    if "$ref" in schema:
        return validate(value, SCHEMA["definitions"][schema["$ref"]], where)
    kind = schema.get("type")
    if kind == "integer":
        assert isinstance(value, int) and not isinstance(value, bool), f"{where}: {value!r} is not an integer"
    elif kind:
        assert isinstance(value, TYPES[kind]) and not (kind != "boolean" and isinstance(value, bool)), \
            f"{where}: {value!r} is not {kind}"
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if "minimum" in schema:
        assert value >= schema["minimum"], f"{where}: {value} < {schema['minimum']}"
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, f"{where}: required property {key} missing"
        if "anyOf" in schema:
            assert any(all(k in value for k in option["required"]) for option in schema["anyOf"]), f"{where}: anyOf"
        props = schema.get("properties", {})
        for key, item in value.items():
            if key in props:
                validate(item, props[key], f"{where}.{key}")
            else:
                assert schema.get("additionalProperties", True) is not False, f"{where}: unknown property {key}"
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            validate(item, schema["items"], f"{where}[{i}]")


def check_log(log: dict) -> list[dict]:
    """Schema structure plus what the schema cannot say: rule ids that resolve, unique rules, one level scale."""
    validate(log, SCHEMA)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)), "rule ids repeat"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"], "ruleIndex does not resolve to ruleId"
        assert result["level"] == RULES[result["ruleId"]].severity
        assert result["locations"] and result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    return run["results"]


GAP = "某区知识产权工作方案（2024—2025年）\n一、主要任务\n（一）加强创造\n推进工作。\n（二）强化保护\n推进工作。\n（四）优化服务\n推进工作。\n"


def test_planted_numbering_gap_is_reported_on_its_line(tmp_path):
    path = tmp_path / "gap.txt"
    path.write_text(GAP, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), str(SEEDS_DIR / SEEDS[0]), "--format", "sarif"])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    (finding,) = check_log(log)
    assert finding["ruleId"] == "numbering-gap" and finding["level"] == "warning"
    location = finding["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == path.as_posix()
    assert location["region"] == {"startLine": 7, "startColumn": 1}
    assert GAP.split("\n")[7 - 1].startswith("（四）")
    assert "(四)" in finding["message"]["text"]
    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} == set(RULES)


def test_clean_seed_gives_a_valid_log_without_results():
    result = CliRunner().invoke(app, ["check", str(SEEDS_DIR / SEEDS[0]), "--format", "sarif"])
    assert result.exit_code == 0
    assert check_log(json.loads(result.stdout)) == []


def test_document_level_findings_have_a_file_but_no_region():
    log = sarif([("<stdin>", [Finding(rule="no-title", severity="warning", message="no plan title found")])])
    (result,) = check_log(log)
    assert result["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "stdin"}}


@pytest.mark.parametrize("break_it", [
    lambda log: log.pop("version"),
    lambda log: log["runs"][0]["results"][0].update(level="severe"),
    lambda log: log["runs"][0]["results"][0].update(ruleIndex=0),
    lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startLine=0),
    lambda log: log["runs"][0]["tool"]["driver"].pop("name"),
    lambda log: log["runs"][0]["results"][0].update(messages={"text": "x"}),
])
def test_the_checker_can_fail(break_it):
    log = sarif([("a.txt", [Finding(rule="numbering-gap", severity="warning", message="m", line=3, column=1)])])
    check_log(json.loads(json.dumps(log)))
    break_it(log)
    with pytest.raises(AssertionError):
        check_log(log)
