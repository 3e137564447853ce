"""Re-exports :mod:`boligdesk.remembered_key` (moved out of ``boligdesk.models`` so start-up can ask the
keyring without importing SQLAlchemy and the models; decisions §36)."""

from boligdesk.remembered_key import (
    SERVICE,
    delete_key,
    forget_key,
    keyring_status,
    load_key,
    recall_key,
    remember_key,
    store_key,
)

__all__ = [
    "SERVICE",
    "delete_key",
    "forget_key",
    "keyring_status",
    "load_key",
    "recall_key",
    "remember_key",
    "store_key",
]
