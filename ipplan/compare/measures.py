"""Which measures of one plan have a counterpart in another.

Items are compared as character 2- and 3-grams (tf-idf cosine) after normalising what a copying city changes:
numbers and years (`15件`/`20件`), place names (`徐汇区`/`湖州市`, the level words 区/市/县/省),
and the agencies named in the item. Grams are weighted by how rare they are among all items,
so phrases every plan uses (知识产权, 高质量发展) count little, and items that every plan shares
(加强组织领导 …) are set aside as boiler-plate. For many items, candidates come from an inverted
index of rare grams (or datasketch MinHash LSH when installed), not from all pairs;
the similarity reported is always the exact cosine.
"""
from __future__ import annotations

import difflib
import functools
import json
import math
from dataclasses import dataclass
from importlib import resources

import regex

from .items import CDoc, Item
from .model import Edit, MeasurePair, MeasuresView, Side

SIZES = (2, 3)
ALL_PAIRS_MAX = 60  # items; above this, candidates come from an index
LSH_MIN = 5000
EDITS_MIN = 0.4  # below this two items share a topic, not a text: their edit spans would be noise
DEFAULT_MIN_SIM = 0.1  # cosine: 1.0 the same measure, ≥0.5 a copy with edits, 0.1–0.3 the same topic  # items; above this, datasketch LSH when it is installed

_NUMBER = regex.compile(r"[0-9０-９]+(?:[.．][0-9]+)?|[一二三四五六七八九十百千两]+(?=[个家件项批次年条类名人所])")
_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")
_ROLE_BRACKET = regex.compile(r"[(（〔\[][^()（）〔〕\[\]]{0,80}(?:单位|部门|牵头|配合|负责)[^()（）〔〕\[\]]{0,80}[)）〕\]]")
_TOKEN = regex.compile(r"[0-9]+(?:\.[0-9]+)?(?:%|[万亿千百]*[\p{Han}]?)|[A-Za-z]+|\S", regex.V1)


@functools.lru_cache(maxsize=1)
def settings() -> dict:
    return json.loads(resources.files("ipplan.data").joinpath("measures.json").read_text("utf-8"))


def place_words(docs: list[CDoc]) -> list[str]:
    """Region names of the plans compared, with and without their level word (湖州市, 湖州)."""
    words: set[str] = set(settings()["places"])
    for cdoc in docs:
        for name in (cdoc.doc.meta.region, cdoc.doc.meta.parent_region):
            if name:
                words.add(name)
                short = regex.sub(r"(?:新区|自治区|省|市|区|县)$", "", name)
                if len(short) >= 2:
                    words.add(short)
    return sorted(words, key=lambda w: (-len(w), w))


def normalise(text: str, places: list[str], units: list[str]) -> str:
    text = _ROLE_BRACKET.sub("", text)
    for word in sorted(units, key=lambda w: (-len(w), w)):
        if len(word) >= 2:
            text = text.replace(word, "U")
    for word in places:
        text = text.replace(word, "@")
    text = _NUMBER.sub("#", text)
    text = regex.sub("[区市县省]", "@", text)
    return _NOISE.sub("", text)


def grams(text: str) -> set[str]:
    out = {text} if 0 < len(text) < min(SIZES) else set()
    for n in SIZES:
        out.update(text[i:i + n] for i in range(len(text) - n + 1))
    return out


@dataclass
class _Entry:
    item: Item
    grams: set[str]
    boiler: bool


def _side(item: Item) -> Side:
    return Side(doc=item.doc, path=item.path, title=item.title, line=item.line)


def tokens(text: str) -> list[str]:
    """Atomic tokens for the edit spans: a number with its scale and unit (490件, 48亿元) is one token."""
    return _TOKEN.findall(text)


def edits(a: str, b: str, limit: int = 40) -> list[Edit]:
    ta, tb = tokens(a), tokens(b)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        out.append(Edit(op=op, a="".join(ta[i1:i2]), b="".join(tb[j1:j2])))
        if len(out) >= limit:
            break
    return out


class _Scorer:
    def __init__(self, entries: list[_Entry]) -> None:
        df: dict[str, int] = {}
        for e in entries:
            for g in e.grams:
                df[g] = df.get(g, 0) + 1
        n = len(entries)
        self.df = df
        # squared idf: the cosine of binary tf-idf vectors
        self.w2 = {g: math.log((n + 1) / c) ** 2 for g, c in df.items()}
        self.norm = [math.sqrt(sum(self.w2[g] for g in e.grams)) for e in entries]

    def sim(self, i: int, j: int, a: set[str], b: set[str]) -> float:
        if not self.norm[i] or not self.norm[j]:
            return 0.0
        w2 = self.w2
        small, large = (a, b) if len(a) < len(b) else (b, a)
        inter = sum(w2[g] for g in small if g in large)
        return inter / (self.norm[i] * self.norm[j])


def _pair_scores(entries: list[_Entry], scorer: _Scorer, method: str, min_sim: float) -> dict[tuple[int, int], float]:
    """Similarity (i < j, different documents) of every pair that may reach `min_sim`.

    all-pairs scores every pair. index accumulates, over grams rarer than 2 % of items, the
    part of the cosine they carry; the rest (common grams weigh little) is added exactly only
    for pairs whose partial score reaches half of `min_sim`. minhash-lsh asks datasketch for
    candidates. Either way the similarity reported is the exact cosine.
    """
    n = len(entries)
    out: dict[tuple[int, int], float] = {}

    def score(i: int, j: int) -> None:
        s = scorer.sim(i, j, entries[i].grams, entries[j].grams)
        if s >= min_sim:
            out[(i, j)] = s

    if method == "all-pairs":
        for i in range(n):
            for j in range(i + 1, n):
                if entries[i].item.doc != entries[j].item.doc:
                    score(i, j)
        return out
    if method == "minhash-lsh":
        from datasketch import MinHash, MinHashLSH

        lsh = MinHashLSH(threshold=max(0.1, min_sim / 2), num_perm=64)
        hashes = MinHash.bulk([[g.encode("utf-8") for g in e.grams] for e in entries], num_perm=64)
        for i, m in enumerate(hashes):
            lsh.insert(str(i), m)
        for i, m in enumerate(hashes):
            for k in lsh.query(m):
                j = int(k)
                if j > i and entries[j].item.doc != entries[i].item.doc:
                    score(i, j)
        return out
    cap = max(10, n // 50)
    index: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        for g in e.grams:
            df = scorer.df[g]
            if 2 <= df <= cap:  # a gram only one item has pairs nothing
                index.setdefault(g, []).append(i)
    w2 = scorer.w2
    partial: dict[tuple[int, int], float] = {}
    docs = [e.item.doc for e in entries]
    for g, posting in index.items():
        w = w2[g]
        for x, i in enumerate(posting):
            for j in posting[x + 1:]:
                if docs[i] != docs[j]:
                    partial[(i, j)] = partial.get((i, j), 0.0) + w
    norm = scorer.norm
    for (i, j), dot in partial.items():
        if dot >= 0.5 * min_sim * norm[i] * norm[j]:
            score(i, j)
    return out


def choose_method(n_items: int) -> str:
    """The index gives the same pairs as all-pairs, much faster; LSH only for very many items."""
    if n_items <= ALL_PAIRS_MAX:
        return "all-pairs"
    if n_items >= LSH_MIN:
        import importlib.util

        if importlib.util.find_spec("datasketch") is not None:
            return "minhash-lsh"
    return "index"


def measures_view(docs: list[CDoc], min_sim: float = DEFAULT_MIN_SIM, method: str | None = None) -> MeasuresView:
    places = place_words(docs)
    boiler_titles = settings()["boilerplate"]
    entries: list[_Entry] = []
    for cdoc in docs:
        for item in cdoc.items:
            text = normalise(item.text, places, [u for u, _ in item.units])
            boiler = any(b in item.title for b in boiler_titles)
            entries.append(_Entry(item=item, grams=grams(text), boiler=boiler))
    scorer = _Scorer(entries)
    method = method or choose_method(len(entries))
    scores = _pair_scores(entries, scorer, method, min_sim)
    # best counterpart of each item in each other document
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for (i, j), s in scores.items():
        if entries[i].boiler or entries[j].boiler:
            continue
        for a, b in ((i, j), (j, i)):
            k = (a, entries[b].item.doc)
            if k not in best or s > best[k][0]:
                best[k] = (s, b)
    n_docs = len(docs)
    if n_docs >= 3:  # a measure every other plan also has is boiler-plate, not a city's choice
        reach: dict[int, int] = {}
        for (i, _doc) in best:
            reach[i] = reach.get(i, 0) + 1
        for i, r in reach.items():
            if r >= n_docs - 1:
                entries[i].boiler = True
    pairs: dict[tuple[int, int], float] = {}
    for (i, _doc), (s, j) in best.items():
        if entries[i].boiler or entries[j].boiler:
            continue
        key = (min(i, j), max(i, j))
        pairs[key] = max(s, pairs.get(key, 0.0))
    paired = {i for k in pairs for i in k}
    doc_order = {d.id: n for n, d in enumerate(docs)}
    issued = {d.id: d.doc.meta.issued for d in docs}
    out_pairs = []
    for (i, j), s in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        a, b = entries[i].item, entries[j].item
        if doc_order[a.doc] > doc_order[b.doc]:
            a, b = b, a
        shown = edits(a.text, b.text) if s >= EDITS_MIN else []
        da, db = issued[a.doc], issued[b.doc]
        earlier = None if not da or not db or da == db else (a.doc if da < db else b.doc)
        out_pairs.append(MeasurePair(a=_side(a), b=_side(b), similarity=round(min(1.0, s), 4), edits=shown,
                                     earlier=earlier))
    own: dict[str, list[Side]] = {d.id: [] for d in docs}
    for i, e in enumerate(entries):
        if i not in paired and not e.boiler:
            own[e.item.doc].append(_side(e.item))
    boiler = [_side(e.item) for e in entries if e.boiler]
    return MeasuresView(pairs=out_pairs, own=own, boilerplate=boiler, min_sim=min_sim, method=method)
