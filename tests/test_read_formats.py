"""Notices as analysts receive them: web pages, Word files and PDFs give the model the text gives.

DOCX and PDF fixtures are built from the seeds in code (tests/readers_fixtures.py), once
per session, into a temporary folder; nothing binary is committed.
"""
from __future__ import annotations

import functools
import io
import json
import unicodedata
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import goldscore
from conftest import DATA_DIR, SEEDS, SEEDS_DIR
from ipplan.cli import app
from ipplan.parse import InputError, parse, parse_bytes
from ipplan.parse.read import read_document
from readers_fixtures import build_docx, build_pdf, seed_lines

CORPUS_HTML = {
    "agri": DATA_DIR / "corpus" / "national_agri_mechanization_2018.html",
    "reforms": DATA_DIR / "corpus" / "national_innovation_reforms_batch2_2018.html",
}
runner = CliRunner()


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    """seeds as DOCX and PDF, under the seeds' own names (the format is told by the bytes)."""
    root = tmp_path_factory.mktemp("formats")
    for kind, build in (("docx", build_docx), ("pdf", build_pdf), ("html", _seed_page)):
        (root / kind).mkdir()
        for name in SEEDS:
            (root / kind / name).write_bytes(build(seed_lines(name)))
    return root


def _seed_page(lines: list[str]) -> bytes:
    """A seed published on a government site: a <p> per line, tables as <table>, the site around it."""
    import html

    from readers_fixtures import _blocks

    parts = []
    for kind, value in _blocks(lines):
        if kind == "p":
            parts.append(f"<p>{html.escape(value.strip())}</p>")
        else:
            parts.append("<table>" + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                                             for row in value) + "</table>")
    return gov_page("\n".join(parts)).encode("utf-8")


@pytest.fixture(scope="session")
def parsed_formats(generated):
    cache: dict[tuple[str, str], object] = {}

    def get(kind: str, name: str):
        key = (kind, name)
        if key not in cache:
            path = SEEDS_DIR / name if kind == "text" else generated / kind / name
            cache[key] = parse_bytes(path.read_bytes(), source=name)
        return cache[key]

    return get


def _targets(doc) -> list[tuple]:
    return [(t.name, t.value, t.low, t.high, t.unit, t.op, t.year) for t in doc.targets]


def _f1(got: list, want: list) -> float:
    pool = list(want)
    hits = 0
    for item in got:
        if item in pool:
            pool.remove(item)
            hits += 1
    if not got and not want:
        return 1.0
    p = hits / len(got) if got else 0.0
    r = hits / len(want) if want else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


# ---- DOCX and PDF built from the seeds score like the text ---------------------------------------

@pytest.mark.parametrize("kind", ["docx", "pdf", "html"])
@pytest.mark.parametrize("name", SEEDS)
def test_seed_as_file_scores_like_the_text(parsed_formats, kind, name):
    gold = goldscore.load_gold(name)
    text_score = goldscore.score(gold, parsed_formats("text", name).model_dump(mode="json"))
    doc = parsed_formats(kind, name)
    assert doc.input_format == kind
    score = goldscore.score(gold, doc.model_dump(mode="json"))
    assert score.outline[2] >= 0.98 and score.outline[2] >= text_score.outline[2] - 0.01, score.report()
    assert score.units[2] >= 0.98 and score.units[2] >= text_score.units[2] - 0.01, score.report()
    assert score.meta >= text_score.meta - 0.01, score.report()
    assert _f1(_targets(doc), _targets(parsed_formats("text", name))) >= 0.95


def test_pdf_pages_on_every_node_and_target(parsed_formats, generated):
    import pypdfium2 as pdfium

    name = "002_16ba785a0e610339.txt"
    doc = parsed_formats("pdf", name)
    nodes = list(doc.iter_nodes())
    assert nodes and all(n.page is not None and n.origin is not None for n in nodes)
    assert all(t.page is not None for t in doc.targets) and doc.targets
    pages = [n.page for n in nodes]
    assert pages == sorted(pages) and pages[-1] > pages[0]  # in reading order, over several pages
    # the origin points at the printed line the node starts on
    pdf = pdfium.PdfDocument(str(generated / "pdf" / name))
    try:
        for node in nodes[::7]:
            text = pdf[node.origin.page - 1].get_textpage().get_text_range()
            printed = text.replace("\r\n", "\n").split("\n")
            line = unicodedata.normalize("NFKC", "".join(printed[node.origin.line - 1].split()))
            assert node.title[:4] in line, (node.path, line)
    finally:
        pdf.close()


def test_pdf_page_numbers_and_running_header_are_artefacts(parsed_formats):
    doc = parsed_formats("pdf", "004_3ee95635a5469f0b.txt")
    numbers = [a for a in doc.artefacts if a.reason == "page number"]
    headers = [a for a in doc.artefacts if a.reason == "running header"]
    assert len(numbers) >= 2 and [a.page for a in numbers] == list(range(1, len(numbers) + 1))
    assert all(a.text.replace(" ", "") == f"—{a.page}—" for a in numbers)
    assert len(headers) == len(numbers) and all("内部资料" in a.text for a in headers)
    body = json.dumps([n.model_dump(mode="json") for n in doc.outline], ensure_ascii=False)
    assert "内部资料" not in body and "— 2 —" not in body


def test_pdf_table_keeps_its_columns(parsed_formats):
    doc = parsed_formats("pdf", "002_16ba785a0e610339.txt")
    text = parsed_formats("text", "002_16ba785a0e610339.txt")
    assert [t.rows for t in doc.tables] == [t.rows for t in text.tables]
    assert doc.tables[0].page == 1 and doc.tables[0].origin.page == 1


def test_docx_text_is_the_seed_text(generated):
    # the labels Word draws from numbering.xml come back: the extracted lines are the seed's lines
    for name in SEEDS:
        got = read_document((generated / "docx" / name).read_bytes())
        want = [line.strip() for line in seed_lines(name)]
        lines = got.text.split("\n")
        assert len(lines) == len(want)
        for a, b in zip(lines, want):
            if "\t" in a or "|" in b:
                assert [c.strip() for c in a.split("\t") if c.strip()] == [c.strip() for c in b.replace("|", "\t").split("\t") if c.strip()]
            else:
                assert a == b


def test_docx_numbering_is_really_automatic(generated):
    data = (generated / "docx" / "000_16a45e86425a59f0.txt").read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "<w:numPr>" in xml and "一、指导思想" not in xml and "指导思想" in xml
    assert "<w:tbl>" in zipfile.ZipFile(io.BytesIO((generated / "docx" / "002_16ba785a0e610339.txt").read_bytes())) \
        .read("word/document.xml").decode("utf-8")


def test_docx_origin_is_a_paragraph_or_a_table_row(parsed_formats, generated):
    import docx

    name = "002_16ba785a0e610339.txt"
    doc = parsed_formats("docx", name)
    word = docx.Document(str(generated / "docx" / name))
    paragraphs = word.paragraphs
    for node in list(doc.iter_nodes())[::5]:
        para = paragraphs[node.origin.paragraph - 1].text
        assert node.title[:6] in para.replace("（", "(").replace("）", ")").replace("，", ",").replace("：", ":")
    from_table = [t for t in doc.targets if t.source == "table"]
    assert from_table and all(t.origin.table == 1 and t.origin.row >= 2 and t.origin.paragraph is None
                              for t in from_table)


def test_word_number_formats():
    from ipplan.parse.readers.docx import format_number

    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23, 100, 105)] == \
        ["一", "十", "十一", "二十", "二十三", "一百", "一百零五"]
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV" and format_number(28, "lowerLetter") == "bb"
    assert format_number(12, "chineseLegalSimplified") == "拾贰"


def _numbered_docx(levels: list[tuple[int, str]], restart_at: int | None = None) -> bytes:
    """Paragraphs numbered by Word: (level, text); a second list instance restarts at `restart_at`."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="70">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="71"><w:abstractNumId w:val="70"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="72"><w:abstractNumId w:val="70"/>'
                               '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    for k, (level, text) in enumerate(levels):
        para = document.add_paragraph(text)
        if level < 0:
            continue
        num = "72" if restart_at is not None and k >= restart_at else "71"
        para._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_numbering_levels_and_restarts():
    paragraphs = [(-1, "关于印发某区知识产权工作方案的通知"), (0, "总体要求"), (1, "指导思想"), (1, "工作目标"),
                  (0, "重点任务"), (1, "加强保护"), (2, "开展执法行动。（责任单位：区市场监管局）"),
                  (3, "打击侵权假冒"), (3, "加强网络监测"), (2, "完善机制。（责任单位：区司法局）"),
                  (1, "促进运用"), (2, "推动转化。（责任单位：区科委）"), (-1, "附件"), (0, "保障措施"), (1, "加强领导")]
    got = read_document(_numbered_docx(paragraphs, restart_at=13)).text.split("\n")
    assert got == ["关于印发某区知识产权工作方案的通知", "一、总体要求", "（一）指导思想", "（二）工作目标", "二、重点任务",
                   "（一）加强保护", "1.开展执法行动。（责任单位：区市场监管局）", "（1）打击侵权假冒", "（2）加强网络监测",
                   "2.完善机制。（责任单位：区司法局）", "（二）促进运用", "1.推动转化。（责任单位：区科委）", "附件",
                   "一、保障措施", "（一）加强领导"]
    doc = parse_bytes(_numbered_docx(paragraphs, restart_at=13))
    paths = ["/".join(n.path) for n in doc.iter_nodes()]
    assert "二/(一)/1/(2)" in paths and "二/(二)/1" in paths
    assert [u.name for n in doc.iter_nodes() if n.path == ["二", "(二)", "1"] for u in n.units] == ["区科委"]


# ---- HTML -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_html():
    return {key: parse(path) for key, path in CORPUS_HTML.items()}


def test_html_corpus_notices_parse(corpus_html):
    agri, reforms = corpus_html["agri"], corpus_html["reforms"]
    for doc in (agri, reforms):
        assert doc.input_format == "html"
        assert sum(1 for _ in doc.iter_nodes()) >= 10
    assert agri.meta.doc_number == "国发〔2018〕42号" and reforms.meta.doc_number == "国办发〔2018〕126号"
    assert agri.meta.issuer == "国务院"
    # 列第一位者为牵头单位: the first unit leads
    node = next(n for n in agri.iter_nodes() if n.title.startswith("完善农机装备创新体系"))
    assert [u.name for u in node.units] == ["工业和信息化部", "发展改革委", "科技部", "农业农村部"]
    assert node.unit_roles == {"lead": ["工业和信息化部"], "co": ["发展改革委", "科技部", "农业农村部"]}
    assert node.origin.line == 3  # the fragment's paragraphs all sit on its third source line


def test_html_table_unit_column_gives_units(corpus_html):
    doc = corpus_html["reforms"]
    items = {n.path[-1]: n for n in doc.iter_nodes() if n.path[-1].isdigit()}
    assert {"1", "5", "6", "14", "21", "23"} <= set(items)
    assert items["1"].title == "知识产权民事、刑事、行政案件“三合一”审判"
    assert [u.name for u in items["1"].units] == ["最高人民法院", "最高人民检察院", "国家知识产权局"]
    assert [u.name for u in items["7"].units] == ["科技部"]
    assert items["7"].path[-2] == "二"  # under the section row 二、科技成果转化激励方面
    assert items["1"].origin.line == 23  # the <tr> of the row in the page's source
    table = next(t for t in doc.tables if t.header and t.header[0] == "1")
    assert table.header[3] == "最高人民法院、最高人民检察院、国家知识产权局"


def gov_page(fragment: str, charset: str = "utf-8") -> str:
    """A government page around a notice: header, navigation, breadcrumb, share links, related links, footer."""
    links = "".join(f'<li><a href="/col/{k}.html">栏目{k}政务公开信息</a></li>' for k in range(12))
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>国务院办公厅关于推广第二批支持创新相关改革举措的通知_政府信息公开</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.nav {{ color: red; }}</style></head>
<body>
<div class="header"><div class="logo"><a href="/">中国政府网</a></div>
<div class="top-links"><a href="/">首页</a> | <a href="/wza">无障碍</a> | <a href="/en">English</a></div></div>
<div class="nav"><ul>{links}</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zhengce">政策</a> &gt; <a href="/zhengce/zxwj">最新文件</a></div>
<div class="main">
<div class="article">
<table class="layout"><tbody><tr><td>
{fragment}
</td></tr></tbody></table>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>
<div class="print-bar"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related"><h3>相关文件</h3><ul>{links}</ul></div>
</div>
<div class="footer"><p>主办单位：国务院办公厅 运行维护单位：中国政府网运行中心</p>
<p>版权所有：中国政府网 网站标识码bm01000001 京ICP备05070218号 京公网安备11010202000001号</p></div>
</body></html>
"""


def _model(doc) -> dict:
    """The model without provenance fields that name where in the file a line sits."""
    data = doc.model_dump(mode="json")

    def scrub(value):
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items() if k not in ("origin", "source", "encoding")}
        if isinstance(value, list):
            return [scrub(v) for v in value]
        return value

    return scrub(data)


def test_full_government_page_gives_the_fragment_model():
    fragment = CORPUS_HTML["reforms"].read_text(encoding="utf-8")
    want = _model(parse_bytes(fragment.encode("utf-8")))
    page = parse_bytes(gov_page(fragment).encode("utf-8"))
    assert _model(page) == want
    text = read_document(gov_page(fragment).encode("utf-8")).text
    for chrome in ("首页", "分享到", "版权所有", "当前位置", "栏目3", "统计代码", "打印本页"):
        assert chrome not in text


def test_gbk_page_declared_in_meta_charset():
    fragment = CORPUS_HTML["agri"].read_text(encoding="utf-8")
    want = _model(parse_bytes(gov_page(fragment).encode("utf-8")))
    data = gov_page(fragment, charset="gb2312").encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = parse_bytes(data)
    assert doc.encoding == "gbk"
    assert _model(doc) == want


def test_html_breaks_entities_and_tables():
    page = ("<html><body><div class='content'><p>关于印发某区知识产权工作方案的通知</p>"
            "<p>各街道、镇：<br>现将《方案》印发给你们，请认真贯彻执行。</p>"
            "<p>一、总体要求<br/>（一）指导思想。坚持&ldquo;严保护&rdquo;&nbsp;导向，推进知识产权强区建设，"
            "全面提升知识产权创造、运用、保护、管理和服务水平。</p>"
            "<p>（二）工作目标。到2025年，全区发明专利拥有量达到1.8万件。</p>"
            "<p>二、主要任务</p><p>1.加强知识产权保护。（责任单位：区市场监管局&#12289;区法院）</p>"
            "<table><tr><th>指标</th><th>2024年</th><th>2025年</th></tr>"
            "<tr><td>每万人口高价值发明专利拥有量（件）</td><td>20</td><td>23</td></tr>"
            "<tr><td>PCT国际专利申请量（件）</td><td>60</td><td>65</td></tr></table>"
            "</div></body></html>")
    doc = parse_bytes(page.encode("utf-8"))
    paths = ["/".join(n.path) for n in doc.iter_nodes()]
    assert paths[:4] == ["一", "一/(一)", "一/(二)", "二"]
    node = next(n for n in doc.iter_nodes() if n.path == ["一", "(一)"])
    assert "“严保护”" in node.text and "&ldquo;" not in node.text
    item = next(n for n in doc.iter_nodes() if n.path == ["二", "1"])
    assert [u.name for u in item.units] == ["区市场监管局", "区法院"]
    table = doc.tables[0]
    assert table.header == ["指标", "2024年", "2025年"] and table.rows[-1] == ["PCT国际专利申请量(件)", "60", "65"]
    assert {(t.value, t.year) for t in doc.targets} >= {(23, 2025), (65, 2025), (18000, 2025)}


# ---- bad files: one line, exit 2, the good files beside them still parsed -------------------------

def _encrypted_pdf() -> bytes:
    return build_pdf(seed_lines(SEEDS[0])[:20], encrypt="secret")


def _scanned_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(2):  # a scan: marks on the page, no text
        c.rect(50, 50, 400, 600, fill=1)
        c.showPage()
    c.save()
    return buf.getvalue()


@functools.cache
def _bad_files(generated: Path) -> dict[str, bytes]:
    pdf = (generated / "pdf" / SEEDS[1]).read_bytes()
    docx_bytes = (generated / "docx" / SEEDS[1]).read_bytes()
    corrupt = io.BytesIO()
    with zipfile.ZipFile(corrupt, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>not xml at all")
    listing = gov_page('<ul class="list">' + "".join(
        f'<li><a href="/t{k}.html">关于印发第{k}批试点名单的通知</a><span>2024-01-0{k % 9 + 1}</span></li>'
        for k in range(30)) + "</ul>")
    return {
        "truncated.pdf": pdf[: len(pdf) // 2],
        "encrypted.pdf": _encrypted_pdf(),
        "scanned.pdf": _scanned_pdf(),
        "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        "notice.wps": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        "corrupt.docx": corrupt.getvalue(),
        "cut.docx": docx_bytes[: len(docx_bytes) // 3],
        "listing.html": listing.encode("utf-8"),
    }


EXPECTED = {
    "truncated.pdf": "truncated", "encrypted.pdf": "encrypted", "scanned.pdf": "no text layer",
    "old.doc": ".doc", "notice.wps": "WPS", "corrupt.docx": "corrupt", "cut.docx": "damaged",
    "listing.html": "no notice",
}


def test_bad_files_one_line_each_and_good_files_still_parsed(generated, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, data in _bad_files(generated).items():
        (folder / name).write_bytes(data)
    (folder / "good.pdf").write_bytes((generated / "pdf" / SEEDS[0]).read_bytes())
    (folder / "good.docx").write_bytes((generated / "docx" / SEEDS[2]).read_bytes())
    (folder / "good.html").write_bytes(CORPUS_HTML["agri"].read_bytes())
    (folder / "good.txt").write_bytes((SEEDS_DIR / SEEDS[3]).read_bytes())
    result = runner.invoke(app, ["parse", str(folder), "--format", "jsonl"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted((Path(d["source"]).name, d["input_format"]) for d in docs) == [
        ("good.docx", "docx"), ("good.html", "html"), ("good.pdf", "pdf"), ("good.txt", "text")]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == len(EXPECTED)
    for line in errors:
        name = Path(line.split(": ")[1]).name
        assert line.startswith(f"ipplan: {folder / name}: ") and EXPECTED[name] in line, line


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_is_an_input_error(generated, name):
    with pytest.raises(InputError) as err:
        parse_bytes(_bad_files(generated)[name], source=name)
    assert "\n" not in str(err.value) and EXPECTED[name] in str(err.value)


def test_input_format_forces_a_reader(generated, tmp_path):
    pdf = tmp_path / "notice.txt"
    pdf.write_bytes((generated / "pdf" / SEEDS[0]).read_bytes())
    result = runner.invoke(app, ["parse", str(pdf)])  # told by content, not by the .txt name
    assert result.exit_code == 0 and json.loads(result.stdout)["input_format"] == "pdf"
    result = runner.invoke(app, ["parse", str(pdf), "--input-format", "text"])
    assert result.exit_code == 2 and "not text" in result.stderr and result.stderr.count("\n") == 1
    result = runner.invoke(app, ["parse", str(SEEDS_DIR / SEEDS[0]), "--input-format", "docx"])
    assert result.exit_code == 2 and "Word" in result.stderr
    fragment = tmp_path / "fragment.txt"
    fragment.write_bytes(CORPUS_HTML["agri"].read_bytes())
    result = runner.invoke(app, ["tasks", str(fragment), "--input-format", "html", "--format", "json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) >= 10


def test_parse_json_records_format_and_pages(generated):
    result = runner.invoke(app, ["parse", str(generated / "pdf" / SEEDS[4]), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["input_format"] == "pdf"
    nodes = goldscore.flatten(data["outline"])
    assert nodes and all(isinstance(n["page"], int) and n["origin"]["page"] == n["page"] for n in nodes)
    assert data["targets"] and all(isinstance(t["page"], int) for t in data["targets"])
    text = json.loads(runner.invoke(app, ["parse", str(SEEDS_DIR / SEEDS[4])]).stdout)
    assert text["input_format"] == "text" and all(n["page"] is None for n in goldscore.flatten(text["outline"]))


def test_missing_extra_names_it(monkeypatch, generated):
    import importlib

    real = importlib.import_module

    def fake(name, *args, **kwargs):
        if name == "pypdfium2":
            raise ImportError("No module named 'pypdfium2'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", fake)
    with pytest.raises(InputError, match=r"ipplan\[formats\]"):
        parse_bytes((generated / "pdf" / SEEDS[0]).read_bytes())


def test_readers_are_not_imported_at_start_up():
    import subprocess
    import sys

    code = ("import sys, ipplan.cli, ipplan.parse; "
            "print(sorted(m for m in ('lxml', 'docx', 'pypdfium2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]"


def test_page_title_outside_the_content_box():
    page = ("<html><head><meta charset='utf-8'></head><body>"
            "<div class='nav'><a href='/'>首页</a><a href='/a'>政务公开</a><a href='/b'>政策文件</a></div>"
            "<div class='article'><h1 class='title'>某区知识产权局关于印发《某区知识产权强区建设工作方案（2024—2026年）》的通知</h1>"
            "<div class='info'>发布时间：2024-03-01</div><div class='content' id='zoom'>"
            "<p>各街道、镇，区政府各委、办、局：</p><p>现将《某区知识产权强区建设工作方案（2024—2026年）》印发给你们，请认真贯彻执行。</p>"
            "<p>某区知识产权局</p><p>2024年3月1日</p><p>某区知识产权强区建设工作方案（2024—2026年）</p>"
            "<p>一、总体要求</p><p>坚持创新驱动发展，全面提升知识产权创造、运用、保护、管理和服务水平。</p>"
            "<p>二、主要任务</p><p>1.加强知识产权保护。开展专项执法行动。（责任单位：区市场监管局）</p>"
            "</div></div><div class='footer'>版权所有 某区人民政府</div></body></html>")
    doc = parse_bytes(page.encode("utf-8"))
    assert doc.meta.notice_title == "某区知识产权局关于印发《某区知识产权强区建设工作方案(2024—2026年)》的通知"
    assert doc.meta.title == "某区知识产权强区建设工作方案(2024—2026年)" and doc.meta.issued.isoformat() == "2024-03-01"
    assert ["/".join(n.path) for n in doc.iter_nodes()] == ["一", "二", "二/1"]


def test_pdf_signature_line_with_a_wide_gap_is_not_a_table():
    lines = seed_lines(SEEDS[4])
    pdf = build_pdf(lines[:3] + ["湖州市人民政府办公室\t2022年9月30日"] + lines[3:])
    text = read_document(pdf).text
    assert "湖州市人民政府办公室 2022年9月30日" in text.split("\n")


def test_pdf_warnings_name_the_page(generated):
    lines = seed_lines(SEEDS[0])
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("二、"))
    doc = parse_bytes(build_pdf(lines[:at] + ["  四、跳过的编号", "  这一章的编号跳过了三。"] + lines[at:]))
    paged = [w for w in doc.warnings if "PDF page" in w]
    assert paged and all(w.startswith("line ") for w in paged)


def test_docx_task_table_with_merged_unit_cells_gives_items():
    import docx

    document = docx.Document()
    document.add_paragraph("某区知识产权工作要点")
    document.add_paragraph("一、重点任务")
    rows = [["序号", "任务", "完成时限", "责任单位"],
            ["1", "加强知识产权保护，开展专项行动", "2024年底", "区市场监管局、区法院"],
            ["2", "促进知识产权运用", "2024年6月", ""],
            ["3", "完善公共服务", "持续推进", "区科委"]]
    table = document.add_table(rows=4, cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 3).merge(table.cell(2, 3))  # one unit cell for two rows
    document.add_paragraph("二、保障措施")
    document.add_paragraph("加强组织领导。")
    buf = io.BytesIO()
    document.save(buf)
    doc = parse_bytes(buf.getvalue())
    items = {"/".join(n.path): n for n in doc.iter_nodes()}
    assert list(items) == ["一", "一/1", "一/2", "一/3", "二"]
    assert [u.name for u in items["一/2"].units] == ["区市场监管局", "区法院"]
    assert items["一/1"].title == "加强知识产权保护,开展专项行动" and "完成时限:2024年底" in items["一/1"].text
    assert items["一/3"].origin.table == 1 and items["一/3"].origin.row == 4
    assert doc.tables[0].header == ["序号", "任务", "完成时限", "责任单位"] and len(doc.tables[0].rows) == 3


@pytest.mark.parametrize("line, want", [
    ("关 于 印 发 工 作 方 案 的 通 知", "关于印发工作方案的通知"),
    ("目 录", "目 录"),
    ("国务院办公厅 2018年12月23日", "国务院办公厅 2018年12月23日"),
    ("新增 PCT 国际专利申请量 600 件", "新增 PCT 国际专利申请量 600 件"),
    ("一 、 总 体 要 求", "一、总体要求"),
])
def test_pdf_letter_spaced_lines_are_closed(line, want):
    from ipplan.parse.readers.pdf import unspace

    assert unspace(line) == want


def test_pdf_table_cells_wrapped_in_several_columns_come_back_whole():
    rows = ["序号\t重点任务\t责任单位",
            "1\t开展知识产权保护专项执法行动，严厉打击侵权假冒违法行为\t区市场监管局、区公安分局、区文化旅游局",
            "2\t推动高校院所存量专利向中小企业转化实施\t区科委、区教育局",
            "3\t完善知识产权公共服务体系\t区知识产权局"]
    lines = ["某区2024年知识产权工作要点", "一、重点任务"] + rows + ["二、保障措施", "加强组织领导，压实工作责任。"]
    doc = parse_bytes(build_pdf(lines, cell=16))
    table = doc.tables[0]
    assert [table.header] + table.rows == [[c.replace("，", ",") for c in r.split("\t")] for r in rows]
    items = {"/".join(n.path): n for n in doc.iter_nodes()}
    assert [u.name for u in items["一/1"].units] == ["区市场监管局", "区公安分局", "区文化旅游局"]
    assert items["一/2"].title == "推动高校院所存量专利向中小企业转化实施" and items["一/2"].page == 1


def test_html_preformatted_notice_keeps_its_lines():
    seed = (SEEDS_DIR / SEEDS[4]).read_text(encoding="utf-8")
    page = ("<html><head><meta charset='utf-8'></head><body><div class='nav'><a href='/'>首页</a></div>"
            f"<pre>{seed.replace('&', '&amp;').replace('<', '&lt;')}</pre></body></html>")
    doc = parse_bytes(page.encode("utf-8"))
    text = parse_bytes(seed.encode("utf-8"))
    assert ["/".join(n.path) for n in doc.iter_nodes()] == ["/".join(n.path) for n in text.iter_nodes()]
    first = next(doc.iter_nodes())
    assert first.origin.line == first.line  # the notice starts on the page's first line, as in the seed


def test_markdown_with_a_few_tags_stays_text():
    seed = (SEEDS_DIR / SEEDS[0]).read_text(encoding="utf-8")
    md = "<div align=\"center\">\n<p>内部资料</p>\n</div>\n<br>\n\n" + seed
    doc = parse_bytes(md.encode("utf-8"), source="notice.md")
    assert doc.input_format == "text"
    text = parse_bytes(seed.encode("utf-8"))
    assert ["/".join(n.path) for n in doc.iter_nodes()] == ["/".join(n.path) for n in text.iter_nodes()]
    assert parse_bytes(CORPUS_HTML["reforms"].read_bytes()).input_format == "html"  # markup on most lines


def test_pdf_protected_only_against_copying_is_read():
    # an owner password with an empty user password (permissions only) opens without asking: it is readable
    from reportlab.lib.pdfencrypt import StandardEncryption

    pdf = build_pdf(seed_lines(SEEDS[0]), encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    doc = parse_bytes(pdf)
    assert doc.input_format == "pdf" and doc.meta.title == "徐汇区关于创建国家知识产权强市建设示范城区的工作方案(2024年—2026年)"


# ---- ipplan text: the lines every `line` field counts ------------------------------------------

def test_text_command_shows_the_lines_line_fields_count(generated):
    pdf = generated / "pdf" / SEEDS[2]
    doc = parse_bytes(pdf.read_bytes())
    result = runner.invoke(app, ["text", str(pdf), "--origins"])
    assert result.exit_code == 0
    rows = [line.split("\t", 2) for line in result.stdout.splitlines()]
    node = list(doc.iter_nodes())[10]
    number, origin, text = rows[node.line - 1]
    assert int(number) == node.line and origin == f"p{node.page}:{node.origin.line}"
    assert unicodedata.normalize("NFKC", node.title[:4]) in unicodedata.normalize("NFKC", text).replace(" ", "")


def test_text_command_jsonl_and_bad_inputs(generated, tmp_path):
    (tmp_path / "a.docx").write_bytes((generated / "docx" / SEEDS[1]).read_bytes())
    (tmp_path / "b.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result = runner.invoke(app, ["text", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "convert" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["input_format"] == "docx" for r in rows)
    assert [r["line"] for r in rows] == list(range(1, len(rows) + 1))
    assert any(r["origin"] == {"table": 1, "row": 1} for r in rows) and rows[0]["origin"] == {"paragraph": 1}
    result = runner.invoke(app, ["text", str(SEEDS_DIR / SEEDS[0])])
    assert result.exit_code == 0 and result.stdout == (SEEDS_DIR / SEEDS[0]).read_text(encoding="utf-8").rstrip("\n") + "\n"


def test_information_box_outside_the_content_gives_the_header_fields():
    # gov.cn prints 发文字号 and 成文日期 in a box above the notice, with letter-spaced keys
    fragment = CORPUS_HTML["agri"].read_text(encoding="utf-8").replace("国发〔2018〕42号", "")
    box = ("<div class='info-box'><table class='bd1'>"
           "<tr><td><b>索&nbsp;&nbsp;引&nbsp;&nbsp;号：</b></td><td>000014349/2018-00234</td>"
           "<td><b>主题分类：</b></td><td>农业、畜牧业、渔业</td></tr>"
           "<tr><td><b>发文机关：</b></td><td>国务院</td><td><b>成文日期：</b></td><td>2018年12月21日</td></tr>"
           "<tr><td><b>标　　题：</b></td><td colspan='3'>国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见</td></tr>"
           "<tr><td><b>发文字号：</b></td><td>国发〔2018〕42号</td><td><b>发布日期：</b></td><td>2018年12月29日</td></tr>"
           "</table></div>")
    page = gov_page(fragment).replace("<div class=\"article\">", box + "<div class=\"article\">")
    doc = parse_bytes(page.encode("utf-8"))
    assert doc.meta.doc_number == "国发〔2018〕42号" and doc.meta.issued.isoformat() == "2018-12-21"
    assert doc.meta.header["索引号"] == "000014349/2018-00234" and doc.meta.header["发文机关"] == "国务院"
    assert sum(1 for _ in doc.iter_nodes()) == sum(1 for _ in parse_bytes(fragment.encode("utf-8")).iter_nodes())


def test_bare_page_menus_without_class_words_and_a_styled_title():
    seed = CORPUS_HTML["agri"].read_text(encoding="utf-8")
    want = parse_bytes(seed.encode("utf-8"))
    menu = "<div id='m1'>" + "".join(f"<a href='/c{k}'>政务栏目{k}</a> " for k in range(8)) + "</div>"
    page = ("<html><head><meta charset='utf-8'></head><body>" + menu
            + "<div class='wz_title'>国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见</div>"
            + seed.replace("国务院关于加快推进农业机械化和", "").replace("农机装备产业转型升级的指导意见", "", 1)
            + "<ul>" + "".join(f"<li><a href='/r{k}'>相关文件{k}</a></li>" for k in range(5)) + "</ul></body></html>")
    doc = parse_bytes(page.encode("utf-8"))
    text = read_document(page.encode("utf-8")).text
    assert "政务栏目" not in text and "相关文件" not in text
    assert doc.meta.title == want.meta.title and doc.meta.doc_number == want.meta.doc_number
    assert ["/".join(n.path) for n in doc.iter_nodes()] == ["/".join(n.path) for n in want.iter_nodes()]


def test_pdf_bare_page_numbers_run_with_the_pages():
    from ipplan.parse.readers.pdf import _furniture

    pages = [[("正文第一行", 1), ("正文", 2), (str(p + 4), 3)] for p in range(1, 4)]  # printed from page 5 on
    pages[1].append(("35", 4))  # the last row of a table at the foot of page 2 is no page number
    aside = _furniture(pages)
    assert [key for key, why in aside.items() if why == "page number"] == [(1, 3), (2, 3), (3, 3)]


def test_title_number_and_signature_beside_the_body_box_are_kept():
    page = ("<html><head><meta charset='utf-8'></head><body><div class='nav'><a href='/'>首页</a></div><div class='main'>"
            "<p class='t'>某区人民政府办公室关于印发《某区知识产权强区建设工作方案》的通知</p><p>某府办〔2024〕12号</p>"
            "<div class='TRS_Editor'><p>各街道、镇：</p><p>现将《某区知识产权强区建设工作方案》印发给你们，请认真贯彻执行。</p>"
            "<p>某区知识产权强区建设工作方案</p><p>一、总体要求</p>"
            "<p>坚持创新驱动发展，全面提升知识产权创造、运用、保护、管理和服务水平，为全区高质量发展提供支撑。</p>"
            "<p>二、主要任务</p><p>1.加强知识产权保护。开展专项执法行动，严厉打击侵权假冒行为。（责任单位：区市场监管局）</p>"
            "<p>2.促进知识产权运用。推动专利转化实施，培育高价值专利组合。（责任单位：区科委）</p></div>"
            "<p style='text-align:right'>某区人民政府办公室</p><p style='text-align:right'>2024年3月1日</p>"
            "</div><div class='footer'>版权所有</div></body></html>")
    doc = parse_bytes(page.encode("utf-8"))
    assert doc.meta.doc_number == "某府办〔2024〕12号" and doc.meta.issued.isoformat() == "2024-03-01"
    assert doc.meta.notice_title.startswith("某区人民政府办公室关于印发")
    assert ["/".join(n.path) for n in doc.iter_nodes()] == ["一", "二", "二/1", "二/2"]


def test_task_table_repeating_prose_items_stays_a_table():
    lines = ["某区2024年知识产权工作要点", "一、重点任务",
             "1.加强知识产权保护。开展专项执法行动。（责任单位：区市场监管局）",
             "2.促进知识产权运用。推动专利转化实施。（责任单位：区科委）",
             "附件", "重点任务分解表",
             "序号\t任务\t责任单位", "1\t加强知识产权保护\t区市场监管局", "2\t促进知识产权运用\t区科委"]
    doc = parse_bytes("\n".join(lines).encode("utf-8"))
    assert ["/".join(n.path) for n in doc.iter_nodes()] == ["一", "一/1", "一/2"]
    assert doc.tables and doc.tables[-1].rows[-1] == ["2", "促进知识产权运用", "区科委"]
