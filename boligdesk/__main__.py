"""``python -m boligdesk`` runs the command line (which starts the app by default)."""

from boligdesk.cli import main

raise SystemExit(main())
