"""An HTML page reduced to the text a reader sees, with nothing run and nothing fetched.

Python's ``html.parser`` only tokenises: it never resolves an address, loads an image or
a style sheet, or runs a script.  Paragraphs and other blocks become blank lines, ``<br>``
a line break, runs of white space one space (except inside ``<pre>``); entities are
decoded; ``<script>``, ``<style>``, ``<template>``, ``<noscript>`` and the like are
dropped with their content, as is ``<head>`` (``title_of`` offers its ``<title>`` as
the headline, for the analyst to check).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text", "title_of"]

# Their content is never text a reader sees.
_DROPPED = frozenset({
    "script", "style", "template", "noscript", "head", "svg", "math", "iframe", "object",
    "embed", "canvas", "select", "button", "nav",
})
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr",
    "pre", "figure", "figcaption", "hr", "address", "form", "fieldset", "details",
    "summary", "body", "html",
})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col",
                   "source", "track", "wbr", "param", "embed"})
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # HTML white space (not U+00A0: it is meant)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropped = 0  # depth inside dropped elements
        self.pre = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _DROPPED:
            if tag not in _VOID:
                self.dropped += 1
            return
        if self.dropped:
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            if tag == "pre":
                self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            return  # <svg/>: nothing inside it
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _DROPPED:
            if tag not in _VOID:
                self.dropped = max(0, self.dropped - 1)
            return
        if self.dropped:
            return
        if tag in _BLOCKS:
            self.parts.append("\n\n")
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.dropped:
            return
        if self.pre:
            self.parts.append(data.replace("\r\n", "\n").replace("\r", "\n")
                              .replace("\n", "\x00"))  # kept through the clean-up
        else:
            self.parts.append(_SPACES.sub(" ", data))


def _tidy(parts: list[str]) -> str:
    text = "".join(parts)
    lines = [line.strip(" ") for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text.replace("\x00", "\n")


def html_to_text(page: str) -> str:
    """The readable text of ``page``: blocks separated by blank lines."""
    parser = _TextParser()
    parser.feed(page.replace("\x00", "\ufffd"))
    parser.close()
    return _tidy(parser.parts)


def title_of(page: str) -> str:
    """The page's ``<title>``, on one line; empty when it has none."""
    parser = _TextParser()
    parser.feed(page.replace("\x00", "\ufffd"))
    parser.close()
    return _SPACES.sub(" ", "".join(parser.title)).strip()
