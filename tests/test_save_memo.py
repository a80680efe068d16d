"""A save after an edit copies the runs of events the last save of the file wrote: the
file is the one a save from scratch writes, whatever was edited, and nothing is copied
from a file that is not what that save wrote, or for a document whose check changed."""

from __future__ import annotations

import os
import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot
from window_driver import action, wait_saved

from bench.synthetic import make_document, write_file
from timeline_app.core.fileformat import event_writer
from timeline_app.core.fileformat.memo_priming import prime_log
from timeline_app.core.fileformat.recovery import write_copy
from timeline_app.core.fileformat.save_memo import MAX_RUN, SaveMemo, run_ends
from timeline_app.core.fileformat.storage import SaveError, encode_document, save_document
from timeline_app.core.model import Document, Source
from timeline_app.gui.document.background_save import snapshot_of

N = 6000  # about six runs


@pytest.fixture(scope="module")
def base() -> Document:
    return make_document(N, seed=11)


def copy_of(doc: Document) -> Document:
    return snapshot_of(doc)  # new lists, the same event objects


def encoded_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the runs the writer encodes (the others it copies)."""
    calls: list[int] = []
    real = event_writer.EventWriter._run

    def counting(self, events, *args):  # type: ignore[no-untyped-def]
        calls.append(len(events))
        return real(self, events, *args)

    monkeypatch.setattr(event_writer.EventWriter, "_run", counting)
    return calls


def retitled(doc: Document, k: int) -> None:
    doc.events[k] = replace(doc.events[k], title=doc.events[k].title + " (checked)")


def test_a_save_after_one_edit_encodes_one_run_and_writes_the_whole_file(
        base: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, memo = tmp_path / "t.json", SaveMemo()
    doc = copy_of(base)
    save_document(doc, path, memo=memo)
    assert memo.copied == 0 and memo.runs >= 2  # 6,000 events > MAX_RUN
    runs = memo.runs
    encoded = encoded_runs(monkeypatch)
    doc = copy_of(doc)
    retitled(doc, N // 2)
    save_document(doc, path, memo=memo)
    assert len(encoded) == 1 and memo.copied == runs - 1
    assert path.read_bytes() == encode_document(doc, "x")
    assert path.with_name("t.json.bak").exists()  # still the atomic save it was


@settings(max_examples=12, deadline=None)
@given(edits=st.lists(st.tuples(st.sampled_from(["retitle", "insert", "delete", "move",
                                                 "last", "none"]),
                                st.integers(0, N - 1)), min_size=1, max_size=6),
       seed=st.integers(0, 100), opened=st.booleans())
def test_any_edits_give_the_file_a_save_from_scratch_gives(
        base: Document, tmp_path_factory: pytest.TempPathFactory,
        edits: list[tuple[str, int]], seed: int, opened: bool) -> None:
    path, memo = tmp_path_factory.mktemp("memo") / "t.json", SaveMemo()
    doc = copy_of(base)
    rng = random.Random(seed)
    if opened:  # the memo worked out from the file as opened (memo_priming)
        save_document(doc, path)
        memo.commit(*prime_log(doc, path))  # type: ignore[misc]
    else:
        save_document(doc, path, memo=memo)
    copied = 0
    for step, (kind, k) in enumerate(edits):
        doc = copy_of(doc)
        k %= len(doc.events)
        if kind == "retitle":
            retitled(doc, k)
        elif kind == "insert":
            doc.events.insert(k, replace(doc.events[rng.randrange(len(doc.events))],
                                         id=f"new-{step}"))
        elif kind == "delete" and len(doc.events) > 1:
            del doc.events[k]
        elif kind == "move":
            doc.events.insert(rng.randrange(len(doc.events)), doc.events.pop(k))
        elif kind == "last":
            retitled(doc, len(doc.events) - 1)  # the run that ends the list
        save_document(doc, path, memo=memo)
        assert path.read_bytes() == encode_document(doc, "x")
        copied += memo.copied
    # An edit touches at most three runs (a moved event that ended one): with more, some
    # save copied something.
    assert copied > 0 or len(run_ends(base.events)) <= 3


def test_nothing_is_copied_from_a_file_changed_since(
        base: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, memo = tmp_path / "t.json", SaveMemo()
    doc = copy_of(base)
    save_document(doc, path, memo=memo)
    # Another program changes a byte in place and puts the modification time back: the
    # file looks the same from outside, but a run no longer reads back as written.
    st_ = path.stat()
    data = bytearray(path.read_bytes())
    at = data.index(b'"title": "', len(data) // 2) + 10  # an event's, in a run
    data[at] = ord("#") if data[at] != ord("#") else ord("%")
    with open(path, "r+b") as f:
        f.write(data)
    os.utime(path, ns=(st_.st_atime_ns, st_.st_mtime_ns))
    doc = copy_of(doc)
    retitled(doc, N - 1)
    save_document(doc, path, memo=memo)
    assert path.read_bytes() == encode_document(doc, "x")
    # replaced by another file of the same content: another file, nothing read from it
    replaced = tmp_path / "other.json"
    replaced.write_bytes(path.read_bytes())
    os.replace(replaced, path)
    encoded = encoded_runs(monkeypatch)
    save_document(doc, path, memo=memo)
    assert memo.copied == 0 and len(encoded) == memo.runs
    assert path.read_bytes() == encode_document(doc, "x")


def test_a_changed_source_is_checked_again_and_a_refused_save_reuses_nothing(
        base: Document, tmp_path: Path) -> None:
    path, memo = tmp_path / "t.json", SaveMemo()
    doc = copy_of(base)
    save_document(doc, path, memo=memo)
    cited = next(c for ev in doc.events for c in ev.citations)
    doc = copy_of(doc)
    k = next(i for i, s in enumerate(doc.sources) if s.id == cited.source)
    source: Source = doc.sources[k]
    # the cited words are no longer in the text: every citation of it is now wrong
    doc.sources[k] = replace(source, text="x" * len(source.text))
    with pytest.raises(SaveError, match="problem"):
        save_document(doc, path, memo=memo)
    assert memo.runs == 0
    doc.sources[k] = source
    save_document(doc, path, memo=memo)
    assert path.read_bytes() == encode_document(doc, "x")


def test_another_path_copies_nothing_and_is_remembered(base: Document, tmp_path: Path) -> None:
    memo = SaveMemo()
    doc = copy_of(base)
    save_document(doc, tmp_path / "a.json", memo=memo)
    save_document(doc, tmp_path / "b.json", memo=memo)  # Save As
    assert memo.copied == 0
    save_document(doc, tmp_path / "b.json", memo=memo)
    assert memo.copied == memo.runs > 0
    assert (tmp_path / "b.json").read_bytes() == (tmp_path / "a.json").read_bytes()


@given(n=st.integers(0, 3 * MAX_RUN))
def test_runs_cover_every_event_and_are_bounded(n: int) -> None:
    events = [object() for _ in range(n)]
    ends = run_ends(events)
    assert ends == sorted(set(ends)) and (ends[-1] == n if n else ends == [])
    assert all(0 < b - a <= MAX_RUN for a, b in zip([0, *ends], ends, strict=False))


def _chosen_ends(events: list) -> set[int]:  # type: ignore[type-arg]
    """The events that end a run by their identity (not cut at ``MAX_RUN`` events)."""
    ends = run_ends(events)
    return {id(events[e - 1]) for s, e in zip([0, *ends], ends[:-1], strict=False)
            if e - s < MAX_RUN}


def test_an_insertion_moves_no_other_run(base: Document) -> None:
    # 20,000 objects: about twenty ends chosen by identity (none: one chance in 3e8)
    events = [replace(base.events[i % N], id=f"e{i}") for i in range(20_000)]
    before = _chosen_ends(events)
    assert len(before) >= 3
    events.insert(5_000, replace(events[0], id="inserted"))
    after = {id(events[e - 1]) for e in run_ends(events)}
    assert before <= after  # the same events end runs (a cut at MAX_RUN may move)


def test_autosave_copies_write_only_what_changed(base: Document, tmp_path: Path) -> None:
    memo = SaveMemo()
    doc = copy_of(base)
    write_copy(tmp_path, None, doc, memo=memo)
    doc = copy_of(doc)
    retitled(doc, 5)
    copy = write_copy(tmp_path, None, doc, memo=memo)
    assert memo.copied == memo.runs - 1
    assert copy.path.read_bytes() == encode_document(doc, "x")


def test_file_save_in_the_window_copies_what_the_edit_left(
        open_window, tmp_path: Path, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    path = write_file(N, tmp_path / "big.json")
    window = open_window(path)
    qtbot.waitUntil(lambda: len(window.session.document.events) == N, timeout=20_000)
    session = window.session
    session.select(session.document.events[N // 2].id)
    action(window, "actionNudgeLater").trigger()
    action(window, "actionSave").trigger()
    wait_saved(window)
    assert not window.isWindowModified()
    session.select(session.document.events[10].id)
    action(window, "actionNudgeLater").trigger()
    action(window, "actionSave").trigger()
    wait_saved(window)
    memo = window.files.saver.memo
    assert memo.runs >= 2 and memo.copied >= memo.runs - 2  # but the nudged events' runs
    assert path.read_bytes() == encode_document(session.document, "x")
    window.files.open_path(write_file(10, tmp_path / "small.json"))
    qtbot.waitUntil(lambda: len(session.document.events) == 10, timeout=20_000)
    # another document: the last one's runs are let go (and the new one's worked out)
    qtbot.waitUntil(lambda: not window.files.saver.priming.running, timeout=20_000)
    assert memo.runs == 1


def test_an_id_repeated_far_apart_is_seen(base: Document) -> None:
    """The writer gathers ids a slice at a time: a repeat across slices still counts."""
    from timeline_app.core.fileformat.writer import encode

    doc = copy_of(base)
    doc.events += [replace(ev, id=f"more-{i}") for i, ev in enumerate(base.events[:4000])]
    assert encode(doc).plain
    doc.events[-1] = replace(doc.events[-1], id=doc.events[0].id)  # 9,999 apart
    assert not encode(doc).plain
