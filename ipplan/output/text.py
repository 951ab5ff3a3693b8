"""Which spelling of a text an output shows.

The parser matches on a normalised form (simplified script, ASCII punctuation);
people read the plan as it was written (full-width `，（）：`). Outputs show the
form as written, converted to simplified script unless `--script original`
asks for the source's own script. The normalised form stays in the JSON.
"""
from __future__ import annotations

import functools

SCRIPTS = ("simplified", "original")


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def shown(normalised: str | None, as_written: str | None, doc_script: str = "simplified",
          mode: str = "simplified") -> str | None:
    """The text to print: as written (punctuation and all), in simplified script unless mode is 'original'."""
    if as_written is None:
        return normalised
    if mode == "original" or doc_script != "traditional":
        return as_written
    return _t2s().convert(as_written)
