"""Conflict Timeline: events from news reports on a zoomable timeline, linked to their sources."""

__version__ = "0.1.0"
APP_NAME = "Conflict Timeline"
