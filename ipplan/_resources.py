"""`importlib.resources.files` for ipplan's own data files, without its start-up cost.

Every stage reads its word lists from `ipplan/data` (regions, indicators, units, …) the first time
it needs them. `importlib.resources` costs an import of its own (it brings `zipfile` and `tempfile`)
and builds a resource reader on every call, about 4 ms of a short command such as `ipplan targets
SEED --format json`. For a package that is a folder on disk, which is how ipplan is installed
(wheel or editable), `importlib.resources.files(package)` is the folder as a `pathlib.Path`; this
gives that same Path directly and leaves every other case (a zip, a namespace package) to
`importlib.resources`. Use it as `from ipplan import _resources as resources` in place of
`from importlib import resources`.
"""
from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any


def files(package: str) -> Any:
    """The folder of `package` as `importlib.resources.files(package)` gives it for a package on disk."""
    module = importlib.import_module(package)
    init = getattr(module, "__file__", None)
    if init and os.path.basename(init).startswith("__init__.") and os.path.isfile(init):
        return Path(init).parent
    from importlib import resources

    return resources.files(package)
