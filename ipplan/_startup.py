"""What the command line does first: no search for pydantic plugins unless the user asks for one, no
cyclic garbage collection while it starts (`pause_gc`, `resume_gc`), none at exit (`no_collection_at_exit`).

pydantic looks for plugins (the `pydantic` entry-point group) when it builds its first model or
adapter: `pydantic.plugin._loader` imports `importlib.metadata` (which imports `email`, `zipfile`
and `importlib.resources`) and reads the entry points of every installed distribution. ipplan uses
no plugin, and on a short command (`ipplan targets SEED --format json`) that search was about 6 %
of the wall time. `PYDANTIC_DISABLE_PLUGINS=__all__` is pydantic's documented switch for "no
plugins"; the CLI sets it when the user has not set it, so a user who wants a plugin exports the
variable (empty, or naming the plugins to leave out) and gets pydantic's usual search.

With every plugin switched off pydantic's loader answers "none" without looking, but importing it
still imports `importlib.metadata`. So, while plugins are off, the loader module is stood in for by
`_NoPluginLoader`, which gives that same answer; should the variable be changed later in the process
to allow plugins, it hands over to pydantic's own loader, which then searches as usual.
"""
from __future__ import annotations

import gc
import os
import sys
import types
from collections.abc import Iterable
from typing import Any

ENV = "PYDANTIC_DISABLE_PLUGINS"
LOADER = "pydantic.plugin._loader"
# the values pydantic's get_plugins reads as "no plugins at all" (it then returns () before any search)
ALL_OFF = ("__all__", "1", "true")


class _NoPluginLoader(types.ModuleType):
    """Stands in for `pydantic.plugin._loader` (whose only name pydantic uses is `get_plugins`).

    Any other name (a pydantic that asks for more) and any call once plugins are allowed go to
    pydantic's own loader, which then replaces this one.
    """

    def get_plugins(self) -> Iterable[Any]:
        if os.environ.get(ENV) in ALL_OFF:
            return ()
        return self._real().get_plugins()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._real(), name)

    def _real(self) -> types.ModuleType:
        if sys.modules.get(LOADER) is self:
            del sys.modules[LOADER]
        import importlib

        return importlib.import_module(LOADER)


def skip_pydantic_plugins() -> None:
    """Set PYDANTIC_DISABLE_PLUGINS=__all__ unless set; while it switches every plugin off, skip the loader's imports."""
    os.environ.setdefault(ENV, "__all__")
    if os.environ[ENV] in ALL_OFF and LOADER not in sys.modules:
        sys.modules[LOADER] = _NoPluginLoader(LOADER, _NoPluginLoader.__doc__)


_gc_paused = False
_gc_timer: Any = None
# however a command goes on, the collector is back on this many seconds after start-up began at the latest
RESUME_AFTER = 1.0


def pause_gc() -> None:
    """Turn the cyclic garbage collector off for start-up (the CLI's main; `resume_gc` turns it back on).

    Start-up allocates hundreds of thousands of objects that live as long as the process (modules, typer's
    commands, pydantic's models and validators, the parser's tables) and nearly no cyclic garbage: the
    collector's passes over them found ~125 objects to free and took ~12 ms of `ipplan targets SEED
    --format json` (collections counted with gc.callbacks). batch.run resumes it after the first document;
    a command that parses nothing (`ipplan text DIR`, reading an index) gets it back from a timer after
    RESUME_AFTER seconds. Left alone when the collector is already off.
    """
    global _gc_paused, _gc_timer
    if gc.isenabled():
        gc.disable()
        _gc_paused = True
        import threading

        _gc_timer = threading.Timer(RESUME_AFTER, resume_gc)
        _gc_timer.daemon = True
        _gc_timer.start()


def resume_gc() -> None:
    """End `pause_gc`: what start-up made is moved out of the collector's way (`gc.freeze()`), then it is on again.

    Called once the first document is parsed, and before worker processes are forked (so they collect
    as usual and share the frozen pages; the timer thread is ended first, so no thread is left to fork
    beside). Without the freeze, the next collection would pass over every object start-up made. Frozen
    objects are still freed by reference counting; only the few cycles made during start-up stay. Does
    nothing unless `pause_gc` turned the collector off.
    """
    global _gc_paused, _gc_timer
    timer, _gc_timer = _gc_timer, None
    if timer is not None:
        import threading

        timer.cancel()
        if timer is not threading.current_thread():
            timer.join()
    if _gc_paused:
        _gc_paused = False
        gc.freeze()
        gc.enable()


def no_collection_at_exit() -> None:
    """Skip the interpreter's last collection: everything is frozen just before it runs (an atexit hook).

    At exit CPython runs one more full collection over every object still alive, which for the CLI means
    every module, typer's commands and pydantic's validators: 12-18 ms of `ipplan --version` and about
    20 ms after `import ipplan.parse` (A/B with and without the hook). It finds nothing to free that
    matters: ipplan closes its files and flushes its output itself, and the process is ending.
    """
    import atexit

    atexit.register(gc.freeze)
