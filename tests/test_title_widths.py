"""The window measures every title while idle, with the widths the layout would find."""

from __future__ import annotations

import math

from pytestqt.qtbot import QtBot

from timeline_app.core.view.event_traits import EventTraits
from timeline_app.gui.window.main_window import MainWindow


def test_every_title_is_measured_after_an_open(window: MainWindow, qtbot: QtBot) -> None:
    view = window.timeline
    qtbot.waitUntil(lambda: view.title_widths.done)
    window.hide()  # no paint measures anything from here on
    view.renderer._widths.clear()
    window.files.open_path(window.session.path)  # File > Open of the same file
    assert not view.title_widths.done
    qtbot.waitUntil(lambda: view.title_widths.done)
    widths = view.renderer._widths
    titles = [ev.title for ev in window.session.document.events]
    assert titles and all(title in widths for title in titles)
    metrics = view.renderer._metrics
    assert all(widths[t] == metrics.horizontalAdvance(t) for t in titles)


def test_what_the_layout_reads_of_each_event_is_read_ahead_too(
    window: MainWindow, qtbot: QtBot
) -> None:
    """After the idle work, a view of events never shown finds each one's traits and
    title width kept (nothing left to read from the events), and lays them out as it
    would have read them."""
    view = window.timeline
    qtbot.waitUntil(lambda: view.title_widths.done)
    events = window.session.document.events
    traits = view.traits
    everything = list(range(len(events)))
    assert events and all(traits._objs[i] is events[i] for i in everything)
    assert not any(math.isnan(w) for w in traits._widths.tolist())
    kept = traits.gather(events, everything)
    fresh = EventTraits().gather(events, everything)
    assert all((a == b).all() for a, b in zip(kept, fresh, strict=True))
    widths = traits.title_widths(events, everything, view.renderer.measure)
    metrics = view.renderer._metrics
    assert widths.tolist() == [metrics.horizontalAdvance(ev.title) for ev in events]
