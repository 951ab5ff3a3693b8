"""The `diff` command: two versions of a plan, compared at the level of meaning.

Exit codes follow diff(1) and graphtage: 0 no difference, 1 differences (with
--fail-on, only of the listed kinds), 2 bad input or usage. Called by git as an
external diff (GIT_EXTERNAL_DIFF or diff.<driver>.command: seven arguments,
nine for a rename) it prints the terminal view and exits 0, because git stops
at the first external diff that exits non-zero.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

if TYPE_CHECKING:
    from ..schema.models import Document


EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"


def _empty(source: str) -> "Document":
    """The side of a file git adds or deletes (/dev/null): a plan with nothing in it."""
    from ..schema.models import Document, Meta

    return Document(source=source, meta=Meta())


def register(app: typer.Typer) -> None:
    from ..cli import EncodingOpt, Inputs

    @app.command()
    def diff(
        paths: list[str] = typer.Argument(..., metavar="OLD NEW", help="Two versions of a plan (files, or - for one of them)."),
        fmt: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f",
                                       help="text (terminal), json (edit list), md or html (新旧对照表)."),
        fail_on: Optional[str] = typer.Option(None, "--fail-on",
                                              help="Exit 1 only for these change kinds, comma-separated (e.g. target-down,removed)."),
        context: int = typer.Option(20, "--context", "-C", min=0,
                                    help="Characters of unchanged text kept around each changed word."),
        encoding: Optional[str] = EncodingOpt,
    ) -> None:
        """Compare two versions of a plan at the level of meaning; exit 1 if they differ.

        Items added, removed, moved, renumbered, split, merged or reworded (by words); targets up or down
        (with the change in %), changed, added or removed; units added or removed and a change of lead;
        metadata. md and html print a 新旧对照表. Exit 0 no difference, 1 differences, 2 bad input.
        """
        from .changes import KINDS

        git = len(paths) in (7, 9)
        if git:
            name, old_path, new_path = paths[0], paths[1], paths[4]
        elif len(paths) == 2:
            old_path, new_path = paths
        else:
            typer.echo(f"ipplan: diff: give two files, OLD and NEW (got {len(paths)})", err=True)
            raise typer.Exit(EXIT_INPUT)
        kinds: set[str] | None = None
        if fail_on is not None:
            kinds = {k.strip() for k in fail_on.split(",") if k.strip()}
            unknown = sorted(kinds - set(KINDS))
            if unknown or not kinds:
                typer.echo(f"ipplan: --fail-on: unknown change kind {', '.join(unknown) or '(none given)'}; "
                           f"kinds are {', '.join(KINDS)}", err=True)
                raise typer.Exit(EXIT_INPUT)
        if old_path == "-" and new_path == "-":
            typer.echo("ipplan: diff: only one side can be standard input", err=True)
            raise typer.Exit(EXIT_INPUT)

        docs = []
        inputs = Inputs([], encoding)
        for path in (old_path, new_path):
            if git and path == "/dev/null":
                docs.append(_empty(path))
                continue
            if path != "-" and Path(path).is_dir():
                inputs.error(path, "is a directory; diff compares two files")
                continue
            one = Inputs([path], encoding)
            found = list(one.documents())
            inputs.failed += one.failed
            docs.extend(found)
        if inputs.failed or len(docs) != 2:
            # git stops the whole `git diff` at an external diff that fails; the reason is on stderr already
            raise typer.Exit(EXIT_OK if git else EXIT_INPUT)

        from . import as_json, compare

        result = compare(docs[0], docs[1])
        out = sys.stdout
        if git and fmt is DiffFormat.text:  # git prints no header of its own for an external diff
            out.write(f"ipplan diff a/{name} b/{name}\n")
        if fmt is DiffFormat.json:
            from .. import output

            out.write(output.dumps(as_json(result)) + "\n")
        elif fmt is DiffFormat.md:
            from .render_table import markdown

            out.write(markdown(result, context))
        elif fmt is DiffFormat.html:
            from .render_table import html_page

            out.write(html_page(result, context))
        else:
            from .render_text import render

            render(result, out, context)
        counted = [c for c in result.changes if kinds is None or c.kind in kinds]
        raise typer.Exit(EXIT_OK if git or not counted else EXIT_FINDINGS)
