"""``timeline-app --find-dates ARTICLE --published YYYY-MM-DD [--json]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.cli import main

ARTICLE = Path(__file__).parent / "data" / "sources" / "egyptwatch-2020-12-22.txt"


def test_json_lists_every_mention_with_its_reading(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--find-dates", str(ARTICLE), "--published", "2020-12-22", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    text = ARTICLE.read_text(encoding="utf-8")
    assert [text[m["start"]:m["end"]] for m in found] == [m["text"] for m in found]
    saturday = found[0]
    assert saturday == {
        "text": "on Saturday", "start": 152, "end": 163, "kind": "relative",
        "date": "2020-12-19", "precision": "day", "approximate": False, "ambiguous": False,
        "alternatives": [], "anchor": None,
        "explanation": "'on Saturday' → 2020-12-19: the Saturday before publication on "
                       "Tuesday 2020-12-22",
    }
    assert [m["date"] for m in found] == ["2020-12-19", "../2019-12-22~", "2019-04-04", None]


def test_plain_output_is_one_line_per_mention(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--find-dates", str(ARTICLE), "--published", "2020-12-22"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert lines[0].split("\t")[:6] == ["152-163", "on Saturday", "2020-12-19",
                                        "precision=day", "approximate=no", "ambiguous=no"]
    assert lines[3].split("\t")[2] == "unresolved"


def test_without_a_publication_date_relative_dates_are_refused(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--find-dates", str(ARTICLE), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [m["date"] for m in found] == [None, None, "2019-04-04", None]
    assert "publication date" in found[0]["explanation"]


@pytest.mark.parametrize("published", ["2020-12", "22/12/2020", "2020-12-22~"])
def test_the_publication_date_must_be_a_day(published: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--find-dates", str(ARTICLE), "--published", published]) == 2
    assert "--published" in capsys.readouterr().err


def test_a_missing_article_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--find-dates", str(tmp_path / "none.txt")]) == 1
    assert "cannot be read" in capsys.readouterr().err


def test_published_alone_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--published", "2020-12-22"])
    assert exit_info.value.code == 2
