"""Reading a timeline file from disk: its bytes, or the one problem that prevents it.

Every failure of the file system becomes a sentence that says what to do, never an
exception.  The size is checked before reading, so that opening a multi-gigabyte file
by mistake fails at once instead of exhausting memory.
"""

from __future__ import annotations

import os
import stat

from timeline_app.core.fileformat.problems import Problem

__all__ = ["internal_error", "path_text", "read_file", "size_text", "too_big"]


def path_text(path: str | os.PathLike[str]) -> str:
    """A path as text for messages (``repr`` when it is not decodable)."""
    try:
        return os.fsdecode(path)
    except Exception:  # a name is only needed for messages
        return repr(path)


def read_file(
    path: str | os.PathLike[str], name: str, max_bytes: int
) -> bytes | Problem:
    """The bytes of the file at ``path``, or the problem (named ``name``) that stops it."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return Problem(name, "no such file: check the name and the folder")
    except PermissionError:
        return Problem(name, _PERMISSION)
    except (OSError, ValueError) as exc:
        return Problem(name, f"cannot be read ({_os_reason(exc)}): check the path")
    if stat.S_ISDIR(info.st_mode):
        return Problem(name, "is a folder, not a timeline file: give the path of a .json file")
    if not stat.S_ISREG(info.st_mode):
        return Problem(name, "is not a regular file: give the path of a .json file")
    if info.st_size > max_bytes:
        return Problem(name, too_big(info.st_size, max_bytes))
    try:
        with open(path, "rb", buffering=0) as handle:
            # Sized from stat so that no buffer of the limit is allocated for a small file;
            # the second read catches a file that grew since (the limit still applies).
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(max_bytes + 1 - len(data))
    except PermissionError:
        return Problem(name, _PERMISSION)
    except OSError as exc:
        return Problem(name, f"cannot be read ({_os_reason(exc)}): check the file and the disk")
    return data


_PERMISSION = "permission denied: the file cannot be read with your account"


def _os_reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def size_text(n: int) -> str:
    """A size in bytes as a person reads it: ``1,536.0 MiB (1,610,612,736 bytes)``."""
    if n < 1024 * 1024:
        return f"{n:,} bytes"
    return f"{n / (1024 * 1024):,.1f} MiB ({n:,} bytes)"


def too_big(size: int, limit: int) -> str:
    """The message for a file of ``size`` bytes, more than ``limit``."""
    return (
        f"the file is {size_text(size)}, more than the limit of {size_text(limit)}: "
        "check that this is a timeline file, or split the timeline into smaller files"
    )


def internal_error(exc: BaseException) -> str:
    """The message for an exception nobody expected: the last line of defence."""
    return (
        f"internal error while reading the file ({type(exc).__name__}: {exc}): "
        "please report this, with the file if you can"
    )
