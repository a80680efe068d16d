"""The window's idle work stands aside while a save runs on the worker thread, and the
save memo's priming (``document/save_priming``) waits for the rest of the idle work.

After an open, the window measures every title (``TitleWidths``) and counts the cited
ranges of every source (``SpanBook``) a few milliseconds at a time whenever its event
loop is idle; a save's worker shares the interpreter lock with that work, which made the
first save after opening 100,000 events of unique titles take 1.4 s instead of 0.74 s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline_app.gui.window.main_window import MainWindow

__all__ = ["order_idle_work"]


def order_idle_work(window: MainWindow) -> None:
    def pause(paused: bool) -> None:
        window.timeline.pause_idle_work(paused)
        window.source.span_book.pause(paused)

    window.files.saver.started.connect(lambda _text: pause(True))
    window.files.saver.finished.connect(lambda _ok, _text: pause(False))
    widths = window.timeline.title_widths
    book = window.source.span_book
    window.files.saver.priming.busy = lambda: not widths.done or book.counting
