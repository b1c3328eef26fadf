"""Figures of the study: one module per figure family, one function per figure target named
like it, each reading only the Datasets it plots (`panels`: shared helpers and styles).

The workflow draws a figure with `figure_function(<rule>)` and writes it with `save_figure`
(workflow/scripts/figure.py); a new family's module is found without being listed here.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: figures are files, never windows

from .panels import save_figure  # noqa: E402

__all__ = ["figure_function", "save_figure"]


def figure_function(target: str) -> Callable:
    """The function that draws figure `target`: the one of that name in a family module."""
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        function = getattr(module, target, None)
        if callable(function):
            return function
    raise KeyError(f"no module of lifsampling.figures defines the figure {target!r}")
