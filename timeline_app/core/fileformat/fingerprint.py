"""What a file on disk held when it was loaded or saved, to tell whether another program
changed it since.

A fingerprint is the file's modification time, size and SHA-256 of its content.  The
content decides: a file whose size or hash differs was changed; one that was only
touched (same bytes, new modification time) was not, since overwriting it loses nothing.
The modification time says when the other program wrote it; a file of the same size
and modification time (to the nanosecond) is taken as unchanged without being read.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from timeline_app.core.fileformat.loader import LoadResult, load_path

__all__ = [
    "Fingerprint",
    "FingerprintBuilder",
    "changed_on_disk",
    "load_with_fingerprint",
    "read_fingerprint",
]

_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Fingerprint:
    mtime_ns: int
    size: int
    digest: bytes  # empty: the content is unknown (it changed while it was read)

    def same_content(self, other: Fingerprint | None) -> bool:
        return (other is not None and bool(self.digest) and self.size == other.size
                and self.digest == other.digest)


class FingerprintBuilder:
    """Hashes the bytes of a file as they are read or written, a chunk at a time.

    ``background``: on a thread of its own, while the caller goes on (SHA-256 gives up
    the interpreter lock): a 100 MB file is hashed while it is being checked, instead
    of adding a tenth of a second before.  Chunks must then be ``bytes``, which nobody
    changes, and ``finish`` or ``close`` must be called.
    """

    def __init__(self, *, background: bool = False) -> None:
        self._hash = hashlib.sha256()
        self._size = 0
        self._pool = ThreadPoolExecutor(1, "fingerprint") if background else None

    def update(self, chunk: bytes | bytearray | memoryview) -> None:
        self._size += len(chunk)
        if self._pool is None:
            self._hash.update(chunk)
        else:  # one worker: the chunks are hashed in order
            self._pool.submit(self._hash.update, chunk)

    def finish(self, stat: os.stat_result) -> Fingerprint:
        """The fingerprint of the bytes seen, for a file that ``stat`` describes now;
        if the file's size is not the number of bytes seen, the content is unknown."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        digest = self._hash.digest() if stat.st_size == self._size else b""
        return Fingerprint(stat.st_mtime_ns, stat.st_size, digest)

    def close(self) -> None:
        """Stop hashing in the background (no fingerprint is wanted any more)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def read_fingerprint(path: str | os.PathLike[str]) -> Fingerprint | None:
    """The fingerprint of the file at ``path`` now; None if there is no such file.

    If the file is being written while it is read (its size or time moves), the
    content is reported unknown, which compares as changed.
    """
    try:
        with open(path, "rb", buffering=0) as handle:
            before = os.fstat(handle.fileno())
            builder = FingerprintBuilder()
            while chunk := handle.read(_CHUNK):
                builder.update(chunk)
            after = os.fstat(handle.fileno())
    except FileNotFoundError:
        return None
    result = builder.finish(after)
    if (before.st_mtime_ns, before.st_size) != (after.st_mtime_ns, after.st_size):
        return Fingerprint(after.st_mtime_ns, after.st_size, b"")
    return result


def load_with_fingerprint(
    path: str | os.PathLike[str],
) -> tuple[LoadResult, Fingerprint | None]:
    """``load_path``, and the fingerprint of the file it loaded (None if it did not load).

    The loader reads the file itself, so the file is hashed after the load; if it
    changed meanwhile, which version was loaded is unknown, and so is the content.
    """
    try:
        before: os.stat_result | None = os.stat(path)
    except OSError:
        before = None
    result = load_path(path)
    if not result.ok or before is None:
        return result, None
    try:
        now = read_fingerprint(path)
    except OSError:
        return result, None
    if now is not None and (before.st_mtime_ns, before.st_size) != (now.mtime_ns, now.size):
        now = Fingerprint(now.mtime_ns, now.size, b"")
    return result, now


def changed_on_disk(path: str | os.PathLike[str], known: Fingerprint) -> Fingerprint | None:
    """The file's fingerprint if its content is no longer what ``known`` describes;
    None if it is the same, or if the file is gone (writing it then loses nothing).
    Raises ``OSError`` if the file cannot be read."""
    try:
        size = os.stat(path)
    except FileNotFoundError:
        return None
    if size.st_size != known.size:  # no need to read it all
        return Fingerprint(size.st_mtime_ns, size.st_size, b"")
    if size.st_mtime_ns == known.mtime_ns and known.digest:
        # Not written since, to the nanosecond: reading and hashing 100 MB on every
        # Save would hold the window for a tenth of a second.
        return None
    now = read_fingerprint(path)
    if now is None or known.same_content(now):
        return None
    return now
