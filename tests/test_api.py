"""The Python API: `ipplan.parse(path | text | bytes)`, the Document model and its JSON Schema."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pydantic
import pytest

import goldscore
import ipplan.parse
from conftest import SEEDS, SEEDS_DIR
from ipplan.schema.models import SCHEMA_VERSION, Document, Target

SEED = SEEDS_DIR / "002_16ba785a0e610339.txt"


def outline_json(doc) -> list:
    return doc.model_dump(mode="json")["outline"]


# ---- one entry point, three kinds of input ----------------------------------------------------

@pytest.fixture(scope="module")
def three_ways():
    text = SEED.read_text(encoding="utf-8")
    return {
        "path-str": ipplan.parse(str(SEED)),
        "path": ipplan.parse(SEED),
        "text": ipplan.parse(text),
        "bytes": ipplan.parse(SEED.read_bytes()),
        "parse_text": ipplan.parse.parse_text(text),
    }


def test_path_text_and_bytes_give_the_same_outline(three_ways):
    outlines = {k: outline_json(d) for k, d in three_ways.items()}
    reference = outlines["path"]
    assert len(goldscore.flatten(reference)) == len(goldscore.load_gold(SEED.name)["outline"])
    for kind, outline in outlines.items():
        assert outline == reference, kind


def test_path_text_and_bytes_give_the_same_meta(three_ways):
    metas = {k: d.model_dump(mode="json")["meta"] for k, d in three_ways.items()}
    assert all(m == metas["path"] for m in metas.values())
    assert metas["path"]["region"] == "普陀区"


def test_source_and_encoding(three_ways):
    assert three_ways["path-str"].source == str(SEED)
    assert three_ways["path"].source == str(SEED)
    assert three_ways["path"].encoding == "utf-8"
    assert three_ways["text"].source is None and three_ways["text"].encoding is None


def test_callable_package_and_parse_function_agree():
    assert callable(ipplan.parse)
    assert outline_json(ipplan.parse.parse(SEED)) == outline_json(ipplan.parse(SEED))


def test_a_one_line_string_that_is_no_file_is_text(tmp_path):
    doc = ipplan.parse("某区知识产权工作方案")
    assert doc.meta.title == "某区知识产权工作方案"
    assert doc.source is None


def test_parse_text_prints_nothing_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ipplan.parse.parse_text(SEED.read_text(encoding="utf-8"))
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert list(tmp_path.iterdir()) == []


def test_iter_nodes_is_document_order(three_ways):
    doc = three_ways["path"]
    dumped = goldscore.flatten(outline_json(doc))
    assert [n.path for n in doc.iter_nodes()] == [n["path"] for n in dumped]
    lines = [n.line for n in doc.iter_nodes()]
    assert lines == sorted(lines)


# ---- the model round-trips and matches its schema ---------------------------------------------

@pytest.mark.parametrize("name", SEEDS)
def test_round_trip(seed_doc, name):
    doc = seed_doc(name)
    data = doc.model_dump(mode="json")
    again = Document.model_validate(data)
    assert again.model_dump(mode="json") == data
    assert Document.model_validate_json(json.dumps(data, ensure_ascii=False)).model_dump(mode="json") == data


@pytest.mark.parametrize("name", SEEDS)
def test_schema_version(seed_doc, name):
    data = seed_doc(name).model_dump(mode="json")
    assert data["schema_version"] == SCHEMA_VERSION
    assert isinstance(SCHEMA_VERSION, str) and SCHEMA_VERSION


def _check(value, schema: dict, defs: dict, where: str) -> None:
    """A small JSON Schema check for the keywords pydantic emits (no third-party validator needed)."""
    if "$ref" in schema:
        return _check(value, defs[schema["$ref"].rsplit("/", 1)[1]], defs, where)
    if "anyOf" in schema:
        errors = []
        for option in schema["anyOf"]:
            try:
                return _check(value, option, defs, where)
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{where}: matches no anyOf option: {errors}")
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if "const" in schema:
        assert value == schema["const"], where
    kind = schema.get("type")
    types = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    if kind in types:
        assert isinstance(value, types[kind]), f"{where}: {value!r} is not {kind}"
    elif kind == "integer":
        assert isinstance(value, int) and not isinstance(value, bool), f"{where}: {value!r} is not an integer"
    elif kind == "number":
        assert isinstance(value, (int, float)) and not isinstance(value, bool), f"{where}: {value!r} is not a number"
    if kind == "string" and schema.get("format") == "date":
        dt.date.fromisoformat(value)
    if kind == "object" and "properties" in schema:
        for key in schema.get("required", []):
            assert key in value, f"{where}: required {key} missing"
        for key, item in value.items():
            if key not in schema["properties"]:
                assert schema.get("additionalProperties", True) is not False, f"{where}: unexpected key {key}"
                continue
            _check(item, schema["properties"][key], defs, f"{where}.{key}")
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        for key, item in value.items():
            _check(item, schema["additionalProperties"], defs, f"{where}[{key}]")
    if kind == "array" and "items" in schema:
        for i, item in enumerate(value):
            _check(item, schema["items"], defs, f"{where}[{i}]")


@pytest.fixture(scope="module")
def schema():
    return Document.model_json_schema()


@pytest.mark.parametrize("name", SEEDS)
def test_document_json_matches_the_schema(seed_doc, schema, name):
    data = seed_doc(name).model_dump(mode="json")
    _check(data, schema, schema["$defs"], "document")
    assert set(data) == set(schema["properties"])


def test_schema_checker_can_fail(schema, seed_doc):
    data = seed_doc(SEEDS[0]).model_dump(mode="json")
    data["outline"][0]["kind"] = "chapterette"
    with pytest.raises(AssertionError, match="kind"):
        _check(data, schema, schema["$defs"], "document")
    data = seed_doc(SEEDS[0]).model_dump(mode="json")
    data["meta"]["surprise"] = 1
    with pytest.raises(AssertionError, match="surprise"):
        _check(data, schema, schema["$defs"], "document")


def test_model_forbids_unknown_fields(seed_doc):
    data = seed_doc(SEEDS[0]).model_dump(mode="json")
    data["outline"][0]["colour"] = "red"
    with pytest.raises(pydantic.ValidationError):
        Document.model_validate(data)


# ---- the Target model ------------------------------------------------------------------------------

def target(**kw):
    base = dict(name="有效发明专利拥有量", unit="件", source="text", line=1, raw="有效发明专利拥有量达到18000件")
    return Target(**{**base, **kw})


def test_target_accepts_a_value_and_a_range():
    t = target(op="=", value=Decimal("18000"), year=2025)
    assert t.model_dump(mode="json")["value"] == 18000
    r = target(op="range", low=3, high=5, unit="家")
    assert (r.low, r.high) == (3, 5)
    assert target(op="range", low=2, high=2).low == 2
    assert target(op=">=", value=Decimal("1.5")).model_dump(mode="json")["value"] == 1.5


@pytest.mark.parametrize("kw, message", [
    (dict(op="range", low=5, high=3), "low"),
    (dict(op="range", low=5), "low and high"),
    (dict(op="="), "value"),
    (dict(op=">="), "value"),
    (dict(op="=", value=1, year=1900), "year"),
    (dict(op="~", value=1), "op"),
    (dict(op="=", value=1, source="guess"), "source"),
])
def test_target_rejects(kw, message):
    with pytest.raises(pydantic.ValidationError, match=message):
        target(**kw)


def test_plain_import_exposes_the_callable_parse_package():
    import subprocess
    import sys

    code = ("import ipplan, sys; assert 'ipplan.parse' not in sys.modules; "
            "d = ipplan.parse('一、总体要求\\n坚持创新。'); print(d.outline[0].title)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "总体要求"
