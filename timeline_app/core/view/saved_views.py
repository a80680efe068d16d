"""Saved views: a filter, a grouping, a visible range and the lanes, under a name.

A document keeps them in ``Document.views`` as the JSON its file holds (see
``fileformat.spec.VIEW``); ``SavedView`` reads one and writes one back, with every key
this version does not know left in place.  Restoring a view that names actors, tags,
outlets or locations the document no longer has keeps the rest: ``missing`` says what
was dropped, so that the window can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from timeline_app.core.dates.partial import DateError, PartialDate, Precision, parse_iso
from timeline_app.core.model import Document
from timeline_app.core.view.lanes import GroupBy
from timeline_app.core.view.search import EventFilter, outlet_of

__all__ = ["SavedView", "minute_of", "missing_names", "renamed", "with_view", "without_view"]

_FILTER_SETS = ("actors", "tags", "outlets", "locations")
_KNOWN = ("name", "group_by", "mode", *_FILTER_SETS, "precisions", "date_from", "date_to",
          "start", "end", "layout")
_EPOCH = datetime(1970, 1, 1)


def minute_of(seconds: float) -> PartialDate:
    """The minute holding ``seconds`` (from 1970-01-01), within the years a date may have."""
    try:
        moment = _EPOCH + timedelta(seconds=seconds)
    except OverflowError:
        moment = datetime.max if seconds > 0 else datetime.min
    moment = max(datetime(1, 1, 1), min(moment, datetime(9999, 12, 31, 23, 59)))
    return PartialDate(moment.year, moment.month, moment.day, moment.hour, moment.minute,
                       Precision.MINUTE)


def _date(text: Any) -> PartialDate | None:
    try:
        return parse_iso(text) if isinstance(text, str) else None
    except DateError:
        return None


@dataclass(frozen=True, slots=True)
class SavedView:
    """One saved view, as the window restores it."""

    name: str
    filter: EventFilter = field(default_factory=EventFilter)
    fade: bool = False  # else the events the filter leaves out are hidden
    group_by: GroupBy | None = None
    start: float | None = None  # the visible range, in seconds since 1970-01-01
    end: float | None = None
    layout: dict[str, Any] = field(default_factory=dict)  # the lanes, as Document.layout
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> SavedView:
        """From a view of ``Document.views`` (checked by the loader)."""
        sets = {k: frozenset(obj[k]) if obj.get(k) else None for k in _FILTER_SETS}
        precisions = frozenset(Precision[p.upper()] for p in obj.get("precisions", ())
                               if p.upper() in Precision.__members__) or None
        flt = EventFilter(**sets, precisions=precisions, date_from=_date(obj.get("date_from")),
                          date_to=_date(obj.get("date_to")))
        try:
            group_by = GroupBy(obj["group_by"]) if obj.get("group_by") else None
        except ValueError:
            group_by = None
        start, end = _date(obj.get("start")), _date(obj.get("end"))
        return cls(str(obj.get("name", "")), flt, obj.get("mode") == "fade", group_by,
                   None if start is None else start.to_seconds(),
                   None if end is None else end.to_seconds(),
                   dict(obj.get("layout") or {}),
                   {k: v for k, v in obj.items() if k not in _KNOWN})

    def to_json(self) -> dict[str, Any]:
        """The object the file holds: empty parts left out, unknown keys kept."""
        flt = self.filter
        out: dict[str, Any] = {"name": self.name}
        if self.group_by is not None:
            out["group_by"] = self.group_by.value
        out["mode"] = "fade" if self.fade else "hide"
        for key in _FILTER_SETS:
            values = getattr(flt, key)
            if values:
                out[key] = sorted(values)
        if flt.precisions:
            out["precisions"] = [p.label for p in sorted(flt.precisions)]
        if flt.date_from is not None:
            out["date_from"] = flt.date_from.iso()
        if flt.date_to is not None:
            out["date_to"] = flt.date_to.iso()
        if self.start is not None and self.end is not None:
            out["start"] = minute_of(self.start).iso()
            out["end"] = minute_of(self.end).iso()
        if self.layout:
            out["layout"] = self.layout
        out.update(self.extra)
        return out


def missing_names(flt: EventFilter, document: Document) -> tuple[EventFilter, list[str]]:
    """``flt`` without the actors, tags, outlets and locations ``document`` does not have,
    and what was dropped ("actor “x”")."""
    have = {
        "actors": {a.id for a in document.actors},
        "tags": {t for ev in document.events for t in ev.tags},
        "outlets": set(outlet_of(document).values()),
        "locations": {ev.location for ev in document.events if ev.location},
    }
    dropped: list[str] = []
    kept: dict[str, frozenset[str] | None] = {}
    for key in _FILTER_SETS:
        values = getattr(flt, key)
        if not values:
            kept[key] = values
            continue
        gone = sorted(values - have[key])
        dropped += [f"{key[:-1]} “{name}”" for name in gone]
        kept[key] = frozenset(values & have[key]) or None
    if not dropped:
        return flt, []
    return EventFilter(**kept, precisions=flt.precisions, date_from=flt.date_from,
                       date_to=flt.date_to), dropped


def with_view(views: list[dict[str, Any]], view: SavedView) -> list[dict[str, Any]]:
    """``views`` with ``view`` added, or replacing the view of the same name in its place."""
    obj = view.to_json()
    out = list(views)
    for i, old in enumerate(out):
        if old.get("name") == view.name:
            out[i] = obj
            return out
    return [*out, obj]


def without_view(views: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [v for v in views if v.get("name") != name]


def renamed(views: list[dict[str, Any]], name: str, new_name: str) -> list[dict[str, Any]]:
    """``views`` with the view ``name`` called ``new_name`` (its unknown keys kept)."""
    return [{**v, "name": new_name} if v.get("name") == name else v for v in views]
