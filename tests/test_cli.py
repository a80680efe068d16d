"""The command line as scripts and other tools use it."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app import __version__
from timeline_app.cli import main
from timeline_app.core.fileformat.loader import load_path


def test_check_default_timeline(default_timeline: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check", str(default_timeline)]) == 0
    out = capsys.readouterr().out.strip()
    assert out == f"{default_timeline}: OK, 5 events, 1 source, 2019-04-04 to 2020-12-19"


def test_check_many_files_reports_each(
    default_timeline: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "conflict-timeline", "version": 1, "events": [,]}')
    assert main(["--check", str(default_timeline), str(bad)]) == 1
    out = capsys.readouterr().out
    assert ": OK, 5 events" in out
    assert f"{bad}:1:" in out


def test_export_json_round_trips_byte_for_byte(default_timeline: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.json"
    assert main(["--export-filename", str(out), str(default_timeline)]) == 0
    assert out.read_bytes() == default_timeline.read_bytes()
    assert load_path(out).document == load_path(default_timeline).document


def test_export_refuses_unknown_type(default_timeline: Path, tmp_path: Path) -> None:
    assert main(["--export-filename", str(tmp_path / "x.docx"), str(default_timeline)]) == 2


@pytest.mark.parametrize(
    "argv",
    [["--check"], ["--export-filename", "x.json"], ["--bogus"], ["--check", "--export-filename",
                                                                 "x.json", "y.json"]],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_version_in_a_subprocess(cli_env: dict[str, str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--version"],
        capture_output=True, text=True, env=cli_env, timeout=60,
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"Conflict Timeline {__version__}"


def test_check_missing_file_is_a_problem_not_a_traceback(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    missing = tmp_path / "nope.json"
    proc = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--check", str(missing)],
        capture_output=True, text=True, env=cli_env, timeout=60,
    )
    assert proc.returncode == 1
    assert str(missing) in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_default_timeline_is_canonical(default_timeline: Path) -> None:
    """events.json is written in the canonical form, so the app's save gives no diff."""
    from timeline_app.core.fileformat.writer import dumps

    doc = load_path(default_timeline).document
    assert doc is not None
    assert dumps(doc) == default_timeline.read_text(encoding="utf-8")
    json.loads(default_timeline.read_text(encoding="utf-8"))


def test_export_png_from_the_command_line(
    default_timeline: Path, tmp_path: Path, cli_env: dict[str, str], qapp: object
) -> None:
    out = tmp_path / "timeline.png"
    proc = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--export-filename", str(out),
         "--export-width", "1200", "--export-height", "700", str(default_timeline)],
        capture_output=True, text=True, env=cli_env, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 700)
    colors = {image.pixel(x, y) for x in range(0, 1200, 5) for y in range(0, 700, 5)}
    assert len(colors) > 50
    # the LNA lane's offensive bar is drawn in the actor's red
    reds = [(x, y) for x in range(170, 1200, 3) for y in range(40, 300, 3)
            if (c := image.pixelColor(x, y)).red() > 170 and c.green() < 110 and c.blue() < 110]
    assert len(reds) > 100


def test_check_survives_a_closed_pipe(default_timeline: Path, cli_env: dict[str, str]) -> None:
    bad = [str(p) for p in sorted((default_timeline.parent / "tests" / "data" / "bad").glob(
        "*.json"))]
    proc = subprocess.run(
        shlex.join([sys.executable, "-m", "timeline_app", "--check", *bad]) + " | head -1",
        shell=True, capture_output=True, text=True, env=cli_env, timeout=120,
    )
    assert "Traceback" not in proc.stderr
    assert proc.stdout.count("\n") == 1


def _check(files: list[Path], cli_env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """``--check`` as a terminal would receive it: the raw bytes."""
    return subprocess.run([sys.executable, "-m", "timeline_app", "--check", *map(str, files)],
                          capture_output=True, env=cli_env, timeout=60)


def test_check_escapes_control_characters_in_keys_values_and_file_names(
    default_timeline: Path, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """An ESC sequence in a key, a value or a file name never reaches the terminal, and
    a newline in a key does not split one problem into two lines."""
    key = "k\x1b]0;owned\x07\nother.json:1:1: $: fake \u202e"
    text = default_timeline.read_text(encoding="utf-8")
    quoted = json.dumps(key)
    text = text.replace('"id": "offensive-on-tripoli"',
                        f'{quoted}: 1, {quoted}: 2, "id": "offensive-on-tripoli"', 1)
    text = text.replace('"start": "2019-04-04"', '"start": "2019-04-04\\u001b[2J"', 1)
    bad = tmp_path / "bad\x1b[31m\nname.json"
    bad.write_text(text, encoding="utf-8")
    good = tmp_path / "good\x1b[2J\u202e.json"
    good.write_bytes(default_timeline.read_bytes())
    proc = _check([bad, good], cli_env)
    assert proc.returncode == 1
    out = proc.stdout.decode("utf-8")
    assert not set(out) & {"\x1b", "\x07", "\r", "\u202e"}, out
    lines = out.splitlines()
    assert len(lines) == 3, out  # two problems and the valid file: one line each
    name = str(tmp_path / "bad\\u001b[31m\\nname.json")
    duplicate, date = sorted(lines[:2], key=lambda line: "appears more than once" not in line)
    assert duplicate.startswith(f"{name}:")
    assert '["k\\u001b]0;owned\\u0007\\nother.json:1:1: $: fake \\u202e"]' in duplicate
    assert "\\u001b[2J" in date and date.startswith(f"{name}:")
    assert lines[2].startswith(str(tmp_path / "good\\u001b[2J\\u202e.json") + ": OK, 5 events")
    assert proc.stderr == b""


@pytest.mark.parametrize("size", [
    ["--export-width", "3000000000"],
    ["--export-height", "3000000000"],
    ["--export-width", "30000", "--export-height", "30000"],
])
def test_export_too_large_to_draw_is_one_line_and_status_1(
    size: list[str], default_timeline: Path, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    out = tmp_path / "huge.png"
    proc = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--export-filename", str(out), *size,
         str(default_timeline)],
        capture_output=True, text=True, env=cli_env, timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith(f"{out}: not written: an image ")
    assert "too large to draw" in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize(("scale", "said"), [
    ("1e300", r"an image 1\.6e\+303 pixels wide is too large to draw"),
    ("1e-7", r"an image 0\.00016 pixels wide cannot be drawn: give a larger scale"),
    ("0.001", r"an image of 2 × 0\.\d+ pixels cannot be drawn: give a larger scale"),
])
def test_a_scale_typed_by_mistake_is_said_in_a_short_line(
    scale: str, said: str, default_timeline: Path, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """A scale so large that the width ran to 304 digits in the message, or so small
    that a blank 1 x 1 image was written with status 0: one short line, status 1."""
    out = tmp_path / "odd.png"
    proc = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--export-filename", str(out),
         "--export-scale", scale, str(default_timeline)],
        capture_output=True, text=True, env=cli_env, timeout=120,
    )
    assert (proc.returncode, proc.stdout) == (1, "")
    assert re.match(f"{re.escape(str(out))}: not written: {said}", proc.stderr), proc.stderr
    assert len(proc.stderr) < 200 and not out.exists()


@pytest.mark.parametrize("scale", [1e9, 0.0, float("nan"), float("inf")])
def test_a_scale_too_large_or_meaningless_is_an_export_error(
    scale: float, default_timeline: Path, qapp: object
) -> None:
    """File > Export Image… draws at a scale: the same check as the command line's size."""
    from timeline_app.gui.timeline.export import ExportError, render_image

    document = load_path(default_timeline).document
    assert document is not None
    with pytest.raises(ExportError, match=r"cannot be drawn|too large to draw"):
        render_image(document, 1600, 900, scale_factor=scale)


def test_check_finds_a_lone_surrogate_after_an_escaped_backslash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """"\\\\ud83d\\ude00" is a backslash, the letters ud83d and a lone \\ude00: once taken for
    a pair, so that the file passed --check and then could never be saved."""
    data = json.loads((Path(__file__).parent / "data" / "good" / "minimal.json").read_text())
    data["events"][0]["x_note"] = "placeholder"
    path = tmp_path / "t.json"
    text = json.dumps(data, indent=2).replace("placeholder", "\\\\ud83d\\ude00")
    assert '"x_note": "\\\\ud83d\\ude00"' in text
    path.write_text(text, encoding="utf-8")
    assert main(["--check", str(path)]) == 1
    out = capsys.readouterr().out
    line = text.splitlines().index('      "x_note": "\\\\ud83d\\ude00"') + 1
    assert f"{path}:{line}:17: $.events[0].x_note: this text contains an unpaired surrogate" in out
