"""The valid document every malformed file of this folder is an edit of, and the
helpers the cases are written with: ``case`` records one, ``edit`` changes the document,
``position`` turns a marker into the line and column a user must see.

``make_bad.py`` writes the files; the ``bad_cases_*.py`` modules hold the cases, recorded
in ``CASES`` in the order they are imported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent

BASE = """\
{
  "format": "conflict-timeline",
  "version": 1,
  "title": "Tripoli offensive",
  "sources": [
    {
      "id": "egyptwatch-2020-12-22",
      "title": "Libya: the war for Tripoli",
      "outlet": "Egypt Watch",
      "url": "https://example.org/libya",
      "published": "2020-12-22",
      "language": "en",
      "text": "Haftar's forces attacked Tripoli on 4 April 2019."
    }
  ],
  "actors": [
    {"id": "haftar", "name": "Haftar's forces (LNA)", "color": "#b5443a"},
    {"id": "gna", "name": "Government of National Accord", "color": "#3a6fb5"}
  ],
  "events": [
    {
      "id": "ev-offensive",
      "title": "Haftar attacks Tripoli",
      "start": "2019-04-04",
      "end": "2020-06-04",
      "actors": ["haftar", "gna"],
      "location": "Tripoli",
      "tags": ["offensive"],
      "description": "The LNA marches on the capital.",
      "citations": [
        {"source": "egyptwatch-2020-12-22", "start": 0, "end": 15, "quote": "Haftar's forces"}
      ],
      "date_note": "start from the article, end from later reports"
    },
    {
      "id": "ev-attack",
      "title": "Attack on Tripoli",
      "start": "2019-04-04~",
      "citations": [
        {"source": "egyptwatch-2020-12-22", "start": 16, "end": 32, "quote": "attacked Tripoli"}
      ]
    }
  ]
}
"""

# name -> (content, [(fragment, where, path)]).  ``where`` is a marker string (the
# problem is at its first character, or at the ``¦`` in it), a (marker, occurrence)
# pair, a (line, column) pair of ints, "END" for the end of the text, a function of
# the text giving an offset, or None when there is no position.
Where = str | tuple[str, int] | tuple[int, int] | Callable[[str], int] | None
CASES: dict[str, tuple[str | bytes, list[tuple[str, Where, str | None]]]] = {}


def case(name: str, content: str | bytes, *expected: tuple[str, Where, str | None]) -> None:
    assert name not in CASES, name
    CASES[name] = (content, list(expected))


def edit(old: str, new: str, text: str = BASE, count: int = 1) -> str:
    assert text.count(old) >= count, old
    return text.replace(old, new, count)


def position(text: str, where: Where) -> tuple[int | None, int | None]:
    if where is None:
        return None, None
    if isinstance(where, tuple) and isinstance(where[0], int):
        return where  # type: ignore[return-value]
    if callable(where):
        offset = where(text)
    elif where == "END":
        offset = len(text)
    else:
        marker, nth = where if isinstance(where, tuple) else (where, 1)
        cursor = max(marker.find("¦"), 0)
        marker = marker.replace("¦", "")
        offset = -1
        for _ in range(nth):
            offset = text.index(marker, offset + 1)
        offset += cursor
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
