"""Quantified targets: an indicator and the number a plan says it must reach.

Plans state goals two ways, and the place of the number tells which:
- the indicator first, the number closing the clause: `每万人有效发明专利拥有量达172件,`;
- a verb, the number, then what is counted: `培育3家以上专业化…知识产权服务机构`.
So a number that ends its clause is named from its left, one followed by a noun
from its right (keeping the verbs that say what is counted: 新增, 累计, 培育).

Most numbers in a plan are not targets: dates, ordinals, document numbers,
titles in 《》, slogans in quotes, entity qualifiers (`1000万元以上的机构`),
support amounts (`给予最高500万元奖励`, a policy instrument), and the value a
target starts from (`从10件提高到15件`: only 15 is a goal). Those are
recognised by their context rather than listed, so unseen plans behave alike.
Unit words come from `ipplan/data/units.json` (see `numbers.py`); a number
without a known unit after it is never a target. The words that give that
context (comparison ops, verbs kept or dropped in names, support and baseline
cues, clause openers, table headers) come from `ipplan/data/target_words.json`,
which documents each list; both are read on first use.

One name may take several values: `X2024年、2025年分别达到20件、23件` gives a
target per year (see `prose._split_list` for lists without years).

The reading is split by job: `words` (vocabulary and word lists), `base` (the
`Found` record and clause helpers), `context` (which year a target is for),
`quantities` (numbers with units and the context that rules them out), `prose`
(naming quantities in a paragraph), `tables` (indicator tables) and `repeats`.
"""
from __future__ import annotations

from .base import Found, clean_name
from .context import (goal_year, governing_year, report_year, result_marker, result_year, review_heading,
                      uses_roc_years)
from .prose import quantities_in_text, targets_in_text
from .repeats import drop_repeats, same_target
from .tables import results_in_table, targets_in_table

__all__ = ["Found", "targets_in_text", "targets_in_table", "governing_year", "drop_repeats", "same_target",
           "clean_name", "quantities_in_text", "results_in_table", "result_marker", "result_year", "uses_roc_years",
           "report_year", "goal_year", "review_heading"]
