"""The growing, capped delay after wrong passphrases, and the rules shown up front."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from boligdesk.errors import StoreError
from boligdesk.models.keys import MIN_PASSPHRASE_LENGTH
from boligdesk.services.passphrase_policy import MAX_DELAY, UnlockThrottle, delay_after, strength_rules

T0 = dt.datetime(2026, 12, 31, 23, 59, 50)  # New Year's Eve: the count survives midnight and the year


def test_a_typo_or_two_costs_nothing_then_the_delay_doubles_up_to_30_seconds() -> None:
    delays = [delay_after(n) for n in range(12)]
    assert delays[:3] == [0, 0, 0]
    assert delays[3:8] == [1, 2, 4, 8, 16]
    assert delays[8:] == [MAX_DELAY] * 4
    assert MAX_DELAY == 30
    assert delay_after(10_000) == 30  # never more, however long someone tries


def test_the_rules_shown_name_the_same_minimum_the_check_enforces() -> None:
    assert str(MIN_PASSPHRASE_LENGTH) in strength_rules()[0]


def test_the_throttle_counts_on_disk_and_a_correct_passphrase_resets_it(tmp_path: Path) -> None:
    throttle = UnlockThrottle(tmp_path)
    for i in range(3):
        throttle.failed(T0 + dt.timedelta(seconds=i))
    assert throttle.wait_left(T0 + dt.timedelta(seconds=2)) == pytest.approx(1.0)
    # a new process (a restart) sees the same count
    again = UnlockThrottle(tmp_path)
    with pytest.raises(StoreError) as info:
        again.check(T0 + dt.timedelta(seconds=2, milliseconds=500))
    assert "Vent 1 sekund," in info.value.message
    assert again.wait_left(T0 + dt.timedelta(seconds=4)) == 0  # into the new year, the wait is over
    again.failed(T0 + dt.timedelta(seconds=12))
    assert again.wait_left(T0 + dt.timedelta(seconds=12)) == 2
    again.succeeded()
    assert again.wait_left(T0 + dt.timedelta(seconds=12)) == 0 and again.failures(T0) == 0


def test_old_mistakes_are_forgotten_and_a_damaged_state_file_means_no_delay(tmp_path: Path) -> None:
    throttle = UnlockThrottle(tmp_path)
    for _ in range(9):
        throttle.failed(T0)
    assert throttle.wait_left(T0) == 30
    assert throttle.failures(T0 + dt.timedelta(hours=2)) == 0
    throttle.path.write_text("{ikke json", "utf-8")
    assert throttle.wait_left(T0) == 0
