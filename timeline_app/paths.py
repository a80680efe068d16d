"""Where the files the app ships with are, from a source checkout or a packaged bundle.

A PyInstaller bundle unpacks data next to the program (``sys._MEIPASS``); a checkout or
an editable install keeps them at the repository root.  Everything that needs a shipped
file asks here, so that packaging changes one function.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["default_timeline_path", "is_bundled", "resource_path"]


def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def is_bundled() -> bool:
    """True in the packaged program (a PyInstaller bundle)."""
    return bool(getattr(sys, "frozen", False))


def resource_path(*parts: str) -> Path:
    return _root().joinpath("resources", *parts)


def default_timeline_path() -> Path:
    """The timeline opened when no file is given: the Libyan war as one article reports it."""
    return _root() / "events.json"
