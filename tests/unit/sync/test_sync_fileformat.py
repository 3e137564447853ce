"""The .bdsync file: what is written can be read back; anything altered, cut short or foreign is refused."""

from __future__ import annotations

import secrets

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boligdesk.sync.fileformat import (
    FORMAT_VERSION,
    Body,
    Header,
    Knowledge,
    SyncFileRefused,
    decode,
    encode,
    file_name,
    seq_from_name,
)

KEY = bytes(range(32))
TEAM = "a" * 32
DEVICE = "0123456789abcdef"


def sample_body() -> Body:
    return Body(
        mark="001795490000000-00003-0123456789abcdef",
        knowledge={"fedcba9876543210": Knowledge(4, "001795480000000-00000-fedcba9876543210")},
        rows={
            "persons": [
                {"id": "p1", "first_name": "Åse", "last_name": "Ørnbøl", "phone": "", "deleted": False},
            ],
            "cases": [
                {"id": "c1", "arrears": 1285000, "eviction_on": "2026-12-15", "kind": "eviction_threat"}
            ],
        },
    )


def sample_file(seq: int = 7) -> bytes:
    header = Header(team=TEAM, device=DEVICE, seq=seq, created="2026-11-24T13:05:00+00:00")
    return encode(header, sample_body(), KEY)


def test_file_reads_back_exactly_what_was_written() -> None:
    header, body = decode(sample_file(), KEY, team=TEAM, device=DEVICE, seq=7)
    assert (header.team, header.device, header.seq) == (TEAM, DEVICE, 7)
    assert body.rows == sample_body().rows
    assert body.mark == sample_body().mark
    assert body.knowledge == sample_body().knowledge
    assert body.row_count == 2


def test_personal_data_is_not_readable_in_the_file() -> None:
    data = sample_file()
    for text in ("Åse", "Ørnbøl", "persons", "1285000"):
        assert text.encode("utf-8") not in data


@settings(max_examples=200)
@given(position=st.integers(min_value=0), flip=st.integers(min_value=1, max_value=255))
def test_any_changed_byte_makes_the_whole_file_refused(position: int, flip: int) -> None:
    data = bytearray(sample_file())
    data[position % len(data)] ^= flip
    with pytest.raises(SyncFileRefused) as refused:
        decode(bytes(data), KEY, team=TEAM, device=DEVICE, seq=7)
    assert refused.value.message.endswith("afvist.") or "nyere version" in refused.value.message


@settings(max_examples=100)
@given(keep=st.integers(min_value=0))
def test_a_truncated_file_is_refused(keep: int) -> None:
    data = sample_file()
    cut = data[: keep % len(data)]
    with pytest.raises(SyncFileRefused):
        decode(cut, KEY, team=TEAM, device=DEVICE, seq=7)


def test_a_file_from_another_team_is_refused_as_foreign() -> None:
    other = encode(Header(team="b" * 32, device=DEVICE, seq=7, created=""), sample_body(), KEY)
    with pytest.raises(SyncFileRefused, match="andet team") as refused:
        decode(other, KEY, team=TEAM, device=DEVICE, seq=7)
    assert refused.value.code == "file_foreign"


def test_a_file_sealed_with_another_key_is_refused() -> None:
    other = encode(
        Header(team=TEAM, device=DEVICE, seq=7, created=""), sample_body(), secrets.token_bytes(32)
    )
    with pytest.raises(SyncFileRefused) as refused:
        decode(other, KEY, team=TEAM, device=DEVICE, seq=7)
    assert refused.value.code == "file_tampered"


def test_a_renamed_or_moved_file_is_refused() -> None:
    with pytest.raises(SyncFileRefused) as refused:
        decode(sample_file(seq=7), KEY, team=TEAM, device=DEVICE, seq=8)
    assert refused.value.code == "file_misplaced"
    with pytest.raises(SyncFileRefused):
        decode(sample_file(seq=7), KEY, team=TEAM, device="1111111111111111", seq=7)


def test_a_file_from_a_newer_boligdesk_is_refused_with_an_update_hint() -> None:
    newer = Header(team=TEAM, device=DEVICE, seq=7, created="", format=FORMAT_VERSION + 1)
    with pytest.raises(SyncFileRefused, match="nyere version"):
        decode(encode(newer, sample_body(), KEY), KEY, team=TEAM, device=DEVICE, seq=7)


def test_only_finished_sync_files_have_a_sequence_number() -> None:
    assert file_name(12) == "00000012.bdsync"
    assert seq_from_name("00000012.bdsync") == 12
    assert seq_from_name(".00000012.bdsync.4711.tmp") is None
    assert seq_from_name("noter.txt") is None
    assert seq_from_name("abc.bdsync") is None
