"""The window's turns at the interpreter lock while a worker thread runs Python.

Loads and saves run on worker threads so that the window stays live, but the window's
thread still needs the interpreter lock for every call from Qt into Python: a layout
asking a label its height, a widget's size hint, a paint.  Python hands the lock over
only after the thread holding it has run for its switch interval (5 ms by default),
so a layout pass that makes a few dozen such calls while a save encodes waited up to
5 ms for each: a quarter of a second in which the window could not repaint.  While a
worker runs, the interval is 1 ms; it is put back when the last one ends.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["WORKER_SWITCH_S", "window_turns"]

WORKER_SWITCH_S = 0.001

_lock = threading.Lock()
_running = 0
_before = 0.0


@contextmanager
def window_turns() -> Iterator[None]:
    """For the block (a worker's job): the lock changes hands within ``WORKER_SWITCH_S``
    of the window's thread asking for it.  Nested and concurrent blocks share it."""
    global _running, _before
    with _lock:
        if _running == 0:
            _before = sys.getswitchinterval()
            sys.setswitchinterval(min(_before, WORKER_SWITCH_S))
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                sys.setswitchinterval(_before)
