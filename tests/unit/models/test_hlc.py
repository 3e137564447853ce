from __future__ import annotations

from boligdesk.models.hlc import MAX_DRIFT_MS, HlcValue, HybridClock


def test_values_sort_in_time_order_even_when_the_wall_clock_stands_still() -> None:
    clock = HybridClock("a", wall=lambda: 1000)
    values = [clock.tick() for _ in range(5)]
    assert values == sorted(values)
    assert len(set(values)) == 5


def test_a_clock_behind_still_sorts_after_what_it_has_seen() -> None:
    slow = HybridClock("slow", wall=lambda: 1000)
    slow.observe(HlcValue(5000, 3, "fast").encode())
    assert slow.tick() > HlcValue(5000, 3, "fast").encode()


def test_far_future_values_are_not_trusted() -> None:
    clock = HybridClock("a", wall=lambda: 1_000_000)
    assert clock.is_too_far_in_future(HlcValue(1_000_000 + MAX_DRIFT_MS + 1, 0, "b").encode())
    assert not clock.is_too_far_in_future(HlcValue(1_000_000 + 1000, 0, "b").encode())


def test_encode_decode_round_trip() -> None:
    value = HlcValue(1_795_492_596_243, 7, "0a47838360f00e2c")
    assert HlcValue.decode(value.encode()) == value
