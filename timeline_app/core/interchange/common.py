"""What the importers and exporters share: decoding, results, HTML to text, ids."""

from __future__ import annotations

import codecs
import html
from dataclasses import dataclass, field

from timeline_app.core.fileformat.problems import Problem
from timeline_app.core.model import Citation, Document, Source

__all__ = [
    "ExportResult",
    "ImportResult",
    "cite_whole",
    "decode_table",
    "named_source",
    "text_to_html",
]


@dataclass
class ImportResult:
    """An imported document and the problems met on the way.

    ``document`` is None when nothing could be imported (not this format, no header...).
    Otherwise it holds every good row, and ``problems`` lists the rows left out: the
    caller imports the rest only if the user agrees.
    """

    document: Document | None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ExportResult:
    """The bytes to write, and what the format could not carry (one line each)."""

    data: bytes
    lost: list[str] = field(default_factory=list)


def decode_table(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with.

    UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else Windows-1252 (what
    Excel writes on Western Windows).  Strict UTF-8 decides well: text in cp1252 with
    any accented letter is almost never valid UTF-8, because a UTF-8 lead byte must be
    followed by the right number of continuation bytes.  The five bytes cp1252 leaves
    undefined are read as Latin-1, so no file is refused for its encoding.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors=_LATIN1), "cp1252"


def _as_latin1(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode("latin-1"), error.end


_LATIN1 = "timeline-app-latin1"
codecs.register_error(_LATIN1, _as_latin1)


def text_to_html(text: str) -> str:
    """Plain text as an HTML fragment that shows it: escaped, line breaks as ``<br>``.
    ``sources.html_text.html_to_text`` gives the text back."""
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>")


def cite_whole(source: Source) -> Citation:
    """A citation of all of ``source``'s text: how an event refers to a source that
    another format names but does not quote (an ACLED source, a TimelineJS credit)."""
    return Citation(source.id, 0, len(source.text), source.text)


def named_source(sources: dict[tuple[str, ...], Source], text: str, prefix: str, *,
                 title: str = "", outlet: str = "", url: str = "") -> Source:
    """The source named ``text`` (made once per distinct source): its text is its name,
    all that is known of it, so that events can cite it."""
    key = (text, title, outlet, url)
    src = sources.get(key)
    if src is None:
        src = Source(f"{prefix}{len(sources) + 1}", title=title, outlet=outlet, url=url,
                     text=text)
        sources[key] = src
    return src
