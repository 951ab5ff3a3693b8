"""The README's command reference, generated from `--help` (run `cog -r README.md`).

A test (`tests/test_cli_docs.py`) runs `cog --check`, so the README cannot drift from
the commands; the width is fixed so the text does not depend on the terminal.
"""
from __future__ import annotations

WIDTH = 100


def commands() -> dict:
    """ipplan's commands by name, as click sees them (including those other packages register)."""
    import typer

    from .cli import app

    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def help_text(name: str | None = None) -> str:
    """`ipplan [NAME] --help` at a fixed width."""
    import typer

    from .cli import app

    group = typer.main.get_command(app)
    root = group.context_class(group, info_name="ipplan", terminal_width=WIDTH, max_content_width=WIDTH,
                               **group.context_settings)
    if name is None:
        return group.get_help(root)
    command = group.commands[name]  # type: ignore[attr-defined]
    ctx = command.context_class(command, info_name=name, parent=root, terminal_width=WIDTH, max_content_width=WIDTH)
    return command.get_help(ctx)


def reference() -> str:
    """Markdown: `ipplan --help`, then each command's help, in a code block each."""
    parts = ["```", "$ ipplan --help", help_text().rstrip(), "```", ""]
    for name in commands():
        parts += [f"#### `ipplan {name}`", "", "```", f"$ ipplan {name} --help", help_text(name).rstrip(), "```", ""]
    return "\n".join(parts)
