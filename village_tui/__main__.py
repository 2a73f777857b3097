"""Allow ``python -m village_tui``."""

from village_tui.cli import main

raise SystemExit(main())
