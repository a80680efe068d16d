"""Dialogs: the event editor, Go to Date, the problems list."""
