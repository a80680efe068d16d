"""Bringing an article in as a source, and keeping citations true when its text changes.

``html_text``: an HTML page reduced to its readable text, safely; ``text_files``: the
bytes of a ``.txt`` or ``.html`` file decoded and converted; ``reanchor``: citations
moved with their quote when a source's text is edited.  Pure Python: no widget, no network.
"""
