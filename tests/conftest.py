"""Shared fixtures. Every profile here uses the cheap test KDF and invented data only."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Cheap Argon2 settings for tests (the real, slow ones are the default everywhere else).
os.environ["BOLIGDESK_INSECURE_FAST_KDF"] = "1"

from boligdesk.models.store import Profile, Store, create_profile

TEST_PASSPHRASE = "Test-kodeord med vilje 42"


@pytest.fixture(autouse=True)
def _no_real_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Never touch the developer's or CI's real keyring: an in-memory backend per test."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.items: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.items.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.items[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.items.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _documents_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """ "Gem som PDF" starts in Dokumenter/BoligDesk/<sagsnr> and creates it: never the real Dokumenter."""
    documents = tmp_path_factory.mktemp("Dokumenter")
    monkeypatch.setattr("boligdesk.ui.shared.printing.documents_folder", lambda: documents)


_QAPP: list[object] = []  # keeps the one QApplication alive for the whole session


@pytest.fixture(scope="session")
def qapp(qapp_args: list[str], qapp_cls: type) -> object:
    """pytest-qt's QApplication, with Qt's own texts in Danish as the app has them (``app.start_qt``)."""
    from PySide6.QtWidgets import QApplication

    from boligdesk.ui.qt_danish import install_danish_qt

    app = QApplication.instance() or qapp_cls(qapp_args)
    _QAPP.append(app)
    install_danish_qt(app)
    return app


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    return Profile(tmp_path / "profil")


@pytest.fixture
def store(profile: Profile) -> Iterator[Store]:
    st = create_profile(profile, TEST_PASSPHRASE)
    yield st
    st.close()
