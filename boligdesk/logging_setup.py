"""Logging: to a rotating file in the profile's ``logs`` folder. Never personal data in messages.

Log lines carry ids, codes and exception types; the excepthook logs tracebacks, whose frames hold code,
not values. Messages from our code must not include names, addresses, amounts or free text.
"""

from __future__ import annotations

from pathlib import Path

LOG_NAME = "boligdesk.log"


def setup_logging(log_dir: Path) -> Path:
    import logging.handlers  # here, not at load time: the locked window paints before it (issue 15)

    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_NAME
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for old in list(root.handlers):
        if isinstance(old, logging.handlers.RotatingFileHandler):
            root.removeHandler(old)
    root.addHandler(handler)
    return path
