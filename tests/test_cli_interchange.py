"""The command line converts between our timelines, ACLED CSV, TimelineJS and CSV."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from timeline_app.core.fileformat.loader import load_path

DATA = Path(__file__).resolve().parent / "data" / "interchange"
ROOT = Path(__file__).resolve().parent.parent


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline_app", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_acled_to_ours_to_timelinejs_and_csv(tmp_path: Path, cli_env: dict[str, str]) -> None:
    ours = tmp_path / "ukraine.json"
    proc = run(cli_env, "--export-filename", str(ours), str(DATA / "acled_current.csv"))
    assert proc.returncode == 0, proc.stderr
    loaded = load_path(ours)
    assert loaded.ok and len(loaded.document.events) == 4
    assert loaded.document.event("UKR12003").extra["acled"]["admin1"] == "Kyiv City"

    tl = tmp_path / "ukraine-tl.json"
    proc = run(cli_env, "--export-filename", str(tl), "--export-type", "timelinejs", str(ours))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(tl.read_text(encoding="utf-8"))["events"][0]["unique_id"] == "UKR12001"
    assert "timelinejs cannot carry events' tags" in proc.stderr

    table = tmp_path / "ukraine.csv"  # the type follows the extension
    proc = run(cli_env, "-o", str(table), "--csv-bom", str(ours))
    assert proc.returncode == 0, proc.stderr
    assert table.read_bytes().startswith(b"\xef\xbb\xbfid,title,start")

    back = tmp_path / "back.json"  # our CSV read back, its type from its header
    proc = run(cli_env, "-o", str(back), str(table))
    assert proc.returncode == 0, proc.stderr
    assert load_path(back).document.events == loaded.document.events


def test_bad_rows_refused_unless_partial(tmp_path: Path, cli_env: dict[str, str]) -> None:
    out = tmp_path / "out.json"
    bad = str(DATA / "acled_bad_rows.csv")
    proc = run(cli_env, "-o", str(out), bad)
    assert proc.returncode == 1
    assert f"{bad}:5: event_date" in proc.stdout
    assert "--import-partial" in proc.stderr
    assert not out.exists()
    proc = run(cli_env, "-o", str(out), "--import-partial", bad)
    assert proc.returncode == 0
    assert len(load_path(out).document.events) == 2


def test_import_type_for_an_extension_that_does_not_tell(
        tmp_path: Path, cli_env: dict[str, str]) -> None:
    odd = tmp_path / "export.dat"
    odd.write_bytes((DATA / "acled_old_cp1252.csv").read_bytes())
    out = tmp_path / "out.json"
    assert run(cli_env, "-o", str(out), str(odd)).returncode == 1  # read as ours: not JSON
    proc = run(cli_env, "-o", str(out), "--import-type", "acled", str(odd))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "café" in load_path(out).document.events[0].description


def test_check_an_importable_file(cli_env: dict[str, str]) -> None:
    proc = run(cli_env, "--check", str(DATA / "acled_current.csv"),
               str(DATA / "sudan_timelinejs.json"))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].endswith("acled_current.csv: OK, 4 events, 4 sources, 2024-02 to "
                             "2024-03-16~")
    assert "sudan_timelinejs.json:78:5: $.events[4]: a date needs a year" in lines[1]


def test_bad_export_type_is_a_usage_error_without_raw_escapes(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    proc = run(cli_env, "-o", str(tmp_path / "x.json"), "--export-type", "tsv\x1b[31m",
               str(ROOT / "events.json"))
    assert proc.returncode == 2  # a usage error, naming every type the option takes
    assert "\x1b" not in proc.stderr
    assert "invalid choice: 'tsv\\x1b[31m'" in proc.stderr
    assert "timelinejs" in proc.stderr and "csv" in proc.stderr
