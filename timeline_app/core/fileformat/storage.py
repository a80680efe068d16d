"""Saving without ever losing the previous file.

A save that is interrupted (power cut, full disk, a crash, SIGKILL) must leave either
the old file or the new one, never a mix.  So the new text goes to a temporary file in
the same folder (same file system, so the rename is atomic), is flushed and fsynced,
then renamed over the target with ``os.replace``; the folder is fsynced so that the
rename itself survives a power cut.  The previous version stays beside it as
``NAME.bak``.  A document that would not load back never replaces a file: ``model_check``
reports what the loader would, from the model, before the temporary is renamed (a save
writes the temporary while it encodes the document, and removes it if it is refused).

Only a regular file is replaced: a FIFO, a device or a symlink loop is refused with the
reason, since renaming over it would silently turn it into a regular file.  A save that
is killed leaves its temporary behind; temporaries are named after the file, the
process and the host (``.NAME.PID@HOST.XXXXXXXX.tmp``, ``.NAME.bak.PID@HOST.tmp``), so
the next save or open of that file removes those of processes of this host that have
ended, and never one that a live process may still be writing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import socket
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO

from timeline_app.core.fileformat.check import check_document
from timeline_app.core.fileformat.fingerprint import Fingerprint, FingerprintBuilder
from timeline_app.core.fileformat.loader import DEFAULT_MAX_BYTES, load_bytes
from timeline_app.core.fileformat.problems import Problem
from timeline_app.core.fileformat.reading import too_big
from timeline_app.core.fileformat.save_memo import RunLog, SaveMemo
from timeline_app.core.fileformat.writer import encode
from timeline_app.core.model import Document

__all__ = [
    "SaveError",
    "atomic_write_bytes",
    "backup_path",
    "encode_document",
    "remove_stale_temporaries",
    "save_document",
]


class SaveError(Exception):
    """The document was not written; ``problems`` says why, the old file is untouched."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _fsync_dir(directory: Path) -> None:
    # Windows cannot open a directory; there the rename is durable enough.
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- temporaries: named after their file and owner, so that stale ones can be told apart
_HOST = re.sub(r"[^A-Za-z0-9-]", "", socket.gethostname().split(".")[0])[:32] or "host"
_OWNER = r"(\d{1,10})@([A-Za-z0-9-]+)"


def _owner() -> str:
    return f"{os.getpid()}@{_HOST}"  # at each call: a forked child is another owner


def _temporary_patterns(name: str) -> tuple[re.Pattern[str], ...]:
    """The names of the temporaries a save of the file ``name`` creates."""
    escaped = re.escape(name)
    return (re.compile(rf"\.{escaped}\.{_OWNER}\.[a-z0-9_]{{8}}\.tmp"),  # mkstemp's
            re.compile(rf"\.{escaped}\.bak\.{_OWNER}\.tmp"),  # _keep_backup's
            re.compile(rf"\.{escaped}(?:\.bak)?\.{_OWNER}\.old"))  # _set_aside's


def _owner_alive(pid: int, host: str) -> bool:
    """Whether the process that named a temporary may still be writing it; when that
    cannot be told (another host, or no signal 0 on Windows) it counts as alive."""
    if host != _HOST or os.name == "nt" or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # EPERM: another user's live process
        return True
    return True


def remove_stale_temporaries(path: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporaries that killed saves of ``path`` left; return those removed.

    Only names of this module's making count, and only those whose process has ended
    on this host; anything that cannot be removed is left where it is.
    """
    target = Path(os.path.realpath(path))
    patterns = _temporary_patterns(target.name)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        for pattern in patterns:
            match = pattern.fullmatch(entry.name)
            if match and not _owner_alive(int(match[1]), match[2]):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _refuse_unless_regular(target: Path) -> None:
    """Raise ``OSError`` with the reason if ``target`` exists and is anything but a
    regular file (a symlink loop raises ELOOP here)."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        kind = next((what for test, what in _KINDS if test(mode)), "a special file")
        raise OSError(errno.EINVAL, f"it is {kind}, not a regular file; saving would replace "
                                    "it with one")


def _keep_backup(path: Path) -> Path | None:
    """Make ``NAME.bak`` the current file, atomically, before it is replaced; returns
    the backup it replaced, set aside to be removed (``_remove_aside``)."""
    bak = backup_path(path)
    tmp = bak.with_name(f".{bak.name}.{_owner()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    aside = None
    try:
        try:
            os.link(path, tmp)  # no copy: the old file's data stays where it is
        except OSError:
            shutil.copy2(path, tmp)  # file systems without hard links
        aside = _set_aside(bak, rename=True)
        os.replace(tmp, bak)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if aside is not None:
            with contextlib.suppress(OSError):
                os.replace(aside, bak)
        raise
    return aside


#: A file set aside at least this big is removed on a thread of its own.
_REMOVE_LATER_BYTES = 8 * 1024 * 1024


def _set_aside(path: Path, *, rename: bool) -> Path | None:
    """Give the file at ``path`` a hidden name of its own (renamed, or a hard link to
    it), so that replacing ``path`` does not free its data; None if there is no such
    file or it cannot be done (the data is then freed by the replacement itself).

    Freeing a big file's blocks takes a tenth of a second per hundred megabytes where
    the file system discards them as it frees them; a save need not wait for that."""
    aside = path.with_name(f".{path.name}.{_owner()}.old")
    try:
        with contextlib.suppress(FileNotFoundError):
            aside.unlink()
        if rename:
            os.replace(path, aside)
        else:
            os.link(path, aside)
    except OSError:
        return None
    return aside


def _remove_aside(aside: Path | None) -> None:
    """Remove a file ``_set_aside`` made: a big one on a thread of its own (if the
    program ends first, the next save of its file removes it)."""
    if aside is None:
        return
    try:
        later = aside.stat().st_size >= _REMOVE_LATER_BYTES
    except OSError:
        return
    if later:
        threading.Thread(target=_unlink_quietly, args=(aside,), name="save-remove",
                         daemon=True).start()
    else:
        _unlink_quietly(aside)


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(
    path: str | os.PathLike[str], data: bytes, *, keep_backup: bool = True
) -> Fingerprint:
    """Replace ``path`` by ``data`` so that any interruption leaves the old or the new file;
    return the fingerprint of the file written."""
    return _atomic_write(path, lambda sink: sink(data), keep_backup=keep_backup)


class _Sink:
    """Takes the pieces of a file as they are made and writes them to the temporary file
    on a thread of its own, and hashes them on another: the file is written while the
    rest of it is encoded (writing, fsync and SHA-256 give up the interpreter lock), and
    hashed while it is written.

    The thread takes whatever pieces are waiting at once, in runs of a few megabytes
    (``_grouped``): each of its turns needs the interpreter lock, which the encoding
    thread only yields every few milliseconds, so a turn per piece fell behind.  Every
    ``_SYNC_BYTES`` it syncs what it wrote, so that the final fsync has little left to
    do.  ``written`` reads back what was written.
    """

    def __init__(self, handle: BinaryIO, path: Path) -> None:
        self._handle = handle
        self._path = path
        self._hash = FingerprintBuilder(background=True)  # hashed beside the writes
        self._pending: list[bytes] = []
        self._turn = threading.Condition()
        self._closed = False
        self._error: BaseException | None = None
        self._unsynced = 0
        self._thread = threading.Thread(target=self._run, name="save-writer", daemon=True)
        self._thread.start()

    def __call__(self, chunk: bytes) -> None:
        if self._error is not None:  # a write failed (disk full...): stop encoding now
            raise self._error
        with self._turn:
            self._pending.append(chunk)
            self._turn.notify()

    def _run(self) -> None:
        while True:
            with self._turn:
                while not self._pending and not self._closed:
                    self._turn.wait()
                batch, self._pending = self._pending, []
            if not batch:
                return
            if self._error is not None:
                continue
            try:
                for data in _grouped(batch):
                    self._handle.write(data)
                    self._hash.update(data)
                    self._unsynced += len(data)
                if self._unsynced >= _SYNC_BYTES:
                    self._handle.flush()
                    _datasync(self._handle.fileno())
                    self._unsynced = 0
            except BaseException as exc:
                self._error = exc

    def close(self, *, discard: bool = False) -> None:
        """Until every piece is written; raises the error of a write that failed.  With
        ``discard`` (the save failed), the pieces not yet written are dropped."""
        with self._turn:
            self._closed = True
            if discard:
                self._pending.clear()
            self._turn.notify()
        self._thread.join()
        if discard or self._error is not None:
            self._hash.close()  # no fingerprint will be asked for
        if self._error is not None and not discard:
            raise self._error

    def written(self) -> bytes:
        self.close()
        self._handle.flush()
        return self._path.read_bytes()

    def fingerprint(self) -> Fingerprint:
        return self._hash.finish(os.fstat(self._handle.fileno()))


_SYNC_BYTES = 32 * 1024 * 1024
_GROUP_BYTES = 4 * 1024 * 1024


def _grouped(pieces: list[bytes]) -> Iterator[bytes]:
    """The pieces joined into runs of about ``_GROUP_BYTES``: a turn of the thread per
    piece needs the lock twice per megabyte, and one join of a long backlog would hold
    it for tens of milliseconds (the window's repaints wait for it)."""
    group: list[bytes] = []
    size = 0
    for piece in pieces:
        group.append(piece)
        size += len(piece)
        if size >= _GROUP_BYTES:
            yield group[0] if len(group) == 1 else b"".join(group)
            group, size = [], 0
    if group:
        yield group[0] if len(group) == 1 else b"".join(group)
_datasync = getattr(os, "fdatasync", os.fsync)  # macOS and Windows have no fdatasync


def _atomic_write(
    path: str | os.PathLike[str], produce: Callable[[_Sink], object], *, keep_backup: bool
) -> Fingerprint:
    """``atomic_write_bytes`` of the bytes that ``produce`` hands to the sink it is given,
    written as they come; if ``produce`` raises, the temporary is removed and the file
    left as it was."""
    target = Path(os.path.realpath(path))  # write through a symlink, do not replace it
    directory = target.parent
    _refuse_unless_regular(target)
    remove_stale_temporaries(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{_owner()}.", suffix=".tmp",
                                    dir=directory)
    tmp = Path(tmp_name)
    aside = None
    try:
        with os.fdopen(fd, "wb") as handle:
            sink = _Sink(handle, tmp)
            try:
                produce(sink)
            except BaseException:
                sink.close(discard=True)
                raise
            sink.close()
            handle.flush()
            os.fsync(handle.fileno())
            fingerprint = sink.fingerprint()
        if target.exists():
            shutil.copymode(target, tmp)
            # the file that the replacement would free is set aside, removed after
            aside = _keep_backup(target) if keep_backup else _set_aside(target, rename=False)
        else:
            os.chmod(tmp, _default_mode())
        os.replace(tmp, target)
        _fsync_dir(directory)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        _remove_aside(aside)
        raise
    _remove_aside(aside)
    return fingerprint


class _Pieces(list):  # type: ignore[type-arg]
    """A sink that keeps the pieces (``encode_document``)."""

    def __call__(self, chunk: bytes) -> None:
        self.append(chunk)

    def written(self) -> bytes:
        return b"".join(self)


def encode_document(doc: Document, display_name: str) -> bytes:
    """The bytes ``save_document`` would write, after checking that they would load."""
    pieces = _Pieces()
    _encode_checked(doc, display_name, pieces)
    return pieces.written()


def _encode_checked(doc: Document, name: str, sink: _Sink | _Pieces,
                    log: RunLog | None = None) -> None:
    """Hand the file's bytes to ``sink`` in pieces; ``SaveError`` if the file would not
    load cleanly (the caller then discards what the sink was given).

    The loader's verdict is worked out from the model (``model_check``) instead of by
    loading the bytes back, which cost as much as opening the file.  The writer notes
    on the way whether the events are plainly valid, and then only the rest of the
    document is checked.  A document the check cannot judge (values of other types
    than the model's) is loaded back, as before.
    """
    try:
        encoded = encode(doc, sink, log)
    except UnicodeEncodeError as exc:
        raise SaveError(
            f"{name}: not saved: a text field holds an invalid character "
            f"(lone surrogate) at position {exc.start}; edit it out and save again"
        ) from exc
    except (ValueError, TypeError, RecursionError) as exc:
        # NaN or infinity, a value JSON cannot hold, a list that holds itself: say where.
        problems = check_document(doc, name)
        if problems:
            raise _not_saved(name, problems) from exc
        raise SaveError(f"{name}: not saved: {exc}") from exc
    problems = check_document(doc, name, events=not encoded.plain)
    if problems and encoded.plain:  # the events are only plain if the rest is valid
        problems = check_document(doc, name)
    if problems is None:
        problems = load_bytes(sink.written(), name).problems
    elif not problems and encoded.size > DEFAULT_MAX_BYTES:
        problems = [Problem(name, too_big(encoded.size, DEFAULT_MAX_BYTES))]
    if problems:
        raise _not_saved(name, problems)


def _not_saved(name: str, problems: list[Problem]) -> SaveError:
    return SaveError(
        f"{name}: not saved: the timeline has {len(problems)} problem(s); "
        "fix them and save again",
        problems,
    )


def save_document(
    doc: Document, path: str | os.PathLike[str], *, keep_backup: bool = True,
    memo: SaveMemo | None = None,
) -> Fingerprint:
    """Validate and write ``doc`` to ``path`` atomically; raise ``SaveError`` if it is not
    valid or cannot be written.  Returns the fingerprint of the file written.

    The file is written to its temporary as it is encoded; a document found invalid
    once encoded is not saved, and its temporary is removed.  With ``memo`` (kept from
    one save of the file to the next), the runs of events the last save wrote are
    copied from the file instead of encoded again (see ``save_memo``)."""
    name = os.fspath(path)
    log = None if memo is None else memo.log(os.path.realpath(path), doc)
    try:
        fingerprint = _atomic_write(path, partial(_encode_checked, doc, name, log=log),
                                    keep_backup=keep_backup)
    except BaseException as exc:
        if memo is not None:  # the file may or may not have been replaced
            memo.forget()
        if isinstance(exc, OSError):
            raise SaveError(f"{name}: not saved: {exc.strerror or exc}") from exc
        raise
    if memo is not None and log is not None:
        memo.commit(log)
    return fingerprint
