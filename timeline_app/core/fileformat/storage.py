"""Saving without ever losing the previous file.

A save that is interrupted (power cut, full disk, a crash, SIGKILL) must leave either
the old file or the new one, never a mix.  So the new text goes to a temporary file in
the same folder (same file system, so the rename is atomic), is flushed and fsynced,
then renamed over the target with ``os.replace``; the folder is fsynced so that the
rename itself survives a power cut.  The previous version stays beside it as
``NAME.bak``.  A document that would not load back is never written: ``model_check``
reports what the loader would, from the model, before anything touches the disk.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from timeline_app.core.fileformat.check import check_document
from timeline_app.core.fileformat.loader import DEFAULT_MAX_BYTES, _too_big, load_bytes
from timeline_app.core.fileformat.problems import Problem
from timeline_app.core.fileformat.writer import encode
from timeline_app.core.model import Document

__all__ = ["SaveError", "atomic_write_bytes", "backup_path", "encode_document", "save_document"]


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


def _keep_backup(path: Path) -> None:
    """Make ``NAME.bak`` the current file, atomically, before it is replaced."""
    bak = backup_path(path)
    tmp = bak.with_name(f".{bak.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        try:
            os.link(path, tmp)  # no copy: the old file's data stays where it is
        except OSError:
            shutil.copy2(path, tmp)  # file systems without hard links
        os.replace(tmp, bak)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(
    path: str | os.PathLike[str], data: bytes, *, keep_backup: bool = True
) -> None:
    """Replace ``path`` by ``data`` so that any interruption leaves the old or the new file."""
    _atomic_write(path, [data], keep_backup=keep_backup)


def _atomic_write(
    path: str | os.PathLike[str], chunks: list[bytes], *, keep_backup: bool
) -> None:
    """``atomic_write_bytes`` of the bytes ``chunks`` make, without joining them first."""
    target = Path(os.path.realpath(path))  # write through a symlink, do not replace it
    directory = target.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            shutil.copymode(target, tmp)
            if keep_backup:
                _keep_backup(target)
        else:
            os.chmod(tmp, _default_mode())
        os.replace(tmp, target)
        _fsync_dir(directory)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def encode_document(doc: Document, display_name: str) -> bytes:
    """The bytes ``save_document`` would write, after checking that they would load."""
    return b"".join(_encode_checked(doc, display_name))


def _encode_checked(doc: Document, name: str) -> list[bytes]:
    """The file's bytes in pieces; ``SaveError`` if the file would not load cleanly.

    The loader's verdict is worked out from the model (``model_check``) instead of by
    loading the bytes back, which cost as much as opening the file.  The writer notes
    on the way whether the events are plainly valid, and then only the rest of the
    document is checked.  A document the check cannot judge (values of other types
    than the model's) is loaded back, as before.
    """
    try:
        encoded = encode(doc)
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
        problems = load_bytes(b"".join(encoded.chunks), name).problems
    elif not problems and encoded.size > DEFAULT_MAX_BYTES:
        problems = [Problem(name, _too_big(encoded.size, DEFAULT_MAX_BYTES))]
    if problems:
        raise _not_saved(name, problems)
    return encoded.chunks


def _not_saved(name: str, problems: list[Problem]) -> SaveError:
    return SaveError(
        f"{name}: not saved: the timeline has {len(problems)} problem(s); "
        "fix them and save again",
        problems,
    )


def save_document(doc: Document, path: str | os.PathLike[str], *, keep_backup: bool = True) -> None:
    """Validate and write ``doc`` to ``path`` atomically; raise ``SaveError`` if it is not valid."""
    chunks = _encode_checked(doc, os.fspath(path))
    try:
        _atomic_write(path, chunks, keep_backup=keep_backup)
    except OSError as exc:
        raise SaveError(f"{os.fspath(path)}: not saved: {exc.strerror or exc}") from exc
