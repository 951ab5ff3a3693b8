"""The typer machinery of the command line, kept apart from the commands (ipplan/cli.py).

Commands are built for click when they are used, not all at start-up: typer turns every
parameter of every command into a click option (a fifth of the start-up of `ipplan
targets`, before anything is parsed), and the commands of ipplan/compare, check, diff,
readout and store are not even imported until asked for. An option's pydantic adapter is
built only when the option is given (`_CoerceWhenGiven`). Usage errors are one line for logs
(the usual usage block on a terminal), exit code 2.
"""
from __future__ import annotations

import sys
from collections.abc import MutableMapping
from enum import Enum
from typing import Any, Callable, Iterator

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo


class _Pending(TyperCommand):
    """What typer builds for a command registered with `_register_lazily`: a name, no parameters.

    The group swaps it for the real command (`_Commands`) the first time it is looked up.
    """


def _pending() -> None:
    """(built when used)"""


# command name -> the typer CommandInfo of the real command, made on first use
_LOADERS: dict[str, Callable[[], CommandInfo]] = {}


def _register_lazily(name: str, load: Callable[[], CommandInfo]) -> None:
    _LOADERS[name] = load
    app.registered_commands.append(CommandInfo(name=name, cls=_Pending, callback=_pending))


class _CoerceWhenGiven:
    """typer's coercion of one parameter, built only when the parameter has a value.

    typer (0.2x) builds a pydantic TypeAdapter for each parameter it processes, also for the
    dozen options a run leaves unset, whose value (None) its coercion returns as None (or ()
    for a multi-value option) before the adapter is used. Here an unset value goes through
    typer's own coercion class that needs no adapter, so the answer is typer's, and a given
    value through the coercion typer builds for it, as before.
    """

    def __init__(self, descriptor: Any, unset: Any, build: Callable[[Any], Any]) -> None:
        self._descriptor, self._unset, self._build = descriptor, unset, build
        self._given: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return self._unset.coerce(value, param=param, ctx=ctx)
        if self._given is None:
            quick = self._quick(value, param, ctx)
            if quick is not _NOT_QUICK:
                return quick
            self._given = self._build(self._descriptor)
        return self._given.coerce(value, param=param, ctx=ctx)

    def _quick(self, value: Any, param: Any, ctx: Any) -> Any:
        """typer's answer, without its adapter, for the two kinds of value every run gives (else `_NOT_QUICK`).

        A choice (an Enum option: --format, and the defaults of --errors, --engine, --script) given as text
        or as the member: typer's adapter returns what typer's `coerce_cli_choice` returns, so that is called
        directly; a value it rejects goes to the adapter, for typer's own message. A list of texts (the PATH
        arguments, --meta): typer's adapter returns a new list of the same strings. Building those adapters
        was about 2 ms of each run (tests/test_cli_startup.py compares both ways on tricky values).
        """
        try:
            from typer._param_types import coerce_cli_choice
        except ImportError:  # pragma: no cover - another typer
            return _NOT_QUICK
        info, annotation = self._descriptor.parameter_info, self._descriptor.annotation
        if info.parser is not None or self._descriptor.file_annotation is not None:
            return _NOT_QUICK
        if param.multiple or param.nargs == -1:
            if annotation == list[str] and isinstance(value, (list, tuple)) and all(type(v) is str for v in value):
                return list(value)
        elif isinstance(annotation, type) and issubclass(annotation, Enum) and isinstance(value, (str, annotation)):
            try:
                return coerce_cli_choice(value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx)
            except ValueError:
                pass
        return _NOT_QUICK


_NOT_QUICK = object()  # _CoerceWhenGiven._quick: not a value it answers for


def _coerce_when_given(params: list[Any]) -> None:
    """Give typer parameters a `_CoerceWhenGiven` (a typer without that machinery is left alone)."""
    try:
        from typer._coercion import PassThroughRuntimeParam, build_runtime_param
    except ImportError:  # pragma: no cover - another typer
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is not None and getattr(param, "_runtime_param", False) is None:
            unset = PassThroughRuntimeParam(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
            param._runtime_param = _CoerceWhenGiven(descriptor, unset, build_runtime_param)


class _Command(TyperCommand):
    """A command whose unset options cost no pydantic adapter (`_CoerceWhenGiven`)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _coerce_when_given(self.get_params(ctx))
        return super().parse_args(ctx, args)


class _Commands(MutableMapping):
    """A group's commands by name, in registration order; a `_Pending` one is built when looked up.

    Running `ipplan targets …` looks up one command, so only its options are built; help,
    shell completion and `dict(group.commands)` look up (and build) them all.
    """

    def __init__(self, commands: MutableMapping[str, Any]) -> None:
        self._commands = dict(commands)

    def __getitem__(self, name: str) -> Any:
        command = self._commands[name]
        if isinstance(command, _Pending) and name in _LOADERS:
            info = _LOADERS[name]()
            if info.cls in (None, TyperCommand):
                info.cls = _Command
            command = self._commands[name] = typer.main.get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode)
        return command

    def __setitem__(self, name: str, command: Any) -> None:
        self._commands[name] = command

    def __delitem__(self, name: str) -> None:
        del self._commands[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._commands)

    def __len__(self) -> int:
        return len(self._commands)


class _Group(TyperGroup):
    """Usage errors as one line (`ipplan tasks: No such option: --x (try 'ipplan tasks -h')`) for logs.

    On a terminal the usual usage block is printed instead; either way the exit code is 2.
    Commands are built on first use (`_Commands`).
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands(self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names, without building the commands

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _coerce_when_given(self.get_params(ctx))  # --install-completion, --show-completion, --help
        return super().parse_args(ctx, args)

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        try:  # typer >= 0.26 vendors click
            from typer._click import exceptions as click_exc
        except ImportError:  # pragma: no cover - older typer on plain click
            from click import exceptions as click_exc

        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name or "ipplan", complete_var, standalone_mode=False, **extra)
        except click_exc.UsageError as exc:
            _usage_error(exc)
            sys.exit(exc.exit_code)
        except click_exc.ClickException as exc:
            typer.echo(f"ipplan: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("ipplan: interrupted", err=True)
            sys.exit(130)
        sys.exit(result if isinstance(result, int) else 0)


def _usage_error(exc: Any) -> None:
    ctx = exc.ctx
    where = ctx.command_path if ctx is not None else "ipplan"
    stream = sys.stderr
    if type(exc).__name__ == "NoArgsIsHelpError":  # `ipplan` alone: the help is the answer
        typer.echo(exc.format_message(), err=True)
        return
    if stream is not None and stream.isatty():
        exc.show()
        return
    hint = f" (try '{where} -h')"
    typer.echo(f"{where}: {exc.format_message()}{hint}".replace("\n", " "), err=True)


app = typer.Typer(
    cls=_Group,
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Read Chinese policy plans (工作方案, 行动方案, 实施意见…) into validated structures.",
)
