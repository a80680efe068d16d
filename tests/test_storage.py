"""Saving is atomic: an interrupted or killed save leaves the old file or the new one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.fileformat import storage
from timeline_app.core.fileformat.loader import load_path
from timeline_app.core.fileformat.storage import SaveError, backup_path, save_document
from timeline_app.core.fileformat.writer import dumps
from timeline_app.core.model import Document, Event


def make_doc(title: str, n: int = 3) -> Document:
    events = [Event(f"ev-{i}", f"{title} {i}", parse_iso("2020-01-02")) for i in range(n)]
    return Document(title=title, events=events)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "timeline.json"
    save_document(make_doc("old"), path)
    return path


def test_save_writes_canonical_text_and_keeps_a_backup(saved: Path) -> None:
    old_bytes = saved.read_bytes()
    save_document(make_doc("new"), saved)
    assert saved.read_text(encoding="utf-8") == dumps(make_doc("new"))
    assert backup_path(saved).read_bytes() == old_bytes
    assert sorted(p.name for p in saved.parent.iterdir()) == ["timeline.json", "timeline.json.bak"]


def test_save_keeps_the_file_mode(saved: Path) -> None:
    os.chmod(saved, 0o640)
    save_document(make_doc("new"), saved)
    assert saved.stat().st_mode & 0o777 == 0o640


def test_save_writes_through_a_symlink(tmp_path: Path, saved: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(saved)
    save_document(make_doc("via link"), link)
    assert link.is_symlink()
    assert "via link" in saved.read_text(encoding="utf-8")


def test_invalid_document_is_never_written(saved: Path) -> None:
    before = saved.read_bytes()
    bad = make_doc("bad")
    bad.events.append(Event("ev-0", "duplicate id", parse_iso("2020-01-01")))
    with pytest.raises(SaveError) as info:
        save_document(bad, saved)
    assert any("ev-0" in str(p) for p in info.value.problems)
    assert saved.read_bytes() == before


def test_lone_surrogate_is_refused_not_written(saved: Path) -> None:
    before = saved.read_bytes()
    bad = make_doc("bad \ud800 title")
    with pytest.raises(SaveError, match="invalid character"):
        save_document(bad, saved)
    assert saved.read_bytes() == before


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_document_refused_once_written_leaves_no_temporary(saved: Path) -> None:
    """The temporary is written while the document is encoded, before the check: a
    refused document must take it away again, whatever the check's route."""
    before = saved.read_bytes()
    bad = make_doc("bad", 2500)  # several pieces
    bad.events.append(Event("ev-0", "duplicate id", parse_iso("2020-01-01")))
    undecided = make_doc("undecided", 2500)  # loaded back from the temporary
    undecided.events[5].extra = {"title": "named like a known field"}
    undecided.events[7].title = None  # type: ignore[assignment]
    for doc in (bad, undecided, make_doc("lone \ud800", 2500)):
        with pytest.raises(SaveError):
            save_document(doc, saved)
        assert saved.read_bytes() == before
        assert temporaries(saved.parent) == []


def test_a_document_loaded_back_is_read_from_what_was_written(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bytes] = []
    real = storage.load_bytes
    monkeypatch.setattr(storage, "load_bytes",
                        lambda data, name: seen.append(data) or real(data, name))
    doc = make_doc("undecided", 2500)
    doc.events[5].extra = {"title": "named like a known field"}
    save_document(doc, saved)
    assert seen == [saved.read_bytes()]
    assert saved.read_text(encoding="utf-8") == dumps(doc)


def _failing_file(written: float) -> type:
    """A stand-in for ``os.fdopen`` whose file writes that share of each write's bytes,
    then fails as a full disk does."""
    real_fdopen = os.fdopen

    class FailingFile:
        def __init__(self, *args: object, **kwargs: object) -> None:
            self._f = real_fdopen(*args, **kwargs)  # type: ignore[call-overload]

        def __enter__(self) -> FailingFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self._f.close()

        def write(self, data: bytes) -> int:
            self._f.write(data[: int(len(data) * written)])
            raise OSError(28, "No space left on device")

    return FailingFile


def test_a_write_failing_while_the_rest_is_encoded_stops_the_save(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()
    encoded: list[int] = []
    real_encode = storage.encode

    def slow_sink_encode(doc: Document, sink: object, log: object = None) -> object:
        def pace(chunk: bytes) -> None:
            encoded.append(len(chunk))
            time.sleep(0.02)  # the writer thread meets the full disk meanwhile
            sink(chunk)  # type: ignore[operator]

        return real_encode(doc, pace, log)  # type: ignore[arg-type]

    monkeypatch.setattr(storage.os, "fdopen", _failing_file(written=0))
    monkeypatch.setattr(storage, "encode", slow_sink_encode)
    with pytest.raises(SaveError, match="No space left"):
        save_document(make_doc("new", 10_000), saved)
    assert len(encoded) < 10  # the encoding stopped at the error, not at the end
    assert saved.read_bytes() == before
    assert temporaries(saved.parent) == []


@pytest.mark.parametrize(
    "step",
    ["write", "fsync", "copymode", "keep_backup", "replace"],
)
def test_save_interrupted_at_each_step_leaves_the_original(
    saved: Path, step: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if step == "write":
        monkeypatch.setattr(storage.os, "fdopen", _failing_file(written=0.5))
    elif step == "fsync":
        monkeypatch.setattr(storage.os, "fsync", boom)
    elif step == "copymode":
        monkeypatch.setattr(storage.shutil, "copymode", boom)
    elif step == "keep_backup":
        monkeypatch.setattr(storage, "_keep_backup", boom)
    elif step == "replace":
        monkeypatch.setattr(storage.os, "replace", boom)

    with pytest.raises(SaveError, match="No space left"):
        save_document(make_doc("new"), saved)
    assert saved.read_bytes() == before
    assert load_path(saved).document == make_doc("old")
    leftovers = [p.name for p in saved.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


SAVE_LOOP = r"""
import sys
from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.model import Document, Event
from timeline_app.core.fileformat.storage import save_document
path = sys.argv[1]
docs = [Document(title=t, events=[Event(f"ev-{i}", t * 20, parse_iso("2020-01-02"),
        description=t * 200) for i in range(3000)]) for t in ("A", "B")]
print("ready", flush=True)
i = 0
while True:
    save_document(docs[i % 2], path)
    i += 1
"""


@pytest.mark.slow
def test_save_killed_with_sigkill_leaves_old_or_new_never_partial(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    path = tmp_path / "big.json"
    save_document(Document(title="A"), path)
    for delay in (0.05, 0.13, 0.29, 0.41, 0.6):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVE_LOOP, str(path)],
            stdout=subprocess.PIPE, env=cli_env, text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        result = load_path(path)
        assert result.problems == [], result.problems
        assert result.document is not None
        assert result.document.title in ("A", "B")
        assert len(result.document.events) in (0, 3000)


def test_save_onto_a_fifo_is_refused_and_the_fifo_stays(tmp_path: Path) -> None:
    import stat

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(SaveError, match=r"pipe\.json: not saved: it is a FIFO"):
        save_document(make_doc("new"), fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.json"]


def test_save_onto_a_symlink_loop_is_refused_and_the_links_stay(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(SaveError, match=r"a\.json: not saved: .*symbolic links"):
        save_document(make_doc("new"), a)
    assert a.is_symlink() and os.readlink(a) == str(b)
    assert b.is_symlink() and os.readlink(b) == str(a)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json"]


def test_save_returns_the_fingerprint_of_what_it_wrote(saved: Path) -> None:
    from timeline_app.core.fileformat.fingerprint import changed_on_disk, read_fingerprint

    written = save_document(make_doc("new"), saved)
    assert written == read_fingerprint(saved)
    assert changed_on_disk(saved, written) is None
    os.utime(saved, ns=(1, 1))  # touched, same bytes: nothing to lose by writing it
    assert changed_on_disk(saved, written) is None
    saved.write_text(saved.read_text(encoding="utf-8").replace("new 1", "NEW 1"), "utf-8")
    outside = changed_on_disk(saved, written)
    assert outside is not None and outside.size == written.size
    assert outside.digest != written.digest


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temporaries_of_ended_processes_are_removed_by_the_next_save(
    saved: Path,
) -> None:
    host = storage._HOST
    dead = _dead_pid()
    stale = [f".timeline.json.{dead}@{host}.k3x_9abz.tmp", f".timeline.json.bak.{dead}@{host}.tmp",
             f".timeline.json.{dead}@{host}.old", f".timeline.json.bak.{dead}@{host}.old"]
    live = [f".timeline.json.{os.getppid()}@{host}.abcdefgh.tmp",  # a live process's
            f".timeline.json.{dead}@another-host.abcdefgh.tmp",  # cannot tell: kept
            f".other.json.{dead}@{host}.abcdefgh.tmp",  # another file's
            f".timeline.json.{dead}@{host}.notours.tmp", ".timeline.json.k3x_9abz.tmp"]
    for name in stale + live:
        (saved.parent / name).write_bytes(b"partial")
    save_document(make_doc("new"), saved)
    assert sorted(p.name for p in saved.parent.iterdir()) == sorted(
        ["timeline.json", "timeline.json.bak", *live])


@pytest.mark.parametrize("keep_backup", [True, False])
def test_the_file_a_save_frees_is_removed_after_it_even_a_big_one(
    saved: Path, keep_backup: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old backup (or, without one, the old file) is set aside under a hidden name
    and removed once the file is in place; a big one on a thread of its own."""
    removed: list[str] = []
    real = storage._unlink_quietly

    def unlink(path: Path) -> None:
        removed.append(path.name)
        real(path)

    monkeypatch.setattr(storage, "_unlink_quietly", unlink)
    save_document(make_doc("second"), saved, keep_backup=keep_backup)
    before = backup_path(saved).read_bytes() if keep_backup else None
    monkeypatch.setattr(storage, "_REMOVE_LATER_BYTES", 1)  # every file counts as big
    save_document(make_doc("third"), saved, keep_backup=keep_backup)
    deadline = time.monotonic() + 10
    while sorted(p.name for p in saved.parent.iterdir()) != (
            ["timeline.json", "timeline.json.bak"] if keep_backup else ["timeline.json"]):
        assert time.monotonic() < deadline, sorted(p.name for p in saved.parent.iterdir())
        time.sleep(0.01)
    assert removed[-1] == (f".timeline.json.bak.{storage._owner()}.old" if keep_backup
                           else f".timeline.json.{storage._owner()}.old")
    assert saved.read_text(encoding="utf-8") == dumps(make_doc("third"))
    if keep_backup:
        assert before != backup_path(saved).read_bytes()
        assert backup_path(saved).read_text(encoding="utf-8") == dumps(make_doc("second"))


KILLED_SAVE = r"""
import sys
from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.model import Document, Event
from timeline_app.core.fileformat.storage import save_document
doc = Document(title="killed", events=[Event(f"ev-{i}", "T" * 20, parse_iso("2020-01-02"),
               description="D" * 2000) for i in range(4000)])
print("ready", flush=True)
while True:
    save_document(doc, sys.argv[1])
"""


@pytest.mark.slow
def test_a_save_after_a_killed_save_removes_its_temporaries(
    saved: Path, cli_env: dict[str, str]
) -> None:
    def temporaries() -> list[str]:
        return sorted(p.name for p in saved.parent.iterdir() if p.name.endswith(".tmp"))

    for _attempt in range(20):
        proc = subprocess.Popen([sys.executable, "-c", KILLED_SAVE, str(saved)],
                                stdout=subprocess.PIPE, env=cli_env, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 20
        while not temporaries() and time.monotonic() < deadline:
            pass
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        if temporaries():
            break
    left = temporaries()
    assert left and all(f".{proc.pid}@" in name for name in left)
    save_document(make_doc("after"), saved)
    assert temporaries() == []
    assert load_path(saved).document == make_doc("after")
