"""`ipplan diff`: two versions of a plan compared at the level of meaning.

`compare(old, new)` aligns the outlines (align.py), derives one list of
changes (changes.py, targets.py, words.py) and every renderer (render_text.py,
render_table.py, `as_json`) draws from that one list. Nothing is imported
until used, so registering the command keeps `ipplan --version` fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .changes import Diff

__all__ = ["KINDS", "Change", "Diff", "compare", "as_json"]


def __getattr__(name: str) -> Any:
    if name in ("KINDS", "Change", "Diff", "compare"):
        from . import changes

        return getattr(changes, name)
    raise AttributeError(name)


def as_json(diff: "Diff") -> dict[str, Any]:
    """The output contract: {"old": {source, title}, "new": {source, title}, "changes": [...]}, ranked by weight."""
    return {
        "old": {"source": diff.old.source, "title": diff.old.meta.title},
        "new": {"source": diff.new.source, "title": diff.new.meta.title},
        "changes": [c.as_dict() for c in diff.ranked()],
    }
