"""`ipplan text PATH…`: show the text the pipeline read from a page, a Word file or a PDF.

Every `line` in ipplan's output counts lines of this text; `--origins` puts beside each line
where it sits in the original file (PDF page and line, DOCX paragraph or table row, HTML
source line), so an analyst can go from a fact to the file they hold.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer


class TextFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"


def origin_label(where) -> str:
    """`p3:17`, `¶12`, `t2r4`, `L120`: a short locator for a line's origin; '' for plain text."""
    if where is None:
        return ""
    if where.page is not None:
        return f"p{where.page}:{where.line}"
    if where.table is not None:
        return f"t{where.table}r{where.row}"
    if where.paragraph is not None:
        return f"¶{where.paragraph}"
    if where.line is not None:
        return f"L{where.line}"
    return ""


def register(app: typer.Typer) -> None:
    @app.command("text")
    def text_command(
        paths: Optional[list[str]] = typer.Argument(None, help="Files, directories or - for standard input."),
        origins: bool = typer.Option(False, "--origins", help="Prefix each line with its number and its origin."),
        fmt: TextFormat = typer.Option(TextFormat.text, "--format", "-f", help="text, or jsonl (one object per line)."),
        encoding: Optional[str] = typer.Option(None, "--encoding", "-e", help="Input encoding; default: detect."),
        input_format: Optional[str] = typer.Option(None, "--input-format",
                                                   help="Read every input as text, html, docx or pdf."),
    ) -> None:
        """Print the text ipplan reads from each file (the lines `line` fields count), with --origins where they sit."""
        from .. import output
        from ..cli import EXIT_INPUT, EXIT_OK
        from ..parse.read import PARSED_SUFFIXES, InputError, read_document
        from ..parse.readers.sniff import FORMATS

        if input_format is not None and input_format not in FORMATS:
            typer.echo(f"ipplan: --input-format: choose one of {', '.join(FORMATS)}", err=True)
            raise typer.Exit(EXIT_INPUT)
        failed = 0

        def error(name: str, message: str) -> None:
            nonlocal failed
            failed += 1
            typer.echo(f"ipplan: {name}: {message}", err=True)

        names: list[str] = []
        for raw in paths or ["-"]:
            path = Path(raw)
            if raw != "-" and path.is_dir():
                found = sorted(str(p) for p in path.iterdir() if p.suffix.lower() in PARSED_SUFFIXES and p.is_file())
                if not found:
                    error(raw, "the directory holds no notices")
                names += found
            else:
                names.append(raw)
        out = sys.stdout
        for name in names:
            try:
                data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
                got = read_document(data, None if name == "-" else name, input_format, encoding)
            except FileNotFoundError:
                error(name, "no such file")
                continue
            except OSError as exc:
                error(name, exc.strerror or str(exc))
                continue
            except InputError as exc:
                error(name, str(exc))
                continue
            lines = got.text.split("\n")
            if fmt is TextFormat.jsonl:
                output.write_jsonl(({"source": name, "input_format": got.input_format, "line": k, "text": line,
                                     "origin": _origin_dict(got.at(k))} for k, line in enumerate(lines, 1)), out)
                continue
            if len(names) > 1:
                out.write(f"==> {name} ({got.input_format}) <==\n")
            for k, line in enumerate(lines, 1):
                out.write(f"{k}\t{origin_label(got.at(k))}\t{line}\n" if origins else line + "\n")
        raise typer.Exit(EXIT_INPUT if failed else EXIT_OK)


def _origin_dict(where) -> dict | None:
    if where is None:
        return None
    return {k: getattr(where, k) for k in ("page", "line", "paragraph", "table", "row") if getattr(where, k) is not None}
