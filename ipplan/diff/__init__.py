"""`ipplan diff`: two versions of a plan compared at the level of meaning.

`compare(old, new)` aligns the outlines (align.py), derives one list of
changes (changes.py, targets.py, words.py) and every renderer (render_text.py,
render_table.py, as_json here) draws from that one list.
"""
from __future__ import annotations

from typing import Any

from .changes import KINDS, Change, Diff, compare

__all__ = ["KINDS", "Change", "Diff", "compare", "as_json"]


def as_json(diff: Diff) -> dict[str, Any]:
    """The output contract: {"old": {source, title}, "new": {source, title}, "changes": [...]}, ranked by weight."""
    return {
        "old": {"source": diff.old.source, "title": diff.old.meta.title},
        "new": {"source": diff.new.source, "title": diff.new.meta.title},
        "changes": [c.as_dict() for c in diff.ranked()],
    }
