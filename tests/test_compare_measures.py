"""The measures view: a copied measure is found despite edits; a plan compared with itself pairs fully."""
from __future__ import annotations

import pytest
import regex

from ipplan.compare import compare
from ipplan.compare.measures import edits, measures_view, normalise
from ipplan.compare.items import make_docs
from ipplan.parse import parse_text

from conftest import SEEDS, SEEDS_DIR

XUHUI, HUZHOU = "000_16a45e86425a59f0.txt", "004_3ee95635a5469f0b.txt"


def _copied(seed_doc):
    """Huzhou's plan with Xuhui's 三/(四)/1 copied in as 三/(一)/6: places, units and a number changed."""
    source = next(n for n in seed_doc(XUHUI).iter_nodes() if n.path == ["三", "(四)", "1"])
    body = source.text.replace("徐汇区", "湖州市").replace("徐汇", "湖州").replace("漕河泾", "南太湖")
    body = body.replace("区法院、区检察院、区知识产权局", "市法院、市检察院、市市场监管局〔市知识产权局〕")
    body = body.replace("达到15家", "达到20家")
    assert body != source.text and "20家" in body
    lines = (SEEDS_DIR / HUZHOU).read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("5.推进知识产权向科技型小微企业延伸发展"))
    lines.insert(at + 1, f"6.{source.title}。{body}")
    doc = parse_text("\n".join(lines), source="huzhou_copy.txt")
    assert any(n.path == ["三", "(一)", "6"] for n in doc.iter_nodes())
    return doc


def test_copied_measure_is_the_best_counterpart(seed_doc):
    docs = [seed_doc(n) for n in SEEDS if n != HUZHOU] + [_copied(seed_doc)]
    view = compare(docs, views=["measures"]).measures
    copy = ("huzhou_copy", "三/(一)/6")
    pairs = [p for p in view.pairs if (p.a.doc, p.a.path) == copy or (p.b.doc, p.b.path) == copy]
    assert pairs, "the copy has no counterpart"
    best = max(pairs, key=lambda p: p.similarity)
    other = best.a if (best.b.doc, best.b.path) == copy else best.b
    assert (other.doc, other.path) == ("000_16a45e86425a59f0", "三/(四)/1")
    assert best.similarity >= 0.8
    # the edited number shows as one whole token, not as changed digits
    assert any(e.a == "15家" and e.b == "20家" for e in best.edits), best.edits


def test_plan_compared_with_itself_pairs_every_item(seed_doc):
    doc = seed_doc("002_16ba785a0e610339.txt")
    view = compare([doc, doc], views=["measures"]).measures
    ids = {p.a.doc for p in view.pairs} | {p.b.doc for p in view.pairs}
    assert len(ids) == 2
    n_items = len(make_docs([doc])[0].items)
    self_pairs = [p for p in view.pairs if p.a.path == p.b.path]
    assert len({p.a.path for p in self_pairs}) == n_items - len(view.boilerplate) // 2
    assert all(p.similarity == 1.0 for p in self_pairs)
    assert not any(view.own.values())


def test_normalise_hides_places_numbers_and_units():
    a = normalise("徐汇区培育3家以上服务机构(责任单位:区知识产权局)", ["徐汇区", "徐汇"], ["区知识产权局"])
    b = normalise("湖州市培育5家以上服务机构(责任单位:市市场监管局)", ["湖州市", "湖州"], ["市市场监管局"])
    assert a == b


def test_edits_keep_numbers_whole():
    found = edits("拥有量达到490件,突破48亿元", "拥有量达到486件,突破128亿元")
    assert [(e.a, e.b) for e in found] == [("490件", "486件"), ("48亿元", "128亿元")]


def test_index_and_all_pairs_agree(seed_doc):
    docs = make_docs([seed_doc(n) for n in SEEDS])
    exact = measures_view(docs, 0.1, method="all-pairs")
    indexed = measures_view(docs, 0.1, method="index")
    key = lambda v: {(p.a.doc, p.a.path, p.b.doc, p.b.path) for p in v.pairs}
    assert key(indexed) == key(exact)  # the index skips no pair that reaches --min-sim here


def test_boilerplate_titles_are_set_aside(seed_doc):
    view = compare([seed_doc(n) for n in SEEDS], views=["measures"]).measures
    titles = [s.title for s in view.boilerplate]
    assert any(regex.search("党风廉政", t) for t in titles)
    paired = {(p.a.doc, p.a.path) for p in view.pairs} | {(p.b.doc, p.b.path) for p in view.pairs}
    assert not any((s.doc, s.path) in paired for s in view.boilerplate)


def test_minhash_lsh_finds_the_index_pairs(seed_doc):
    pytest.importorskip("datasketch")
    docs = make_docs([seed_doc(n) for n in SEEDS])
    exact = measures_view(docs, 0.1, method="index")
    lsh = measures_view(docs, 0.1, method="minhash-lsh")
    key = lambda v: {(p.a.doc, p.a.path, p.b.doc, p.b.path) for p in v.pairs}
    assert len(key(lsh) & key(exact)) >= 0.7 * len(key(exact))


def test_pairs_name_the_plan_issued_first(seed_doc):
    view = compare([seed_doc(n) for n in SEEDS], views=["measures"]).measures
    issued = {n.split(".")[0]: seed_doc(n).meta.issued for n in SEEDS}
    assert view.pairs
    for p in view.pairs:
        first = min((p.a.doc, p.b.doc), key=lambda d: issued[d])
        assert p.earlier == (first if issued[p.a.doc] != issued[p.b.doc] else None)
