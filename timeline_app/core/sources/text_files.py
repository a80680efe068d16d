"""The text of a ``.txt`` or ``.html`` file chosen as a source.

A report is evidence: its words must be read exactly as written, never guessed at.  The
bytes are decoded as UTF-8 (a byte-order mark is dropped; UTF-16 with its mark is read
too); for HTML, a ``<meta charset>`` the page declares is honoured when it is one of
the web's character sets.  Anything else is refused with a message that says where the
file stops being UTF-8 and what to do, rather than guessed at by an encoding detector,
which can read an article in the wrong alphabet without a sign that it did.  Line
breaks become ``\\n``.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

from timeline_app.core.sources.html_text import html_to_text, title_of

__all__ = ["ImportedText", "SourceFileError", "decode_text", "read_source_file"]

#: A source file bigger than this is certainly not one article.
MAX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# The character sets of web pages (the WHATWG Encoding Standard's, and ASCII and
# Latin-1, which pages declare too), as Python names them.  Python also looks up codecs
# that are no character set (base64, zlib, rot13, punycode, unicode_escape...): a page
# declaring one is refused as declaring an unknown character set, never decoded so.
# Names, not lookups: the packaged program leaves the East Asian codecs out, and a page
# in one is refused like any character set it cannot read.
_WEB_LABELS = {"windows-874": "cp874", "x-mac-cyrillic": "mac-cyrillic"}  # unknown to Python
_WEB_CHARSETS = frozenset((
    "utf-8", "utf-16", "utf-16-le", "utf-16-be", "ascii", "cp866", "cp874", "koi8-r",
    "koi8-u", "mac-roman", "mac-cyrillic", "tis-620", "gbk", "gb2312", "gb18030", "big5",
    "big5hkscs", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr",
    *(f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16)),
    *(f"cp{n}" for n in range(1250, 1259)),
))


class SourceFileError(ValueError):
    """A file that cannot be read as a source; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class ImportedText:
    """What a file gives a new source: its text, and the page's title if it had one."""

    text: str
    title: str = ""


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes, name: str = "the file", declared: str | None = None) -> str:
    """``data`` as text: UTF-8 (or UTF-16 with a byte-order mark, or ``declared``)."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if declared:
            try:
                encoding = codecs.lookup(_WEB_LABELS.get(declared.lower(), declared)).name
                if encoding not in _WEB_CHARSETS:
                    raise LookupError(declared)
            except LookupError:
                raise SourceFileError(
                    f"{name} declares the character set {declared!r}, which is unknown: "
                    "save it as UTF-8 and open it again") from None
    try:
        return _newlines(data.decode(encoding))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceFileError(
            f"{name} is not {encoding.upper()} text: byte {exc.start:,} (line {line}) "
            "cannot be read as such.  Save it as UTF-8 (most editors offer this in Save "
            "As) and open it again, or paste the text instead.") from None


def read_source_file(path: str | os.PathLike[str]) -> ImportedText:
    """Read ``path`` (``.txt``, or ``.html``/``.htm`` reduced to its text)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceFileError(f"{path.name} is {size / 1e6:.0f} MB: too big to be one "
                                  "article")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceFileError(f"{path.name} cannot be read: {exc.strerror or exc}") from None
    if path.suffix.lower() in HTML_SUFFIXES:
        found = _META_CHARSET.search(data[:4096])
        declared = found.group(1).decode("ascii") if found else None
        page = decode_text(data, path.name, declared)
        return ImportedText(html_to_text(page), title_of(page))
    return ImportedText(decode_text(data, path.name))
