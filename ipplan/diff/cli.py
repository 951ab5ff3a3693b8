"""The `diff` command: two versions of a plan, compared at the level of meaning.

Exit codes follow diff(1) and graphtage: 0 no difference, 1 differences (with
--fail-on, only of the listed kinds), 2 bad input or usage. Called by git as an
external diff (GIT_EXTERNAL_DIFF or diff.<driver>.command: seven arguments,
nine for a rename) it prints the terminal view and exits 0, because git stops
at the first external diff that exits non-zero.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

if TYPE_CHECKING:
    from ..schema.models import Document


EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _empty(source: str) -> "Document":
    """The side of a file git adds or deletes (/dev/null): a plan with nothing in it."""
    from ..schema.models import Document, Meta

    return Document(source=source, meta=Meta())


def register(app: typer.Typer) -> None:
    from ..inputs import Inputs, input_options
    from ..output import OutputOptions, output_options

    @app.command()
    @output_options(formats=("text", "json", "md", "html"), default="text", rows=False, text=False)
    @input_options(batch=False, metavar="OLD NEW", paths_help="Two versions of a plan (files, or - for one of them).")
    def diff(
        inputs: Inputs,
        out: OutputOptions,
        fail_on: Optional[str] = typer.Option(None, "--fail-on",
                                              help="Exit 1 only for these change kinds, comma-separated (e.g. target-down,removed)."),
        context: int = typer.Option(20, "--context", "-C", min=0,
                                    help="Characters of unchanged text kept around each changed word."),
    ) -> None:
        """Compare two versions of a plan at the level of meaning; exit 1 if they differ.

        Items added, removed, moved, renumbered, split, merged or reworded (by words); targets up or down
        (with the change in %), changed, added or removed; units added or removed and a change of lead;
        metadata. text for the terminal, json as an edit list, md and html as a 新旧对照表. Exit 0 no
        difference, 1 differences, 2 bad input.
        """
        from .changes import KINDS

        paths = [] if inputs.paths == ["-"] and (sys.stdin is None or sys.stdin.isatty()) else inputs.paths
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

        sides = (old_path, new_path)
        empty = [git and path == "/dev/null" for path in sides]  # git's side of a file added or deleted
        for path in sides:
            if path != "-" and Path(path).is_dir():
                inputs.error(path, "is a directory; diff compares two files")
        inputs.paths = [path for path, none in zip(sides, empty) if not none]
        parsed = [] if inputs.failed else list(inputs.documents())
        if inputs.failed or len(parsed) != len(inputs.paths):
            # git stops the whole `git diff` at an external diff that fails; the reason is on stderr already
            raise typer.Exit(EXIT_OK if git else EXIT_INPUT)
        found = iter(parsed)
        docs = [_empty(path) if none else next(found) for path, none in zip(sides, empty)]

        from . import as_json, compare

        result = compare(docs[0], docs[1])
        with out.open() as stream:
            if git and out.format == "text":  # git prints no header of its own for an external diff
                stream.write(f"ipplan diff a/{name} b/{name}\n")
            if out.format == "json":
                from .. import output

                stream.write(output.dumps(as_json(result)) + "\n")
            elif out.format == "md":
                from .render_table import markdown

                stream.write(markdown(result, context))
            elif out.format == "html":
                from .render_table import html_page

                stream.write(html_page(result, context))
            else:
                from .render_text import render

                render(result, stream, context)
        counted = [c for c in result.changes if kinds is None or c.kind in kinds]
        raise typer.Exit(EXIT_OK if git or not counted else EXIT_FINDINGS)
