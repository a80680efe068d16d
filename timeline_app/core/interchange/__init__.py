"""Other tools' formats in and out: ACLED CSV, TimelineJS JSON and our own CSV table.

Each module converts between one format and the model (``core.model``); ``formats``
tells the formats apart and is what the command line and the window call.  Nothing is
lost silently: an import keeps what has no field of ours in the objects' ``extra``
(saved with the file, see docs/format.md "Unknown fields"), reports bad rows by line,
and an export says which fields the format cannot carry.
"""
