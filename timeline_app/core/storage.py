"""Saving without ever losing the previous file.

A save that is interrupted (power cut, full disk, a crash, SIGKILL) must leave either
the old file or the new one, never a mix.  So the new text goes to a temporary file in
the same folder (same file system, so the rename is atomic), is flushed and fsynced,
then renamed over the target with ``os.replace``; the folder is fsynced so that the
rename itself survives a power cut.  The previous version stays beside it as
``NAME.bak``.  A document that would not load back is never written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from timeline_app.core.model import Document
from timeline_app.core.problems import Problem
from timeline_app.core.writer import dumps

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
    target = Path(os.path.realpath(path))  # write through a symlink, do not replace it
    directory = target.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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
    """The bytes ``save_document`` would write, after checking they load back cleanly."""
    from timeline_app.core.loader import load_bytes  # the loader is the one validator

    try:
        data = dumps(doc).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SaveError(
            f"{display_name}: not saved: a text field holds an invalid character "
            f"(lone surrogate) at position {exc.start}; edit it out and save again"
        ) from exc
    except ValueError as exc:  # NaN or infinity in an unknown field
        raise SaveError(f"{display_name}: not saved: {exc}") from exc
    result = load_bytes(data, display_name)
    if result.problems:
        raise SaveError(
            f"{display_name}: not saved: the timeline has {len(result.problems)} problem(s); "
            "fix them and save again",
            result.problems,
        )
    return data


def save_document(doc: Document, path: str | os.PathLike[str], *, keep_backup: bool = True) -> None:
    """Validate and write ``doc`` to ``path`` atomically; raise ``SaveError`` if it is not valid."""
    data = encode_document(doc, os.fspath(path))
    try:
        atomic_write_bytes(path, data, keep_backup=keep_backup)
    except OSError as exc:
        raise SaveError(f"{os.fspath(path)}: not saved: {exc.strerror or exc}") from exc
