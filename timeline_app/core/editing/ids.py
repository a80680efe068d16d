"""Ids for what the analyst adds: readable slugs, unique in the document.

A source's id is its outlet and publication date ("egypt-watch-2020-12-22"), an actor's
its name ("gna"), an event's the first words of its title ("talks-in-sirte"); a clash
gets ``-2``, ``-3``...
"""

from __future__ import annotations

import re
from collections.abc import Collection

from timeline_app.core.dates.partial import PartialDate

__all__ = ["new_actor_id", "new_event_id", "new_source_id", "slug", "unique_id"]


def slug(text: str, limit: int = 40) -> str:
    """``text``'s words in lower case joined by ``-``; may be empty.  Letters of any
    script are kept: an Arabic outlet's id stays readable to those who read it."""
    return re.sub(r"[\W_]+", "-", text.lower()).strip("-")[:limit].strip("-")


def unique_id(base: str, taken: Collection[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def new_source_id(outlet: str, published: PartialDate | None, taken: Collection[str]) -> str:
    """``outlet-date``, unique among ``taken``."""
    parts = [slug(outlet) or "source"]
    if published is not None:
        parts.append(published.iso().rstrip("~?%").split("T")[0])
    return unique_id("-".join(parts), taken)


def new_actor_id(name: str, taken: Collection[str]) -> str:
    """The slug of ``name`` ("actor" when it has no letter or digit), unique among ``taken``."""
    return unique_id(slug(name) or "actor", taken)


def new_event_id(title: str, taken: Collection[str]) -> str:
    """The first six words of ``title`` ("event" when it has no letter or digit), unique
    among ``taken``; letters of any script are kept (an Arabic title gives an Arabic id)."""
    words = [w for w in re.split(r"[\W_]+", title.casefold()) if w][:6]
    return unique_id("-".join(words) or "event", taken)
