"""The raw-byte pre-pass that proves the absence of repeated keys by counting quotes."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.fileformat.byte_scan import count_bytes, count_sliced

# Bytes made of the characters that matter, so that runs of backslashes before quotes
# and "\u" occur often, and slices of 1 to 9 bytes cut through every such run.
_TRICKY = st.binary(max_size=80).map(lambda b: bytes(b'\\"uab'[x % 5] for x in b))


def _expected(data: bytes) -> tuple[int, int, bool, bool]:
    odd_runs = sum(len(m[1]) % 2 for m in re.finditer(rb'(\\+)"', data))
    return data.count(b'"'), odd_runs, b"\\" in data, b"\\u" in data


@settings(max_examples=500)
@given(_TRICKY, st.integers(1, 9))
def test_counts_match_a_direct_count_whatever_the_slices(data: bytes, slice_size: int) -> None:
    counts = count_bytes(data, slice_size)
    found = (counts.quotes, counts.escaped_quotes, counts.has_backslash,
             counts.has_unicode_escape)
    assert found == _expected(data)
    assert counts.delimiters == counts.quotes - counts.escaped_quotes


def test_delimiters_of_json_are_twice_its_strings() -> None:
    data = rb'{"a": "x\"y", "b": ["\\", "c:\\dir\\\"q"], "u": "\u00e9"}'
    counts = count_bytes(data)
    assert counts.delimiters == 2 * 7
    assert counts.has_unicode_escape


def test_plain_text_has_no_escapes() -> None:
    counts = count_bytes(b'{"a": "b"}')
    assert counts == type(counts)(4, 0, False, False)


@given(_TRICKY, st.sampled_from([b'"', b'\\"', b'\\\\"']), st.integers(1, 9))
def test_sliced_count_equals_bytes_count(data: bytes, sub: bytes, slice_size: int) -> None:
    """Counting in slices (so that the interpreter lock is given up) misses nothing."""
    assert count_sliced(data, sub, slice_size) == data.count(sub)
