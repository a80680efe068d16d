"""The document session: looking events up by id while they are edited, added and removed."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.fileformat.loader import LoadResult
from timeline_app.core.model import Document, Event
from timeline_app.core.view.derived import EventChange
from timeline_app.gui.document.commands import AddEventCommand, DeleteEventCommand, EditEventCommand
from timeline_app.gui.document.session import DocumentSession


def make_session(qtbot: QtBot) -> DocumentSession:
    events = [Event(f"e{i}", f"Event {i}", parse_iso(f"2020-01-{i + 1:02d}")) for i in range(5)]
    session = DocumentSession()
    assert session.adopt(LoadResult(Document("t", [], [], events)), "t.json").ok
    return session


def positions(session: DocumentSession) -> dict[str, int]:
    return {ev.id: session.index_of(ev.id) for ev in session.document.events}


def test_ids_map_to_positions_through_every_kind_of_edit(qtbot: QtBot) -> None:
    session = make_session(qtbot)
    stack = session.undo_stack
    assert positions(session) == {f"e{i}": i for i in range(5)}
    assert session.index_of("nope") == -1 and session.index_of(None) == -1

    stack.push(DeleteEventCommand(session, session.event_by_id("e1")))
    assert positions(session) == {"e0": 0, "e2": 1, "e3": 2, "e4": 3}
    assert session.index_of("e1") == -1

    new = Event("n", "New", parse_iso("2021"))
    stack.push(AddEventCommand(session, new))
    assert session.index_of("n") == 4 and session.selected_event() is new

    before = session.event_by_id("e3")
    stack.push(EditEventCommand(session, before, replace(before, title="Retitled")))
    assert session.index_of("e3") == 2 and session.event_by_id("e3").title == "Retitled"

    for _ in range(3):
        stack.undo()
    assert positions(session) == {f"e{i}": i for i in range(5)}
    assert session.event_by_id("e3") is before


def test_an_edit_that_changes_the_id_moves_the_lookup(qtbot: QtBot) -> None:
    session = make_session(qtbot)
    before = session.event_by_id("e2")
    session.undo_stack.push(EditEventCommand(session, before, replace(before, id="renamed")))
    assert session.index_of("renamed") == 2 and session.index_of("e2") == -1
    assert session.selected_id == "renamed"
    session.undo_stack.undo()
    assert session.index_of("e2") == 2 and session.index_of("renamed") == -1


def test_selecting_an_unknown_id_clears_the_selection(qtbot: QtBot) -> None:
    session = make_session(qtbot)
    session.select("e4")
    assert session.selected_index() == 4
    session.select("gone")
    assert session.selected_id is None and session.selected_index() == -1


def test_every_edit_signals_the_change_it_made(qtbot: QtBot) -> None:
    session = make_session(qtbot)
    before = session.event_by_id("e2")
    after = replace(before, start=parse_iso("2020-03-01"))
    session.derived.grouping()  # what a timeline view asks for
    with qtbot.waitSignal(session.eventsChanged) as edited:
        session.undo_stack.push(EditEventCommand(session, before, after))
    applied = edited.args[0]
    assert (applied.change.index, applied.change.before, applied.change.after) == (2, before,
                                                                                  after)
    assert applied.index_changed and not applied.lanes_changed
    assert session.derived.grouping().index.starts[2] == after.start_seconds()
    session.select("e2")
    with qtbot.waitSignal(session.eventsChanged) as removed:
        session.undo_stack.push(DeleteEventCommand(session, after))
    assert removed.args[0].change == EventChange(2, after, None)
    assert session.selected_id is None
    with qtbot.waitSignal(session.eventsChanged) as undone:
        session.undo_stack.undo()
    assert undone.args[0].change == EventChange(2, None, after)


def test_edits_of_actors_are_one_change_each_and_keep_event_ids(qtbot: QtBot) -> None:
    import pytest

    from timeline_app.core.model import Actor
    from timeline_app.core.view.derived import DocumentChange
    from timeline_app.gui.document.actor_commands import DeleteActorCommand, MergeActorsCommand

    session = make_session(qtbot)
    doc = session.document
    doc.actors = [Actor("a", "A"), Actor("b", "B"), Actor("c", "C")]
    doc.events[0] = replace(doc.events[0], actors=["a", "b"])
    doc.events[1] = replace(doc.events[1], actors=["b"])
    session.derived = type(session.derived)(doc)
    with pytest.raises(ValueError, match="named by events"):
        DeleteActorCommand(session, doc.actor("b"))
    with qtbot.waitSignal(session.documentChanged) as changed:
        session.undo_stack.push(MergeActorsCommand(session, doc.actor("b"), doc.actor("a")))
    assert changed.args[0].change == DocumentChange(actors=True, events=frozenset({0, 1}))
    assert [e.actors for e in doc.events[:2]] == [["a"], ["a"]]
    with pytest.raises(ValueError, match="keeps the events' ids"):
        session.edit_document(events={0: replace(doc.events[0], id="other")})
    session.undo_stack.undo()
    assert [e.actors for e in session.document.events[:2]] == [["a", "b"], ["b"]]
