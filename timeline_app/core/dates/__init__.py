"""Dates as reports give them: partial dates with their precision, and dates found in text."""
