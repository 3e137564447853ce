"""Opening the profile behind the locked window, and the heavy imports done while the user types.

:class:`ProfileOpener` is what the locked main window asks to turn a passphrase (or, at start-up only, the
key remembered in the keyring) into an open store. It imports the store, SQLAlchemy, the models and the
keyring only when asked — :meth:`ProfileOpener.preload` starts those imports on a background thread right
after the first paint, so by the time the passphrase is typed they are done.

With a remembered key the list comes first (decisions §36): the keyring is asked (``boligdesk.remembered_key``
imports only ``keyring``) and the list is read with the driver alone
(:func:`~boligdesk.services.case_list_rows.read_first_list`) before SQLAlchemy and the models are imported;
the window shows it (:meth:`ProfileOpener.first_list`). SQLAlchemy, the models and the services (~70 MiB
at 20,000 cases) are then imported only when the window asks for the desk (:meth:`ProfileOpener.want_desk`:
the first action that needs it, decisions §44).
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from boligdesk.errors import StoreError

if TYPE_CHECKING:
    from boligdesk.services.case_list_rows import FirstList
    from boligdesk.services.profile import Store

log = logging.getLogger(__name__)

#: What opening the profile and showing the case list import, slowest first (``python -X importtime``).
#: Only modules without Qt widgets' side effects: importing them on another thread is safe.
HEAVY_MODULES = (
    "sqlalchemy.orm",
    "boligdesk.models",
    "boligdesk.services.profile",
    "boligdesk.services.desk",
    "boligdesk.services.advisers",
    "boligdesk.services.case_list",
    "boligdesk.services.organisations",
    "boligdesk.services.drafts",
    "boligdesk.ui.context",
    "boligdesk.ui.cases.case_list_table_model",
    "boligdesk.ui.cases.cases_tab",
)


#: Imported after the list's modules, once the window may unlock (the sync status line needs them; the
#: list does not): with a remembered key they load while the list is shown.
LATER_MODULES = ("boligdesk.services.team_sync",)

#: Its ``warm_up()`` runs after the imports (see :func:`boligdesk.services.case_list.warm_up`).
WARM_UP = "boligdesk.services.case_list"


class Preloader:
    """Imports :data:`HEAVY_MODULES` on a daemon thread; :meth:`wait` joins it (imports are idempotent)."""

    def __init__(self, modules: tuple[str, ...] = HEAVY_MODULES) -> None:
        self._modules = modules
        self._thread: threading.Thread | None = None
        self.seconds = 0.0

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="boligdesk-preload", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        t0 = time.perf_counter()
        for name in self._modules:
            try:
                importlib.import_module(name)
            except Exception:
                log.exception("Forudindlæsning af %s mislykkedes", name)
                return
        if WARM_UP in self._modules:
            try:  # the first list's one-time work (mapping, compiling), while the user types
                importlib.import_module(WARM_UP).warm_up()
            except Exception:
                log.exception("Forberedelse af sagslisten mislykkedes")
        self.seconds = time.perf_counter() - t0

    def wait(self) -> None:
        self.start()
        assert self._thread is not None
        self._thread.join()


class ProfileOpener:
    """Turns a passphrase (or, at start-up only, a remembered key) into an open :class:`Store` for ``folder``.

    :meth:`start` runs on a background thread: the heavy imports, then — once, at start-up — the keyring
    is asked for a remembered key (``recall``; the OS keyring by default, benchmarks and tests pass their
    own) and whether it can remember one. The window polls :meth:`ready` and then calls
    :meth:`open_remembered`. After a lock the keyring is never asked: the passphrase is.
    """

    def __init__(self, folder: Path, *, recall: Callable[[Path], bytes | None] | None = None) -> None:
        self.folder = folder
        self._recall = recall
        self.preloader = Preloader()
        self._asked = threading.Event()
        self._first = threading.Event()
        self._wanted = threading.Event()
        self._first_list: FirstList | None = None
        self._handed_over = False
        self._later = threading.Event()
        self._thread: threading.Thread | None = None
        self._remembered: bytes | None = None
        #: (usable, Danish reason) of the keyring, known once :meth:`ready`.
        self.keyring: tuple[bool, str] = (False, "")

    def profile_exists(self) -> bool:
        from boligdesk.profile_paths import Profile

        return Profile(self.folder).exists()

    # --- start-up -------------------------------------------------------------------------------
    def start(self, *, ask_keyring: bool = True, read_list: bool = False) -> None:
        """Import the heavy parts (and ask the keyring, when ``ask_keyring``) on a background thread. With
        ``read_list`` (start-up) a remembered key first reads the list ahead (:meth:`first_list`); the
        imports then wait until the window asks for the desk (:meth:`want_desk`)."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._start, args=(ask_keyring, read_list), name="boligdesk-start", daemon=True
            )
            self._thread.start()

    def _start(self, ask_keyring: bool, read_list: bool) -> None:
        try:
            read_ahead = False
            try:
                if ask_keyring and self.profile_exists():
                    read_ahead = self._remember_and_read(read_list)
            finally:
                self._first.set()
            if read_ahead:  # the desk (and its imports) only when the window asks for it (§44)
                self._wanted.wait()
            self.preloader._run()
            if ask_keyring and not read_ahead:  # (read ahead, the key fits: nothing to offer)
                from boligdesk.remembered_key import keyring_status

                self.keyring = keyring_status()
        except Exception:
            log.exception("Start-up i baggrunden mislykkedes")
        finally:
            self._first.set()
            self._asked.set()
        try:
            Preloader(LATER_MODULES)._run()
        finally:
            self._later.set()

    def _remember_and_read(self, read_list: bool) -> bool:
        """Ask the keyring for this profile's key; with one (and ``read_list``), read the list with the
        driver alone. True when the list was read."""
        from boligdesk.profile_paths import Profile

        if self._recall is not None:  # benchmarks and tests: no keyring imported
            self._remembered = self._recall(self.folder)
        else:
            from boligdesk.remembered_key import recall_key

            self._remembered = recall_key(self.folder)
        if self._remembered is None or not read_list:
            return False
        from boligdesk.services.case_list_rows import read_first_list

        try:
            self._first_list = read_first_list(
                Profile(self.folder).db_path, self._remembered, dt.date.today()
            )
        except Exception as exc:  # the store, opened the ordinary way next, names the cause
            log.info("Sagslisten blev ikke læst før databasen: %s", type(exc).__name__)
        release_freed_memory()
        return self._first_list is not None

    def first_ready(self) -> bool:
        """True once the keyring has been asked and (with a key) the list read ahead, or that failed."""
        return self._first.is_set()

    def first_list(self) -> FirstList | None:
        """The list read ahead with the remembered key (once: handed over here), or None."""
        first, self._first_list = self._first_list, None
        self._handed_over = first is not None
        if first is None:
            self._wanted.set()
        return first

    def first_list_taken(self) -> bool:
        """True when :meth:`first_list` handed a list over (the window showed it)."""
        return self._handed_over

    def want_desk(self) -> None:
        """The window needs the desk now (an action beyond the list read ahead): the heavy imports start;
        :meth:`ready` says when :meth:`open_remembered` may be called."""
        self._wanted.set()

    def forget_remembered(self) -> None:
        """The window locked while it showed the list read ahead: drop the remembered key (the passphrase is
        asked from now on, as after any lock)."""
        self._remembered = None

    def ready(self) -> bool:
        return self._asked.is_set()

    def later_ready(self) -> bool:
        """True once :data:`LATER_MODULES` are imported (or :meth:`start` was never called)."""
        return self._thread is None or self._later.is_set()

    def wait(self) -> None:
        self.start()
        self._wanted.set()  # whoever waits for the store needs the imports now
        self._asked.wait()

    def open_remembered(self) -> Store | None:
        """The store opened with the key remembered for this profile (once: the key is dropped here); None
        when there is none, or when it no longer fits (then it is forgotten and the passphrase asked)."""
        self.wait()
        key, self._remembered = self._remembered, None
        if key is None:
            return None
        from boligdesk.services.profile import Profile, forget_key, open_store

        try:
            return open_store(Profile(self.folder), key=key)
        except StoreError as exc:
            if exc.code != "wrong_passphrase":
                raise
            forget_key(self.folder)
            return None
        finally:
            del key

    # --- the passphrase -------------------------------------------------------------------------
    def open_with_passphrase(self, passphrase: str, *, remember: bool = False) -> Store:
        """The store opened with ``passphrase``; :class:`~boligdesk.errors.StoreError` with the Danish cause
        (wrong passphrase, missing key file, damaged database …). The passphrase is not kept."""
        self.wait()
        from boligdesk.services.profile import Profile, open_store, remember_key, unlock_key

        profile = Profile(self.folder)
        # Opened with the passphrase itself, so the store tells a wrong passphrase from a damaged file.
        store = open_store(profile, passphrase=passphrase)
        if remember:  # start-up only, ticked by the user: worth a second key derivation
            key = unlock_key(profile, passphrase)
            remember_key(self.folder, key)
            del key
        return store


def release_freed_memory() -> None:
    """Give the heap's free pages back to the system (glibc's ``malloc_trim``; elsewhere nothing).

    Reading 20,000 cases leaves freed memory in the heap (the driver's rows, the page cache of a closed
    connection) that glibc keeps resident; trimming it is a few milliseconds (decisions §36)."""
    import contextlib
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        ctypes.CDLL("libc.so.6").malloc_trim(0)
