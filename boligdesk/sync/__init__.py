"""Sync with the team through a shared folder, without losing anything (DESIGN.md §3). No Qt here.

Entry points:

* :func:`boligdesk.sync.connection.connect` / :func:`~boligdesk.sync.connection.reconnect` — set a laptop
  up (create or join the team in a shared folder) and find the team key again;
* :func:`boligdesk.sync.engine.synchronise` — one sync (send this laptop's changes, apply the others');
* :mod:`boligdesk.sync.conflicts` — the "Konflikter" list and the adviser's choices;
* :func:`boligdesk.sync.status.sync_status_text` — one line for the status bar;
* :mod:`boligdesk.sync.acks` — "has every active laptop seen change X?" (retired laptops skipped);
* :mod:`boligdesk.sync.membership` — the team's laptops, retiring one;
* :mod:`boligdesk.sync.rekey` — rotating the team key (every share file sealed again).
"""

from boligdesk.sync.status import sync_status_text

__all__ = ["sync_status_text"]
