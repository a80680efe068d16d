"""The pure-Python core: document model, dates, file format, time-scale and layout math.

Nothing under this package may import Qt (enforced by import-linter and tests/test_architecture.py),
so that it loads fast in the command line and is tested without a display.
"""
