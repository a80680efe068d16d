"""Pausing the cyclic garbage collector around bulk work on the document.

Loading, saving, grouping and indexing a large timeline each make hundreds of thousands
of small acyclic objects; every collection those allocations trigger walks the whole
heap, the document's own events included, and costs more than the work itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the collector for the block; restore its previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
