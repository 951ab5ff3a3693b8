"""The `check` command: what the parser doubted and what the lint rules found, as text, JSON or SARIF.

Exit codes: 0 nothing at or above --severity, 1 findings at or above it, 2 bad input
(which wins over findings, so a CI job never passes on a file it could not read).
"""
from __future__ import annotations

from enum import Enum
from typing import Any, Iterator

import typer


EXIT_OK, EXIT_FINDINGS = 0, 1


class Level(str, Enum):
    note = "note"
    warning = "warning"
    error = "error"


def register(app: typer.Typer) -> None:
    from ..inputs import Inputs, input_options
    from ..output import OutputOptions, output_options

    @app.command()
    @output_options(formats=("text", "json", "sarif"), default="text", rows=False, text=False)
    @input_options()
    def check(
        inputs: Inputs,
        out: OutputOptions,
        severity: Level = typer.Option(Level.warning, "--severity", "-s",
                                       help="Report findings at or above this level (note, warning, error); exit 1 if any."),
        rules: bool = typer.Option(False, "--rules", help="List the rules (id, severity, what they find) and exit."),
    ) -> None:
        """Lint plans (text, JSON or SARIF 2.1.0); exit 1 if a finding reaches --severity.

        Numbering gaps, repeats and steps back, labels and table rows the parser could not read, targets
        without year or unit or outside the stated period, items without units, 文号 and dates in unknown
        formats. Exit 2 on bad input.
        """
        from .. import output
        from .rules import RULES, at_least

        if rules:
            with out.open() as stream:
                if out.format == "text":
                    stream.write("".join(f"{r.id:<20} {r.severity:<8} {r.short}\n" for r in RULES.values()))
                else:
                    stream.write(output.dumps([{"id": r.id, "severity": r.severity, "name": r.name,
                                                "short": r.short, "help": r.help} for r in RULES.values()]) + "\n")
            raise typer.Exit(EXIT_OK)

        found = 0
        documents = 0

        def reports() -> Iterator[tuple[Any, list[Any]]]:
            """(document, findings kept) as each file is read; nothing of a document is held after it."""
            nonlocal found, documents
            for doc in inputs.documents():
                kept = [f for f in doc.findings if at_least(f.severity, severity.value)]
                found += len(kept)
                documents += 1
                if out.format == "text":  # as each file is read, as a linter does
                    for f in kept:
                        where = ":".join(str(x) for x in (doc.source, f.line, f.column) if x)
                        stream.write(f"{where}: {f.severity}: {f.message} [{f.rule}]\n")
                yield doc, kept

        with out.open() as stream:
            if out.format == "json":  # the array written an entry at a time (the bytes of the whole list)
                output.write_json_array(({"file": doc.source,
                                          "findings": [{"file": doc.source, **f.model_dump(mode="json")} for f in kept],
                                          "outline_entries": sum(1 for _ in doc.iter_nodes()),
                                          "targets": len(doc.targets)}
                                         for doc, kept in reports()), stream)
            elif out.format == "sarif":  # one object with every result: the findings are kept, not the documents
                from .sarif import sarif

                stream.write(output.dumps(sarif((doc.source, kept) for doc, kept in reports())) + "\n")
            else:
                for _ in reports():
                    pass
        if out.format == "text" and not found and not inputs.failed:
            typer.echo(f"ok: {documents} document(s), nothing at or above {severity.value}", err=True)
        raise typer.Exit(inputs.exit_code(EXIT_FINDINGS if found else EXIT_OK))
