"""Opening a profile: the way in for ``app.py``, the unlock dialogs and the commands.

The store, key file and keyring live in ``models/``; the UI and the command line reach them only through
this module (and, once a profile is open, through the :class:`~boligdesk.services.desk.Desk`).
"""

from __future__ import annotations

from boligdesk.models.keys import MIN_PASSPHRASE_LENGTH, KdfParams, validate_new_passphrase
from boligdesk.models.remember import forget_key, keyring_status, recall_key, remember_key
from boligdesk.models.store import Profile, Store, create_profile, default_profile, open_store, unlock_key

__all__ = [
    "MIN_PASSPHRASE_LENGTH",
    "KdfParams",
    "Profile",
    "Store",
    "create_profile",
    "default_profile",
    "forget_key",
    "keyring_status",
    "open_store",
    "recall_key",
    "remember_key",
    "unlock_key",
    "validate_new_passphrase",
]
