"""The Qt layer: thin widgets over the pure-Python core."""
