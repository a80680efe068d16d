"""The view maths: time scale, ticks, lanes, event and citation indexes, frame layout."""
