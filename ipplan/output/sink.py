"""Where output goes: standard output, or a file replaced atomically.

`-o FILE` writes a temporary file in FILE's folder and renames it over FILE only
when everything was written, so an interrupted run or a full disk never leaves a
half-written spreadsheet where yesterday's good one was. A device or a pipe given
as FILE (/dev/stdout, a FIFO) is written directly: renaming over it would replace it.
Any failure to write becomes one `OutputError` line, which the CLI prints with exit 2.
"""
from __future__ import annotations

import errno
import os
import stat
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


class OutputError(Exception):
    """Output could not be written; the message is one line naming the destination."""


def _message(name: str, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"{name}: cannot write: no space left on the device"
    if exc.errno == errno.EBADF:
        return f"{name}: cannot write: the output is closed"
    return f"{name}: cannot write: {exc.strerror or exc}"


def _silence_stdout() -> None:
    """Point fd 1 at /dev/null so the interpreter's final flush does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


@contextmanager
def open_output(path: str | os.PathLike[str] | None, binary: bool = False) -> Iterator[IO]:
    """A stream to write to; text streams are UTF-8 with '\\n' line ends (writers choose CRLF themselves)."""
    if path is None or str(path) == "-":
        stream = sys.stdout
        if stream is None:  # started with stdout closed (`ipplan … >&-`)
            raise OutputError("stdout: cannot write: the output is closed")
        if binary:
            if stream.isatty():
                raise OutputError("stdout: this format is binary; give -o FILE or redirect the output")
            stream = stream.buffer
        try:
            yield stream
            stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            _silence_stdout()
            raise OutputError(_message("stdout", exc)) from None
        return
    target = Path(path)
    name = str(path)
    mode = "wb" if binary else "w"
    kwargs = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        special = target.exists() and not stat.S_ISREG(target.stat().st_mode)
    except OSError as exc:
        raise OutputError(_message(name, exc)) from None
    if special:
        try:
            with open(target, mode, **kwargs) as stream:
                yield stream
        except OSError as exc:
            raise OutputError(_message(name, exc)) from None
        return
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{name}: cannot write: the folder {folder} does not exist")
    import tempfile  # here, not at start-up: only -o FILE needs it

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(_message(name, exc)) from None
    try:
        with os.fdopen(fd, mode, **kwargs) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a normal file is what the user expects
        os.replace(tmp, target)
    except OSError as exc:
        _discard(tmp)
        raise OutputError(_message(name, exc)) from None
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
