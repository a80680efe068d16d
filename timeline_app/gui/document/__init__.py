"""The open document in Qt: the session, its undo commands, background loading."""
