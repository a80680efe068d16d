"""What merging or deleting an actor does to the events that name it."""

from __future__ import annotations

from dataclasses import replace

from timeline_app.core.model import Event

__all__ = ["events_naming", "merged_into"]


def events_naming(events: list[Event], actor_id: str) -> list[int]:
    """Positions of the events that name ``actor_id``."""
    return [i for i, event in enumerate(events) if actor_id in event.actors]


def merged_into(events: list[Event], gone: str, kept: str) -> dict[int, Event]:
    """The events naming ``gone``, now naming ``kept`` in its place (an event naming both
    keeps ``kept`` once, where it came first), by position."""
    merged: dict[int, Event] = {}
    for i in events_naming(events, gone):
        event = events[i]
        actors = list(dict.fromkeys(kept if a == gone else a for a in event.actors))
        merged[i] = replace(event, actors=actors)
    return merged
