"""Simulated laptops sharing one team folder — for the sync tests and the sync benchmark.

Each laptop is a real encrypted profile with its own device id. To keep tests fast, profiles are
cloned from one freshly created template (the same database key, re-wrapped under a new device id);
that shortcut is for simulation only and never used by the application. ``LaptopLab(independent=True)``
creates every laptop on its own instead (its own ``create_profile``, its own key, then its own join),
as real laptops are.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import delete, select

from boligdesk.models import DeviceInfo
from boligdesk.models.keys import KdfParams, wrap_key, write_key_file
from boligdesk.models.store import Profile, Store, create_profile, open_store, unlock_key
from boligdesk.sync.compaction import COMPACT_EVERY
from boligdesk.sync.connection import TeamConnection, connect
from boligdesk.sync.engine import ProgressFn, StepFn, SyncSummary, synchronise
from boligdesk.sync.serialize import codecs

PASSPHRASE = "Simuleret kodeord 2026"
TEAM_PASSPHRASE = "Teamets kodeord til test"


Template = tuple[Profile, bytes]
Snapshot = dict[str, list[tuple[tuple[str, object], ...]]]


def snapshot(store: Store) -> Snapshot:
    """Every synced row with every column, in a laptop-independent order (to compare laptops)."""
    result: Snapshot = {}
    with store.session() as s:
        for name, codec in codecs().items():
            rows = s.execute(select(codec.table)).mappings()
            result[name] = sorted(tuple(sorted(codec.encode(r).items())) for r in rows)
    return result


def make_template(folder: Path) -> Template:
    """An empty, migrated profile to clone laptops from, and its database key."""
    template = Profile(folder)
    create_profile(template, PASSPHRASE, kdf=KdfParams.fast_for_tests()).close()
    return template, unlock_key(template, PASSPHRASE)


class LaptopLab:
    """A shared folder and any number of laptops that sync through it."""

    def __init__(self, root: Path, template: Template | None = None, *, independent: bool = False) -> None:
        self.root = root
        self.independent = independent
        self.share = root / "fællesdrev"
        self.share.mkdir(parents=True, exist_ok=True)
        self._template = template
        self.laptops: list[Store] = []
        self.connections: dict[str, TeamConnection] = {}

    def _template_profile(self) -> Template:
        if self._template is None:
            self._template = make_template(self.root / "skabelon")
        return self._template

    def new_profile(self, name: str) -> Store:
        """A new encrypted profile with its own device id (not joined to the team)."""
        if self.independent:
            return create_profile(Profile(self.root / name), PASSPHRASE, kdf=KdfParams.fast_for_tests())
        template, key = self._template_profile()
        profile = Profile(self.root / name)
        profile.folder.mkdir(parents=True)
        shutil.copy2(template.db_path, profile.db_path)
        device = secrets.token_hex(8)
        write_key_file(profile.key_path, wrap_key(key, PASSPHRASE, device, KdfParams.fast_for_tests()))
        store = open_store(profile, key=key)
        with store.session() as s:
            s.execute(delete(DeviceInfo).where(DeviceInfo.device_id != device))
        return store

    def laptop(self, name: str) -> Store:
        """A new laptop that has joined the team (the first one creates it)."""
        store = self.new_profile(name)
        self.join(store)
        self.laptops.append(store)
        return store

    def join(self, store: Store, passphrase: str = TEAM_PASSPHRASE) -> TeamConnection:
        connection = connect(store, self.share, passphrase, remember=False)
        self.connections[store.device_id] = connection
        return connection

    def sync(
        self,
        store: Store,
        *,
        progress: ProgressFn | None = None,
        cancel: Callable[[], bool] | None = None,
        step: StepFn | None = None,
        accept_deletions: int = 0,
        accept_loss: frozenset[str] = frozenset(),
        retired: frozenset[str] = frozenset(),
        compact_every: int | None = COMPACT_EVERY,
    ) -> SyncSummary:
        connection = self.connections[store.device_id]
        return synchronise(
            store,
            connection.team,
            connection.team_key,
            progress=progress,
            cancel=cancel,
            step=step,
            accept_deletions=accept_deletions,
            accept_loss=accept_loss,
            adviser="Simuleret rådgiver",
            retired=retired,
            compact_every=compact_every,
        )

    def sync_all(self, rounds: int = 2) -> list[SyncSummary]:
        return [self.sync(store) for _ in range(rounds) for store in self.laptops]

    def close(self) -> None:
        for store in self.laptops:
            store.close()
        self.laptops.clear()
