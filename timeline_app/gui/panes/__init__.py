"""The panes beside the timeline: the event's details and the source text."""
