"""The garbage collector's tuning, in one place: pausing it around bulk work on the
document, and keeping a loaded document out of its full passes.

Loading, saving, grouping and indexing a large timeline each make hundreds of thousands
of small acyclic objects; every collection those allocations trigger walks the whole
heap, the document's own events included, and costs more than the work itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused", "keep_out_of_collections"]


def keep_out_of_collections() -> None:
    """Move every object tracked now out of the collector's generations (``gc.freeze``,
    which costs nothing).

    For what lives as long as the open document (its events, its lanes and indexes):
    otherwise the first collection walks all of them (1.4 s for a million events,
    holding the interpreter lock, so a window loading on another thread stops
    repainting), and every later full collection walks them again.  Reference counting
    still frees frozen objects; only reference cycles among them would stay.
    """
    gc.freeze()


@contextmanager
def gc_paused(*, keep: bool = False) -> Iterator[None]:
    """Disable the collector for the block; restore its previous state after.

    ``keep=True`` says that what the block made lives on (a loaded document): it is
    then kept out of later collections (``keep_out_of_collections``) before the
    collector is enabled again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            keep_out_of_collections()
        if was_enabled:
            gc.enable()
