"""Write the malformed timeline files of this folder and ``expected.json``.

Run ``python tests/data/bad/make_bad.py`` after changing a case; the files it writes
are committed, so the tests never depend on this script.  Each case is a small edit of
one valid document (``bad_cases_common.py``); the cases are in ``bad_cases_text.py``,
``bad_cases_fields.py`` and ``bad_cases_values.py``.  Expected lines and columns are not
taken from the loader: they are the position of a marker string in the text written, so
the test checks the loader against an independent answer.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

from bad_cases_common import CASES, HERE, position

# Each module records its cases in CASES as it is imported, so this order is the order
# of the files in expected.json.
CASE_MODULES = ("bad_cases_text", "bad_cases_fields", "bad_cases_values")


def main() -> None:
    for module in CASE_MODULES:
        importlib.import_module(module)
    expected: dict[str, list[dict[str, Any]]] = {}
    for name, (content, problems) in CASES.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (HERE / name).write_bytes(data)
        text = content if isinstance(content, str) else ""
        entries = []
        for fragment, where, path in problems:
            line, column = position(text, where)
            entries.append({"fragment": fragment, "line": line, "column": column, "path": path})
        expected[name] = entries
    with open(HERE / "expected.json", "w", encoding="utf-8", newline="\n") as handle:
        json.dump(expected, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


if __name__ == "__main__":
    main()
