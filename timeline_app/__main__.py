"""Allow ``python -m timeline_app``."""

from timeline_app.cli import main

raise SystemExit(main())
