"""Keyword/pattern rules from the shipped data files (tools.json, themes.json) plus a user's file.

The rules are data so an analyst can audit and extend the coding without touching code:
each rule says which words make an item count, and each count lists its items.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import regex


class RulesError(ValueError):
    """A user's rule file that cannot be used; the message starts with the file name."""


@dataclass
class Rule:
    name: str
    keywords: list[str]
    patterns: list[regex.Pattern] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    type: str | None = None  # instrument type for a tool

    def matches(self, text: str) -> bool:
        """Whether the rule codes the text (stops at the first keyword found)."""
        if any(word in text for word in self.exclude):
            return False
        return any(word in text for word in self.keywords) or any(p.search(text) for p in self.patterns)

    def hits(self, text: str) -> int:
        """How many keyword/pattern occurrences: 0 means the rule does not code the text."""
        if any(word in text for word in self.exclude):
            return 0
        n = sum(text.count(word) for word in self.keywords)
        return n + sum(len(p.findall(text)) for p in self.patterns)


def _read(name: str, user: Path | None) -> tuple[dict, dict | None]:
    shipped = json.loads(resources.files("ipplan.data").joinpath(name).read_text("utf-8"))
    if user is None:
        return shipped, None
    try:
        extra = json.loads(Path(user).read_text("utf-8"))
    except OSError as exc:
        raise RulesError(f"{user}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RulesError(f"{user}: not a JSON rules file: {exc}") from None
    if not isinstance(extra, dict):
        raise RulesError(f"{user}: not a JSON rules file: expected an object")
    return shipped, extra


def _rule(entry: object, name_key: str, source: str) -> Rule:
    if not isinstance(entry, dict) or not isinstance(entry.get(name_key), str):
        raise RulesError(f"{source}: each entry needs a {name_key!r} string")
    try:
        patterns = [regex.compile(p) for p in entry.get("patterns", [])]
    except regex.error as exc:
        raise RulesError(f"{source}: {entry[name_key]}: bad pattern: {exc}") from None
    keywords = entry.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k for k in keywords):
        raise RulesError(f"{source}: {entry[name_key]}: keywords must be a list of non-empty strings")
    return Rule(name=entry[name_key], keywords=keywords, patterns=patterns,
                exclude=list(entry.get("exclude", [])), type=entry.get("type"))


def _merge(base: list[Rule], extra: list[Rule], key) -> list[Rule]:
    out = {key(r): r for r in base}
    for r in extra:
        out[key(r)] = r  # same name replaces, new names are added at the end
    return list(out.values())


TYPES = ("supply", "environment", "demand")


def load_tools(user: Path | None = None) -> tuple[list[Rule], list[Rule]]:
    """(tools, domains) from ipplan/data/tools.json and an optional user file."""
    shipped, extra = _read("tools.json", user)
    tools = [_rule(e, "tool", "tools.json") for e in shipped["tools"]]
    domains = [_rule(e, "domain", "tools.json") for e in shipped["domains"]]
    if extra is not None:
        more = [_rule(e, "tool", str(user)) for e in extra.get("tools", [])]
        for r in more:
            if r.type not in TYPES:
                raise RulesError(f"{user}: {r.name}: type must be one of {', '.join(TYPES)}")
        tools = _merge(tools, more, lambda r: (r.type, r.name))
        domains = _merge(domains, [_rule(e, "domain", str(user)) for e in extra.get("domains", [])], lambda r: r.name)
    return tools, domains


def load_themes(user: Path | None = None) -> list[Rule]:
    shipped, extra = _read("themes.json", user)
    themes = [_rule(e, "theme", "themes.json") for e in shipped["themes"]]
    if extra is not None:
        themes = _merge(themes, [_rule(e, "theme", str(user)) for e in extra.get("themes", [])], lambda r: r.name)
    return themes
