"""What a file on disk held when it was loaded or saved, to tell whether another program
changed it since.

A fingerprint is the file's modification time, size and SHA-256 of its content.  The
content decides: a file whose size or hash differs was changed; one that was only
touched (same bytes, new modification time) was not, since overwriting it loses nothing.
The modification time says when the other program wrote it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

__all__ = [
    "Fingerprint",
    "FingerprintBuilder",
    "changed_on_disk",
    "fingerprint_after_load",
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
    """Hashes the bytes of a file as they are read or written, a chunk at a time."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self._size = 0

    def update(self, chunk: bytes | bytearray | memoryview) -> None:
        self._hash.update(chunk)
        self._size += len(chunk)

    def finish(self, stat: os.stat_result) -> Fingerprint:
        """The fingerprint of the bytes seen, for a file that ``stat`` describes now;
        if the file's size is not the number of bytes seen, the content is unknown."""
        digest = self._hash.digest() if stat.st_size == self._size else b""
        return Fingerprint(stat.st_mtime_ns, stat.st_size, digest)


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


def fingerprint_after_load(path: str | os.PathLike[str],
                           before: os.stat_result | None) -> Fingerprint | None:
    """The fingerprint of a file just loaded by a reader that hashed nothing: the file as
    it is now, unless it changed since ``before`` (its state when the load began), in
    which case the content that was loaded is unknown."""
    try:
        now = read_fingerprint(path)
    except OSError:
        return None
    if now is None or before is None:
        return now
    if (before.st_mtime_ns, before.st_size) != (now.mtime_ns, now.size):
        return Fingerprint(now.mtime_ns, now.size, b"")
    return now


def changed_on_disk(path: str | os.PathLike[str], known: Fingerprint) -> Fingerprint | None:
    """The file's fingerprint if its content is no longer what ``known`` describes;
    None if it is the same, or if the file is gone (writing it then loses nothing)."""
    now = read_fingerprint(path)
    if now is None or known.same_content(now):
        return None
    return now
