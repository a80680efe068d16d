"""The loader never raises: whatever the bytes, it gives a document or problems."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from loader_helpers import mutated_documents

from timeline_app.core.fileformat.loader import load_bytes


@settings(max_examples=300, deadline=None)
@given(mutated_documents())
def test_mutated_documents_never_raise(data: bytes) -> None:
    result = load_bytes(data, "t.json")
    assert (result.document is None) == bool(result.problems)
    for problem in result.problems:
        assert "internal error" not in problem.message, problem
        str(problem).encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(alphabet='{}[]":,0123456789.eE-+ \n\\ntrufalsNIy',
                                         max_size=60).map(str.encode))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    result = load_bytes(data, "t.json")
    assert (result.document is None) == bool(result.problems)
    for problem in result.problems:
        assert "internal error" not in problem.message, problem
