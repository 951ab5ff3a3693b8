"""Reading: encodings, line ends, and the inputs ipplan must refuse with InputError."""
from __future__ import annotations

import pytest

import ipplan.parse as P
from conftest import SEEDS_DIR
from ipplan.parse import InputError, parse_bytes, parse_text

SEED_000 = "000_16a45e86425a59f0.txt"   # contains U+2003 (em space): not encodable in GBK
SEED_001 = "001_b166df9dff158bba.txt"   # header fields, 1、 items
SEED_003 = "003_00c5e9fe007d877b.txt"   # traditional script
SEED_004 = "004_3ee95635a5469f0b.txt"


def seed_text(name: str) -> str:
    return (SEEDS_DIR / name).read_text(encoding="utf-8")


def comparable(doc) -> dict:
    """The document without the fields that name the input rather than describe it."""
    data = doc.model_dump(mode="json")
    data.pop("encoding")
    data.pop("source")
    return data


@pytest.fixture(scope="module")
def reference():
    """Each seed parsed from its UTF-8 text, once."""
    cache: dict[str, dict] = {}

    def get(name: str) -> dict:
        if name not in cache:
            cache[name] = comparable(parse_bytes(seed_text(name).encode("utf-8")))
        return cache[name]

    return get


# ---- encodings --------------------------------------------------------------------------

def test_plain_utf8_is_reported_as_utf8():
    doc = parse_bytes(seed_text(SEED_004).encode("utf-8"))
    assert doc.encoding == "utf-8"
    assert doc.meta.title == "湖州市推进国家知识产权强市建设试点城市工作方案(2022—2025年)"


@pytest.mark.parametrize("name, encode, want_encoding", [
    (SEED_004, lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig"),
    (SEED_001, lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig"),
    (SEED_004, lambda t: b"\xff\xfe" + t.encode("utf-16-le"), "utf-16"),
    (SEED_004, lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16"),
    (SEED_003, lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16"),
    (SEED_004, lambda t: t.encode("gbk"), "gbk"),
    (SEED_001, lambda t: t.encode("gbk"), "gbk"),
    (SEED_003, lambda t: t.encode("gbk"), "gbk"),
    (SEED_000, lambda t: t.encode("gb18030"), "gb18030"),
], ids=["bom-004", "bom-001", "utf16le-004", "utf16be-004", "utf16be-003", "gbk-004", "gbk-001", "gbk-003",
        "gb18030-000"])
def test_encoded_copy_parses_to_the_same_model(reference, name, encode, want_encoding):
    doc = parse_bytes(encode(seed_text(name)))
    assert doc.encoding == want_encoding
    assert comparable(doc) == reference(name)


def test_gbk_copy_of_a_seed_outline_and_meta(reference):
    # the assertion the issue names, spelled out: outline and meta JSON, encoding aside
    doc = comparable(parse_bytes(seed_text(SEED_004).encode("gbk")))
    want = reference(SEED_004)
    assert doc["outline"] == want["outline"]
    assert doc["meta"] == want["meta"]
    assert len(want["outline"]) == 4


def test_seed_000_needs_gb18030_not_gbk():
    # U+2003 has no GBK code; the GB18030 copy must not be reported as GBK
    with pytest.raises(UnicodeEncodeError):
        seed_text(SEED_000).encode("gbk")


# ---- --encoding override ------------------------------------------------------------------

def test_encoding_override_reads_big5():
    # Big5 bytes also decode as GB18030 (to mojibake): only the override reads them right
    text = seed_text(SEED_003)
    data = text.encode("big5")
    doc = parse_bytes(data, encoding="big5")
    assert doc.encoding == "big5"
    assert comparable(doc) == comparable(parse_bytes(text.encode("utf-8")))
    assert doc.meta.title == "关于加强上海市知识产权公共服务工作的意见"


def test_encoding_override_is_used_as_given():
    text = seed_text(SEED_004)
    doc = parse_bytes(text.encode("gbk"), encoding="gbk")
    assert doc.encoding == "gbk"
    assert doc.meta.region == "湖州市"


@pytest.mark.parametrize("data, encoding", [
    ("一、总体要求\n坚持创新。".encode("gbk"), "utf-8"),      # wrong override: refused, not guessed
    ("一、总体要求\n坚持创新。".encode("utf-8"), "ascii"),
    ("一、总体要求\n坚持创新。".encode("utf-8"), "no-such-codec"),
])
def test_encoding_override_that_does_not_fit_is_an_input_error(data, encoding):
    with pytest.raises(InputError) as err:
        parse_bytes(data, encoding=encoding)
    assert encoding in str(err.value)
    assert "\n" not in str(err.value)


# ---- inputs that are refused --------------------------------------------------------------

PNG_START = (b"\x89PNG\r\n\x1a\n" b"\x00\x00\x00\rIHDR" b"\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
             b"\x5c\x72\xa8\x66")
HTML_PAGE = ("<html><head><meta charset=\"utf-8\"></head><body>\n"
             "<div class=\"content\"><p style=\"text-align: center;\"><span>某区知识产权工作方案</span></p>\n"
             "<p>一、总体要求</p><p>坚持创新驱动。</p>\n<p>二、主要任务</p><p>（一）加强创造。</p>\n"
             "</div></body></html>\n")
HTML_FRAGMENT = ("<tbody> <tr> <td class=\"b12c\"><p style=\"margin-top: 0px;\"><span>国务院关于加快推进农业机械化的"
                 "指导意见</span></p> <p>国发〔2018〕42号</p> <p><br> </p> <p>一、总体要求</p> <p>坚持创新。</p></td></tr>")


@pytest.mark.parametrize("data", [
    b"",
    b"   \n\t\r\n  ",
    "\u3000\u3000\n\n".encode("utf-8"),
    b"\xef\xbb\xbf",
    b"\xef\xbb\xbf \r\n",
    "\ufeff \n".encode("utf-16"),
], ids=["empty", "whitespace", "ideographic-spaces", "bom-only", "bom-and-space", "utf16-space"])
def test_empty_input_is_refused(data):
    with pytest.raises(InputError, match="empty"):
        parse_bytes(data)


@pytest.mark.parametrize("data", [
    PNG_START,
    b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    "一、总体要求\n坚持创新。".encode("utf-8") + b"\x00\x00\x00\x00",   # text with NULs: a Word/UTF-16 file without BOM
    "一、总体要求\n坚持创新。".encode("utf-16-le"),
], ids=["png", "gif", "nul-bytes", "utf16-without-bom"])
def test_binary_input_is_refused(data):
    with pytest.raises(InputError, match="not text"):
        parse_bytes(data)


def test_control_characters_are_refused():
    data = ("一、总体要求" + "\x01\x02\x03\x04\x05\x06\x07\x0e").encode("utf-8") * 3
    with pytest.raises(InputError, match="not text"):
        parse_bytes(data)


def test_png_signature_alone_is_refused():
    with pytest.raises(InputError):
        parse_bytes(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("data", [
    b"\x80\x81\xff\xfe\xfd" * 40,          # no BOM (FF FE is not at the start), invalid in UTF-8 and GB18030
    b"\xff\xd8\xff\xe0 JFIF \xff\xdb",     # a JPEG start
    "一、总体要求".encode("utf-8") + b"\xff",
], ids=["garbage", "jpeg", "utf8-with-stray-byte"])
def test_undecodable_input_is_refused(data):
    with pytest.raises(InputError) as err:
        parse_bytes(data)
    assert "decode" in str(err.value) or "not text" in str(err.value)


@pytest.mark.parametrize("text", [HTML_PAGE, HTML_FRAGMENT], ids=["page", "fragment"])
def test_html_without_a_notice_is_refused(text):
    # parse_text takes text only; parse_bytes reads the page, and a page this small holds no notice
    with pytest.raises(InputError, match="HTML"):
        parse_bytes(text.encode("utf-8"))
    with pytest.raises(InputError, match="HTML"):
        parse_text(text)


def test_input_error_is_a_value_error_with_a_one_line_message():
    with pytest.raises(ValueError) as err:
        parse_bytes(b"")
    assert isinstance(err.value, InputError)
    assert str(err.value) and "\n" not in str(err.value)


def test_text_that_mentions_tags_is_not_html():
    text = "某区工作方案\n一、总体要求\n推进<p>标签与<br>换行的规范使用。\n二、主要任务\n（一）加强创造\n推进工作。\n"
    doc = parse_text(text)
    assert [n.path for n in doc.iter_nodes()] == [["一"], ["二"], ["二", "(一)"]]


# ---- line ends ---------------------------------------------------------------------------

def outline_of(doc) -> list[tuple]:
    return [(tuple(n.path), n.title, n.text, n.line, n.end_line, tuple(u.name for u in n.units))
            for n in doc.iter_nodes()]


@pytest.mark.parametrize("name", [SEED_001, SEED_004])
@pytest.mark.parametrize("eol", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_ends_give_the_same_outline(reference, name, eol):
    text = seed_text(name)
    assert "\r" not in text
    converted = text.replace("\n", eol)
    want = outline_of(parse_text(text))
    assert outline_of(parse_bytes(converted.encode("utf-8"))) == want
    assert outline_of(parse_text(converted)) == want
    assert comparable(parse_bytes(converted.encode("utf-8")))["meta"] == reference(name)["meta"]


def test_mixed_line_ends():
    text = "某区工作方案\r\n一、总体要求\r坚持创新。\n二、主要任务\r\n（一）加强创造\r推进工作。\n"
    doc = parse_bytes(text.encode("utf-8"))
    assert [(n.path, n.line) for n in doc.iter_nodes()] == [(["一"], 2), (["二"], 4), (["二", "(一)"], 5)]


PDF_TEXT = "某区行动方案\n一、主要任务\n1.推进专利导航。开展工作。\n\f2.强化商标品牌。推进工作。\n3.加强保护。开展执法。\n"


def test_form_feed_reads_the_same_from_text_and_bytes():
    from_text = [(n.path, n.title) for n in parse_text(PDF_TEXT).iter_nodes()]
    from_bytes = [(n.path, n.title) for n in parse_bytes(PDF_TEXT.encode("utf-8")).iter_nodes()]
    assert from_text == from_bytes
    assert ["一", "2"] in [p for p, _ in from_text]


def test_form_feed_does_not_shift_line_numbers():
    doc = parse_bytes(PDF_TEXT.encode("utf-8"))
    lines = PDF_TEXT.split("\n")  # what an editor and `grep -n` count
    for node in doc.iter_nodes():
        assert node.label_raw in lines[node.line - 1], (node.path, node.line)


def test_callable_package_reads_bytes_like_parse_bytes():
    data = seed_text(SEED_004).encode("gbk")
    assert comparable(P(data)) == comparable(parse_bytes(data))


def test_big5_is_detected_not_read_as_gb18030_garbage():
    """Big5 bytes also decode as GB18030, into rare characters; ipplan must pick Big5."""
    text = seed_text(SEED_003)
    doc = parse_bytes(text.encode("big5", errors="replace"))
    assert doc.encoding == "big5"
    assert doc.meta.title == "关于加强上海市知识产权公共服务工作的意见"


def test_markdown_with_br_tags_is_text_not_html():
    doc = parse_text("一、总体要求<br>\n坚持创新。<br>\n二、主要任务<br/>\n1.推进专利导航。开展工作。<br>\n")
    assert [(n.path, n.title) for n in doc.iter_nodes()] == [(["一"], "总体要求"), (["二"], "主要任务"),
                                                           (["二", "1"], "推进专利导航")]


def test_mistyped_path_is_an_error_not_a_notice():
    with pytest.raises(FileNotFoundError):
        P("seeds/no_such_plan.txt")
