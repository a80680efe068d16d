"""The rules of edits that span the document: new ids, and what merging or deleting an
actor does to the events that name it."""
