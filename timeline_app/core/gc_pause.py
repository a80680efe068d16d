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
def gc_paused(*, keep: bool = False) -> Iterator[None]:
    """Disable the collector for the block; restore its previous state after.

    ``keep=True`` says that what the block made lives on (a loaded document): every
    tracked object is then moved out of the collector's generations (``gc.freeze``,
    which costs nothing) before the collector is enabled again.  Otherwise the first
    collection after the pause walks all the objects made during it (1.4 s for a
    million events, holding the interpreter lock, so a window loading on another
    thread stops repainting), and later full collections walk them again.  Reference
    counting still frees frozen objects; only reference cycles among them would stay.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_enabled:
            gc.enable()
