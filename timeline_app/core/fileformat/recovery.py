"""Recovery copies: what an unsaved timeline held, kept where a crash cannot take it.

While a timeline has unsaved changes the app writes a copy of it, now and then, into a
folder of its own (the caller names it: the user's application-data folder), never
beside the user's file.  Each copy is two files named after the user's file:

* ``NAME-HASH.timeline.json``: the document as it was, written with the atomic save, so
  a copy is always a whole, valid timeline;
* ``NAME-HASH.meta.json``: which file it belongs to (its real path, ``null`` for an
  untitled timeline), when it was made, and by which process.

``NAME`` is the file's stem made safe for any file system and ``HASH`` a digest of its
real path, so two files of the same name in different folders have their own copies and
a file reached through a symlink finds the copy of its target.  An untitled timeline's
copy is ``untitled``.  A copy whose process is still running belongs to that process's
window and is not offered to another one.

A copy the user chose to keep for later is set aside as ``NAME-HASH.kept-N``, so that
the autosave of the session that goes on cannot overwrite it; every copy of a file,
kept or not, is offered the next time, newest first.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

from timeline_app.core.fileformat.loader import LoadResult, load_path
from timeline_app.core.fileformat.save_memo import SaveMemo
from timeline_app.core.fileformat.storage import (
    _HOST,
    SaveError,
    _owner_alive,
    atomic_write_bytes,
    save_document,
)
from timeline_app.core.model import Document

__all__ = [
    "RecoveryCopy",
    "copy_paths",
    "find_copies",
    "find_copy",
    "load_copy",
    "remove_copy",
    "write_copy",
]

UNTITLED = "untitled"
_DATA = ".timeline.json"
_META = ".meta.json"
_KEPT = re.compile(r"\.kept-\d+$")
_LAST_SECOND = 253_402_300_799  # 9999-12-31T23:59:59Z: the last time a copy can be shown


@dataclass(frozen=True, slots=True)
class RecoveryCopy:
    """A recovery copy on disk and what its metadata says about it."""

    path: Path  # the copy of the timeline
    meta: Path  # its metadata
    original: Path | None  # the user's file; None for an untitled timeline
    saved_at: float  # when it was written, seconds since the epoch
    pid: int
    host: str

    def in_use(self) -> bool:
        """Whether another process that is still running owns it (its window is open)."""
        if self.pid <= 0 or self.pid == os.getpid():
            return False  # unknown owner (metadata lost), or this process
        return _owner_alive(self.pid, self.host)

    def remove(self) -> None:
        for path in (self.path, self.meta):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def keep_aside(self) -> RecoveryCopy:
        """Move this copy out of the autosave's way (the user wants it offered again);
        the copy under its new name."""
        if _KEPT.search(self.path.name[: -len(_DATA)]):
            return self
        stem = self.path.name[: -len(_DATA)]
        n = 1
        while (self.path.parent / f"{stem}.kept-{n}{_DATA}").exists():
            n += 1
        kept = replace(self, path=self.path.parent / f"{stem}.kept-{n}{_DATA}",
                       meta=self.path.parent / f"{stem}.kept-{n}{_META}")
        with contextlib.suppress(FileNotFoundError):
            os.replace(self.meta, kept.meta)
        os.replace(self.path, kept.path)
        return kept


def _real(original: str | os.PathLike[str] | None) -> str | None:
    return None if original is None else os.path.realpath(original)


def _stem(real: str | None) -> str:
    if real is None:
        return UNTITLED
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", Path(real).stem)[:40] or "timeline"
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    return f"{safe}-{digest}"


def copy_paths(folder: str | os.PathLike[str],
               original: str | os.PathLike[str] | None) -> tuple[Path, Path]:
    """The copy and the metadata file of ``original`` (None: the untitled timeline)."""
    stem = _stem(_real(original))
    folder = Path(folder)
    return folder / f"{stem}{_DATA}", folder / f"{stem}{_META}"


def write_copy(folder: str | os.PathLike[str], original: str | os.PathLike[str] | None,
               document: Document, *, now: float | None = None,
               memo: SaveMemo | None = None) -> RecoveryCopy:
    """Write ``document`` as the recovery copy of ``original``; raises ``SaveError`` (the
    document would not load back, or the folder cannot be written).  ``memo``: as for
    ``save_document``, kept from one copy to the next."""
    data, meta = copy_paths(folder, original)
    try:
        data.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(f"{data.parent}: cannot create the folder: {exc.strerror}") from exc
    saved_at = time.time() if now is None else now
    save_document(document, data, keep_backup=False, memo=memo)
    real = _real(original)
    info = {"file": real, "saved": saved_at, "pid": os.getpid(), "host": _HOST}
    try:
        atomic_write_bytes(meta, json.dumps(info, ensure_ascii=False).encode("utf-8"),
                           keep_backup=False)
    except OSError as exc:
        raise SaveError(f"{meta}: not saved: {exc.strerror or exc}") from exc
    return RecoveryCopy(data, meta, None if real is None else Path(real), saved_at,
                        os.getpid(), _HOST)


def find_copies(folder: str | os.PathLike[str],
                original: str | os.PathLike[str] | None) -> list[RecoveryCopy]:
    """Every recovery copy of ``original`` (the autosave's and those kept), newest first."""
    data, _meta = copy_paths(folder, original)
    stem = data.name[: -len(_DATA)]
    try:
        names = os.listdir(data.parent)
    except OSError:
        return []
    copies = []
    for name in names:
        if name.endswith(_DATA) and (name == data.name or (
                name.startswith(stem) and _KEPT.fullmatch(name[len(stem):-len(_DATA)]))):
            copy = _read_copy(data.parent / name, original)
            if copy is not None:
                copies.append(copy)
    return sorted(copies, key=lambda c: c.saved_at, reverse=True)


def find_copy(folder: str | os.PathLike[str],
              original: str | os.PathLike[str] | None) -> RecoveryCopy | None:
    """The newest recovery copy of ``original``, if there is one."""
    copies = find_copies(folder, original)
    return copies[0] if copies else None


def _read_copy(data: Path, original: str | os.PathLike[str] | None) -> RecoveryCopy | None:
    """The copy ``data`` and its metadata.  Metadata that is missing or unreadable (a kill
    between the two writes) does not hide a copy: its time is then the copy's
    modification time."""
    meta = data.with_name(data.name[: -len(_DATA)] + _META)
    try:
        mtime = data.stat().st_mtime
    except OSError:
        return None
    real = _real(original)
    info: dict = {}
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads(meta.read_bytes())
        if isinstance(loaded, dict) and loaded.get("file") == real:
            info = loaded
    saved = info.get("saved")
    pid = info.get("pid")
    host = info.get("host")
    if not (type(saved) in (int, float) and 0 <= saved <= _LAST_SECOND):
        saved = mtime  # NaN, Infinity or a time no clock shows would break the offer
    return RecoveryCopy(
        data, meta, None if real is None else Path(real), float(saved),
        pid if isinstance(pid, int) and pid > 0 else 0,
        host if isinstance(host, str) else "")


def load_copy(copy: RecoveryCopy) -> LoadResult:
    """Read a recovery copy as the loader reads any timeline (problems included)."""
    return load_path(copy.path)


def remove_copy(folder: str | os.PathLike[str],
                original: str | os.PathLike[str] | None) -> bool:
    """Remove the autosave's copy of ``original`` (not those kept); whether there was one."""
    removed = False
    for path in copy_paths(folder, original):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed = True
    return removed
