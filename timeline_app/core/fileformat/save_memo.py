"""What the last save of a file wrote, run of events by run of events, so that the next
save of that file copies what it would write again instead of encoding it.

A save writes the whole file (nothing else keeps it whole and atomic), but after an
edit most of its events are the very objects the last save wrote: the model's values
are never changed in place, an edit makes a new one.  The writer cuts the events into
runs after each event whose identity hashes to one value in 1,024 (so that an event
inserted or deleted moves the bounds of its own run only) and at most every ``MAX_RUN``
events.
A run whose events are the same objects, in the same order, as a run of the last save
is read back from the file that save wrote, checked against the CRC-32 noted when it
was written, and written again as it is.

Nothing is reused unless the last save through the memo wrote this very path, the file
there is still the one it wrote (device, inode, size and modification time) and the
document has the same sources and actors (what the events' check reads besides the
events); a run is kept only if its events were all plainly valid (``writer.Encoded``),
so that a copied run is plain too and the check of the events can be spared.  A run
that reads back otherwise is encoded, and nothing more is read.  The objects whose
identities are the keys are kept while the memo is, so that no identity is reused.
"""

from __future__ import annotations

import os
import zlib
from typing import Any, BinaryIO

import numpy as np

__all__ = ["MAX_RUN", "FileIdentity", "RunLog", "SaveMemo", "file_identity", "run_ends",
           "runs_context"]

#: A run ends after an event whose identity hashes to this (ten bits): one in 1,024.
_RUN_END = np.uint64(1023)
#: A run ends after this many events at the latest.
MAX_RUN = 4096


def run_ends(events: list[Any]) -> list[int]:
    """Where the runs of ``events`` end (each the position after its last event), the
    last at ``len(events)``.

    An event ends a run when the Fibonacci hash of its identity has its top ten bits
    set: the same object ends a run wherever it is, and the test reads the list alone
    (the ids themselves would be read from a hundred thousand places in memory).
    """
    n = len(events)
    ids = np.fromiter(map(id, events), np.uint64, n)
    hashed = ((ids >> np.uint64(4)) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(54)
    ends: list[int] = []
    previous = 0
    for end in [*(np.flatnonzero(hashed == _RUN_END) + 1).tolist(), n]:
        while end - previous > MAX_RUN:
            previous += MAX_RUN
            ends.append(previous)
        if end > previous:
            ends.append(end)
            previous = end
    return ends


FileIdentity = tuple[int, int, int, int]
"""Device, inode, size and modification time (nanoseconds) of a file."""


def file_identity(path: str) -> FileIdentity | None:
    """What tells the file at ``path`` from another one written there since (device,
    inode, size, modification time); None if there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def runs_context(doc: Any) -> tuple[int, ...]:
    """The sources and actors a run was judged against (their identities)."""
    return (*map(id, doc.sources), -1, *map(id, doc.actors))


class SaveMemo:
    """The runs the last save through it wrote (see the module's docstring).  A window
    keeps one for the file it saves; one save at a time uses it."""

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """Reuse nothing from the last save (and let go of what it kept)."""
        self._path: str | None = None
        self._file: FileIdentity | None = None
        self._context: tuple[int, ...] = ()
        self._runs: dict[tuple[int, ...], tuple[int, int, int]] = {}
        self._kept: tuple[Any, ...] = ()
        self.copied = 0  # runs the last save copied instead of encoding them

    @property
    def runs(self) -> int:
        """How many runs the next save of the same file and document may copy."""
        return len(self._runs)

    def log(self, path: str, doc: Any) -> RunLog:
        """The log of a save of ``doc`` to ``path`` (a real path, symbolic links
        resolved): it offers the runs of the last save if they may be reused."""
        context = runs_context(doc)
        usable = (bool(self._runs) and path == self._path and context == self._context
                  and file_identity(path) == self._file)
        return RunLog(path, context, doc, self._runs if usable else {})

    def commit(self, log: RunLog, file: FileIdentity | None = None) -> None:
        """The save ``log`` logged replaced the file at its path (or ``prime_log`` found
        the file there, whose identity was ``file``, to hold what it logged): remember
        its runs."""
        self.copied = log.copied
        self._path, self._file = log.path, file or file_identity(log.path)
        self._context, self._runs = log.context, log.new_runs
        doc = log.doc  # copies of its lists: a live document's change in place
        self._kept = (tuple(doc.events), tuple(doc.sources), tuple(doc.actors))


class RunLog:
    """One save's side of the memo: the runs it may copy from the file at ``path``, and
    the runs it writes (their offsets in the new file and their CRC-32)."""

    def __init__(self, path: str, context: tuple[int, ...], doc: Any,
                 old: dict[tuple[int, ...], tuple[int, int, int]]) -> None:
        self.path, self.context, self.doc = path, context, doc
        self._old = old
        self._file: BinaryIO | None = None
        self.new_runs: dict[tuple[int, ...], tuple[int, int, int]] = {}
        self.offset = 0  # bytes of the new file handed on so far
        self.copied = 0  # runs read back instead of encoded

    def read_back(self, key: tuple[int, ...]) -> bytes | None:
        """The text the last save wrote for the run of the events ``key`` (their ids),
        without the separator after it, noted as written at the current offset (the
        writer writes it next); None if it has none or it reads back otherwise."""
        run = self._old.get(key)
        if run is None:
            return None
        offset, length, crc = run
        try:
            if self._file is None:
                self._file = open(self.path, "rb", buffering=0)  # noqa: SIM115
            self._file.seek(offset)
            data = self._file.read(length)
        except OSError:
            data = b""
        if len(data) != length or zlib.crc32(data) != crc:
            self._old = {}  # not the file the last save wrote: read nothing more of it
            return None
        self.copied += 1
        self.new_runs[key] = (self.offset, length, crc)
        return data

    def record(self, key: tuple[int, ...], text: bytes, length: int) -> None:
        """The run of the events ``key`` is written at the current offset: ``text``, of
        which the first ``length`` bytes are the run without its separator."""
        self.new_runs[key] = (self.offset, length,
                              zlib.crc32(memoryview(text)[:length]))

    def close(self) -> None:
        """Done reading the old file (before it is replaced: some systems refuse to
        replace an open file)."""
        if self._file is not None:
            self._file.close()
            self._file = None
