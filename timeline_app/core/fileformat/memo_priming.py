"""A save memo worked out from the file just opened, so that the first Save after an
edit copies what the edit left, as the later ones do (see ``save_memo``).

A file this program wrote holds exactly the bytes a save of the document it loads to
would write.  ``prime_log`` encodes the document as a save would, run after run, and
compares each run with the file's bytes at the same place instead of writing it; if the
whole file is the same, the runs are noted as a save would note them, and the memo
takes them (``SaveMemo.commit``).  A file written by hand or by another program differs
somewhere: nothing is noted and the first Save encodes everything, as before.

It is CPU work that nobody waits for (about what a Save costs), so the caller may pace
it: ``pace`` is called before each piece is compared (the head of the file, then each
run) and says whether to go on.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from timeline_app.core.fileformat.save_memo import (
    FileIdentity,
    RunLog,
    file_identity,
    runs_context,
)
from timeline_app.core.fileformat.writer import encode
from timeline_app.core.model import Document

__all__ = ["prime_log"]


class _Differs(Exception):
    """The file is not what a save of the document writes (or the work was stopped)."""


def prime_log(
    doc: Document, path: str | os.PathLike[str], pace: Callable[[], bool] | None = None
) -> tuple[RunLog, FileIdentity] | None:
    """The log of a save of ``doc`` to ``path`` that found the file there already, and
    that file's identity; None if the file holds anything else, cannot be read, changed
    meanwhile, or ``pace`` said to stop."""
    real = os.path.realpath(path)
    before = file_identity(real)
    if before is None:
        return None
    log = RunLog(real, runs_context(doc), doc, {})
    try:
        with open(real, "rb") as file:

            def compare(piece: bytes) -> None:
                if (pace is not None and not pace()) or file.read(len(piece)) != piece:
                    raise _Differs

            # The collector stays on: the work may wait long between pieces.
            encode(doc, compare, log, pause_gc=False)
            if file.read(1):
                return None  # the file goes on after what the document writes
    except (_Differs, OSError, ValueError, TypeError, RecursionError):
        return None
    if not log.new_runs or file_identity(real) != before:
        return None
    return log, before
