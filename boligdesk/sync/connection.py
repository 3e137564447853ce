"""Setting a laptop up for sync and finding the team key again (used by the dialog and the CLI).

* :func:`share_state` tells what a chosen folder holds: nothing yet (→ create a team) or a team
  (→ join it).
* :func:`connect` creates the team in an empty folder or joins the team found there, checks the team
  passphrase, remembers the folder and team id in ``sync.json`` and the key in the OS keyring (when
  there is a safe one). Moving to another team (a new team made after a laptop was lost) resets the
  local sync bookkeeping, so the first file to the new team holds everything this laptop has.
* :func:`reconnect` opens the remembered team with the key from the keyring, or asks for the team
  passphrase through a callback when no key is remembered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from sqlalchemy import delete

from boligdesk.errors import StoreError, UserInputError
from boligdesk.models import SyncAck, SyncPeer
from boligdesk.models.store import Store
from boligdesk.sync import team_keyring
from boligdesk.sync.settings import load_settings, update_settings
from boligdesk.sync.team import (
    TEAM_FILE,
    Team,
    create_team,
    open_team,
    team_file_changed,
    team_key_rotated,
    teams_in_share,
)


class ShareState(Enum):
    EMPTY = "empty"
    TEAM = "team"
    SEVERAL = "several"


@dataclass(frozen=True, slots=True)
class TeamConnection:
    team: Team
    team_key: bytes
    created: bool = False
    remembered: bool = False
    keyring_note: str = ""


def share_state(share: Path) -> ShareState:
    """What ``share`` holds (StoreError when it cannot be reached)."""
    found = teams_in_share(share)
    if not found:
        return ShareState.EMPTY
    return ShareState.TEAM if len(found) == 1 else ShareState.SEVERAL


def connect(
    store: Store,
    share: Path,
    passphrase: str,
    repeat: str | None = None,
    *,
    remember: bool = True,
) -> TeamConnection:
    """Create a team in ``share`` (no team there yet) or join the one found there."""
    share = share.expanduser()
    folder = store.profile.folder
    saved = load_settings(folder)
    created = False
    if share_state(share) is ShareState.EMPTY:
        team, key = create_team(share, passphrase, repeat)
        created = True
    else:
        if not passphrase:
            raise UserInputError("team_passphrase", "team.passphrase_missing", "Skriv teamets adgangskode.")
        preferred = saved.team_id if saved.share and Path(saved.share) == share else None
        try:
            team = open_team(share, preferred)
        except StoreError:
            if preferred is None:
                raise
            team = open_team(share)
        key = team.derive_key(passphrase)
    if saved.team_id != team.team_id:
        with store.session() as s:
            s.execute(delete(SyncPeer))
            s.execute(delete(SyncAck))  # what the old team's laptops applied
    update_settings(
        folder,
        share=str(share),
        team_id=team.team_id,
        team_fingerprint=team.info.fingerprint,
        team_key_epoch=team.info.key_epoch,
    )
    remembered, note = (False, "")
    if remember:
        remembered, note = team_keyring.remember_team_key(team.team_id, key)
    return TeamConnection(team, key, created=created, remembered=remembered, keyring_note=note)


def reconnect(store: Store, ask_passphrase: Callable[[], str] | None = None) -> TeamConnection:
    """The remembered team and its key. Not set up → StoreError ``not_set_up``."""
    settings = load_settings(store.profile.folder)
    if not settings.is_set_up or settings.share_path is None:
        raise StoreError(
            "not_set_up",
            "Synkronisering er ikke sat op. Vælg teamets fællesmappe første gang (i programmet eller med --share).",
        )
    team = open_team(settings.share_path, settings.team_id)
    if settings.team_fingerprint and settings.team_fingerprint != team.info.fingerprint:
        if team.info.key_epoch <= settings.team_key_epoch:
            raise team_file_changed(team.folder / TEAM_FILE)
        return _rotated_elsewhere(store, team, ask_passphrase)
    if not settings.team_fingerprint:  # set up before fingerprints were kept: keep this one from now on
        update_settings(store.profile.folder, team_fingerprint=team.info.fingerprint)
    key = team_keyring.recall_team_key(team.team_id)
    if key is not None:
        try:
            team.check_key(key)
            return TeamConnection(team, key, remembered=True)
        except StoreError:
            team_keyring.forget_team_key(team.team_id)
    if ask_passphrase is None:
        raise StoreError("team_passphrase_needed", "Skriv teamets adgangskode for at synkronisere.")
    return TeamConnection(team, team.derive_key(ask_passphrase()))


def _rotated_elsewhere(store: Store, team: Team, ask_passphrase: Callable[[], str] | None) -> TeamConnection:
    """The team key was rotated on another laptop: only the new team passphrase opens the team now."""
    if ask_passphrase is None:
        raise team_key_rotated(team.folder / TEAM_FILE)
    try:
        key = team.derive_key(ask_passphrase())
    except StoreError as exc:
        if exc.code != "wrong_team_passphrase":
            raise
        raise StoreError(
            "wrong_team_passphrase",
            "Teamets nøgle er skiftet, og adgangskoden passer ikke til den nye nøgle. Skriv teamets nye "
            "adgangskode — få den af en kollega i teamet. Intet er ændret.",
        ) from exc
    team_keyring.forget_team_key(team.team_id)
    update_settings(
        store.profile.folder, team_fingerprint=team.info.fingerprint, team_key_epoch=team.info.key_epoch
    )
    return TeamConnection(team, key)


def forget(store: Store) -> None:
    """Stop syncing on this laptop (the team folder on the share is left as it is)."""
    settings = load_settings(store.profile.folder)
    if settings.team_id:
        team_keyring.forget_team_key(settings.team_id)
    update_settings(store.profile.folder, share="", team_id="")
