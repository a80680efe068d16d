"""Whether the window can have a display, decided before Qt is started.

Without one, Qt aborts the process with a message about the xcb platform plugin (for
example that libxcb-cursor0 is needed), which sends the user looking for a missing
library.  The environment tells the real reason first.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

__all__ = ["missing_display_message"]

# Platform plugins that draw without a display server.
_HEADLESS_PLATFORMS = {"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb",
                       "vkkhrdisplay"}


def missing_display_message(program: str, environ: Mapping[str, str] | None = None,
                            platform: str | None = None) -> str | None:
    """The message to print when the window cannot have a display, else None."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None  # Windows and macOS always have their own display
    names = [p.split(":", 1)[0].strip() for p in env.get("QT_QPA_PLATFORM", "").split(";")]
    names = [n for n in names if n]
    if any(n in _HEADLESS_PLATFORMS for n in names):
        return None
    x11 = bool(env.get("DISPLAY"))
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    if names:
        able = any((n == "xcb" and x11) or (n.startswith("wayland") and wayland)
                   or n not in ("xcb", "wayland", "wayland-egl", "wayland-brcm")
                   for n in names)
    else:
        able = x11 or wayland
    if able:
        return None
    return (f"{program}: the window needs a display, and there is none here (DISPLAY and "
            "WAYLAND_DISPLAY are not set).\n"
            f"Without a display, check files with:  {program} --check FILE...\n"
            f"or export the timeline as an image:  {program} FILE --export-filename OUT.png")
