"""Score a parsed document against a hand-made gold annotation (tests/data/gold/*.gold.json).

A re-implementation, for the test suite, of the meta / outline / units part of the
project's reference scorer (score_gold.py, kept outside the repository). The
matching rules are the scorer's, and must stay so; they are spelled out here:

- Every string is compared after `norm`: NFKC, curly quotes to straight ones,
  the dashes — – － and ~ to `-`, all whitespace removed.
- meta: the share of the gold's meta keys whose value the parser reproduced
  exactly (after `norm`; `period` compares as a list, a `{start, end}` dict
  counts as `[start, end]`).
- outline: predicted nodes are flattened in document order and keyed by their
  path, each label normalised by `norm_label` (`norm`, then trailing `、 . ． :`
  removed); when two predicted nodes share a key the first one counts. A gold
  entry is a hit when a predicted node has its key and the titles agree
  (`titles_agree`). Precision = hits / predicted nodes, recall = hits / gold entries.
- units: on each hit, the gold's unit set against the predicted unit set
  (normalised names); the units of a gold entry that was missed all count as missed.

Only the standard library is used, so the helper never depends on the code it checks.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

GOLD_DIR = Path(__file__).resolve().parent / "data" / "gold"

_DASHES = {"—": "-", "–": "-", "－": "-", "~": "-"}
_QUOTES = {"“": '"', "”": '"', "‘": "'", "’": "'"}


def norm(text: Any) -> str:
    """The scorer's normal form: NFKC, straight quotes, one dash, no whitespace. None gives ''."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    for table in (_QUOTES, _DASHES):
        for old, new in table.items():
            text = text.replace(old, new)
    return "".join(text.split())


def norm_label(label: str) -> str:
    """A path element as the scorer keys it: `三、` and `三` are the same label."""
    return norm(label).rstrip("、.．:")


def path_key(path: Iterable[str]) -> tuple[str, ...]:
    return tuple(norm_label(x) for x in path)


def bigrams(text: str) -> set[str]:
    text = norm(text)
    grams = {text[i:i + 2] for i in range(len(text) - 1)}
    return grams or {text}


def alike(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of `a` and `b`."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def titles_agree(gold: str, got: str) -> bool:
    """Equal; the prediction extends the gold; the gold extends a prediction of 6+ characters; or 80% alike."""
    g, p = norm(gold), norm(got)
    if not g:
        return True
    if g == p or p.startswith(g):
        return True
    if g.startswith(p) and len(p) >= 6:
        return True
    return alike(g, p) >= 0.8


def flatten(nodes: Iterable[dict] | None) -> list[dict]:
    """Nodes of a JSON outline in document order (pre-order)."""
    out: list[dict] = []

    def walk(items: Iterable[dict] | None) -> None:
        for node in items or []:
            out.append(node)
            walk(node.get("children"))

    walk(nodes)
    return out


def unit_names(node: dict) -> list[str]:
    return [norm(u.get("name") if isinstance(u, dict) else u) for u in node.get("units") or []]


def prf(hit_pred: int, n_pred: int, hit_gold: int, n_gold: int) -> tuple[float, float, float]:
    """(precision, recall, F1) with the scorer's conventions for empty sides."""
    if n_pred:
        p = hit_pred / n_pred
    else:
        p = 1.0 if not n_gold else 0.0
    r = hit_gold / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Score:
    """Per-document figures and everything that was missed, in the scorer's wording."""

    meta: float
    outline: tuple[float, float, float]  # precision, recall, F1
    units: tuple[float, float, float]
    misses: list[str] = field(default_factory=list)

    def report(self) -> str:
        head = (f"meta {self.meta:.3f}; outline P/R/F {self.outline[0]:.3f}/{self.outline[1]:.3f}/"
                f"{self.outline[2]:.3f}; units P/R/F {self.units[0]:.3f}/{self.units[1]:.3f}/{self.units[2]:.3f}")
        return "\n".join([head, *("  " + m for m in self.misses)])


def score_meta(gold_meta: dict, got_meta: dict | None, misses: list[str]) -> float:
    got_meta = got_meta or {}
    total = ok = 0
    for key, want in gold_meta.items():
        total += 1
        have = got_meta.get(key)
        if key == "period":
            if isinstance(have, dict):
                have = [have.get("start"), have.get("end")]
            good = list(want or []) == list(have or [])
        else:
            good = norm(want) == norm(have)
        if good:
            ok += 1
        else:
            misses.append(f"meta.{key}: want {want!r} got {have!r}")
    return ok / total if total else 1.0


def score(gold: dict, got: dict) -> Score:
    """Compare one parsed document (its JSON form, as `ipplan parse --format json` prints it) with its gold."""
    misses: list[str] = []
    meta = score_meta(gold.get("meta", {}), got.get("meta"), misses)

    predicted = flatten(got.get("outline"))
    by_key: dict[tuple[str, ...], dict] = {}
    for node in predicted:
        by_key.setdefault(path_key(node.get("path", [])), node)

    gold_nodes = gold.get("outline", [])
    hits = 0
    matched: set[tuple[str, ...]] = set()
    u_tp = u_pred = u_gold = 0
    for entry in gold_nodes:
        key = path_key(entry["path"])
        want_units = set(map(norm, entry.get("units", [])))
        node = by_key.get(key)
        if node is not None and titles_agree(entry.get("title", ""), node.get("title", "")):
            hits += 1
            matched.add(key)
            have_units = set(unit_names(node))
            u_tp += len(want_units & have_units)
            u_pred += len(have_units)
            u_gold += len(want_units)
            if want_units != have_units:
                misses.append(f"units {'/'.join(entry['path'])}: want {sorted(want_units)} got {sorted(have_units)}")
        else:
            u_gold += len(want_units)
            note = f" (got title {node.get('title', '')[:30]!r})" if node is not None else ""
            misses.append(f"outline missing {'/'.join(entry['path'])} {entry.get('title', '')[:30]!r}{note}")
    for key, node in by_key.items():
        if key not in matched:
            misses.append(f"outline extra {'/'.join(key)} {node.get('title', '')[:30]!r}")

    return Score(
        meta=meta,
        outline=prf(hits, len(predicted), hits, len(gold_nodes)),
        units=prf(u_tp, u_pred, u_tp, u_gold),
        misses=misses,
    )


def load_gold(name: str) -> dict:
    """The gold annotation of one seed, by the seed's file name or stem."""
    stem = name[:-4] if name.endswith(".txt") else name
    return json.loads((GOLD_DIR / f"{stem}.gold.json").read_text(encoding="utf-8"))


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.gold.json"))
