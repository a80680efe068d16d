"""The words of a sentence that carry a dated claim: what a proposal cites.

A long sentence of a report often holds more than one claim ("Cairo supports Haftar in
his attack, which he began more than a year ago on the capital, and which ended with his
defeat").  An analyst cites the clause that carries the dated one, not the whole
sentence; ``claim_span`` finds it around a date mention with a few plain rules:

- it starts after the last semicolon before the mention; failing one, at the last
  ", which/who" clause before it when that pronoun is the clause's subject and follows a
  clause of its own ("<eight words or more> of Accord, which announced earlier …" — not
  "…his attack, which he began …" nor "The army, which launched …, took", which need what
  they refer to); failing that, at the sentence start, without an introductory phrase
  ("With the support of Arab and European countries, …") that ends before the mention;
- it ends before the first semicolon after the mention, or the first ", and which",
  ", which", ", while", ", whereas" or ", but" after it; failing one, at the sentence end;
- a clause shorter than the sentence is cited without its closing punctuation; a short
  sentence, or one the rules do not cut, is cited whole.

The clause always holds the mention: the citation keeps the date's words.
"""

from __future__ import annotations

import re

__all__ = ["SHORT_SENTENCE", "claim_span"]

SHORT_SENTENCE = 80  # characters: a sentence this short is cited whole
_MAIN_CLAUSE_WORDS = 8  # words before ", which": fewer, and it is the subject it describes

_PRONOUNS = frozenset(("he", "she", "it", "they", "we", "i", "you", "the", "a", "an", "his",
                       "her", "its", "their", "this", "that", "these", "those", "our", "my"))
_RELATIVE = re.compile(r",\s+(?:which|who)\s+(?P<next>\w+)", re.IGNORECASE)
_INTRO = re.compile(
    r"(?:with|amid|amidst|despite|after|before|following|during|under|since|upon|unlike"
    r"|given|throughout)\b", re.IGNORECASE)
_END = re.compile(r",\s+(?:and\s+which|which|while|whereas|but)\b|;", re.IGNORECASE)
_TRAILING = ".,;:!? \t\n"


def _top_level(text: str, start: int, end: int) -> list[bool]:
    """For each position of ``text[start:end]``: whether it lies outside brackets."""
    depth, out = 0, []
    for ch in text[start:end]:
        if ch in "([":
            depth += 1
        out.append(depth == 0)
        if ch in ")]" and depth:
            depth -= 1
    return out


def claim_span(text: str, sentence: tuple[int, int], mention: tuple[int, int]
               ) -> tuple[int, int]:
    """The (start, end) code-point span of the clause of ``sentence`` that holds
    ``mention``; the sentence itself when it is short or the rules do not cut it."""
    s, e = sentence
    ms, me = mention
    if e - s <= SHORT_SENTENCE or not s <= ms < me <= e:
        return sentence
    top = _top_level(text, s, e)

    def outside(i: int) -> bool:
        return top[i - s]

    start = s
    semis = [i for i in range(s, ms) if text[i] == ";" and outside(i)]
    if semis:
        start = semis[-1] + 1
    else:
        subject = [m.start() for m in _RELATIVE.finditer(text, s, ms)
                   if outside(m.start()) and m["next"].lower() not in _PRONOUNS
                   and len(text[s:m.start()].split()) >= _MAIN_CLAUSE_WORDS]
        if subject:
            start = subject[-1] + 1
        elif _INTRO.match(text, s):
            comma = next((i for i in range(s, ms) if text[i] == "," and outside(i)), None)
            if comma is not None:
                start = comma + 1
    end = e
    for m in _END.finditer(text, me, e):
        if outside(m.start()):
            end = m.start()
            break
    while start < ms and text[start].isspace():
        start += 1
    if (start, end) == (s, e):
        return sentence
    while end > me and text[end - 1] in _TRAILING:
        end -= 1
    return start, end
