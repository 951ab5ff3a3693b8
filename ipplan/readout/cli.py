"""`ipplan text PATH…`: show the text the pipeline read from a page, a Word file or a PDF.

Every `line` in ipplan's output counts lines of this text; `--origins` puts beside each line
where it sits in the original file (PDF page and line, DOCX paragraph or table row, HTML
source line), so an analyst can go from a fact to the file they hold.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from ..inputs import Inputs


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
    from ..inputs import Inputs, input_options
    from ..output import OutputOptions, output_options

    @app.command("text")
    @output_options(formats=("text", "jsonl"), default="text", rows=False, text=False)
    @input_options(batch=False)
    def text_command(
        inputs: Inputs,
        out: OutputOptions,
        origins: bool = typer.Option(False, "--origins", help="Prefix each line with its number and its origin."),
    ) -> None:
        """Print the text ipplan reads from each file (the lines `line` fields count), with --origins where they sit.

        --format jsonl gives one object per line (source, input_format, line, text, origin).
        """
        from .. import output
        from ..inputs import EXIT_OK

        if inputs.meta:  # said, not dropped: the text is the file's, whatever the notice is about
            typer.echo("ipplan: --meta: `text` prints what the file says; the metadata given is not used", err=True)
        names = list(inputs.files())
        with out.open() as stream:
            for name in names:
                got = _read(inputs, name)
                if got is None:
                    continue
                lines = got.text.split("\n")
                if out.format == "jsonl":
                    output.write_jsonl(({"source": name, "input_format": got.input_format, "line": k, "text": line,
                                         "origin": _origin_dict(got.at(k))} for k, line in enumerate(lines, 1)),
                                       stream)
                    continue
                if len(names) > 1:
                    stream.write(f"==> {name} ({got.input_format}) <==\n")
                for k, line in enumerate(lines, 1):
                    stream.write(f"{k}\t{origin_label(got.at(k))}\t{line}\n" if origins else line + "\n")
        raise typer.Exit(inputs.exit_code(EXIT_OK))


def _read(inputs: "Inputs", name: str) -> Any:
    """One file's text as the pipeline reads it (`readers.Extracted`), or None after its line on stderr."""
    from ..parse.read import InputError, read_document
    from ..parse.readers import Extracted
    from ..parse.readers.sniff import sniff

    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        if inputs.errors == "replace" and data.strip() and (inputs.input_format or sniff(data, name)) == "text":
            text, used = inputs._decode(name, data)
            return Extracted(text, "text", encoding=used)
        return read_document(data, None if name == "-" else name, inputs.input_format, inputs.encoding)
    except FileNotFoundError:
        inputs.error(name, "no such file")
    except IsADirectoryError:
        inputs.error(name, "is a directory")
    except PermissionError:
        inputs.error(name, "permission denied")
    except OSError as exc:
        inputs.error(name, exc.strerror or str(exc))
    except InputError as exc:
        inputs.error(name, str(exc))
    return None


def _origin_dict(where) -> dict | None:
    if where is None:
        return None
    return {k: getattr(where, k) for k in ("page", "line", "paragraph", "table", "row") if getattr(where, k) is not None}
