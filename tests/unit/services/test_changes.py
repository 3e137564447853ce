"""What a write changed decides which views redraw."""

from __future__ import annotations

from boligdesk.services.changes import Changes, Part


def test_a_view_of_the_changed_case_redraws_for_its_parts_only() -> None:
    change = Changes.of("case-a", Part.BUDGET)
    assert change.touches("case-a", Part.BUDGET, Part.RECEIPTS)
    assert not change.touches("case-a", Part.PLAN)


def test_a_view_of_another_case_does_not_redraw() -> None:
    assert not Changes.of("case-a", Part.BUDGET).touches("case-b", Part.BUDGET)


def test_a_change_not_tied_to_a_case_reaches_every_case_showing_that_part() -> None:
    estates = Changes.of(None, Part.ESTATES)
    assert estates.touches("case-a", Part.TENANCY, Part.ESTATES)
    assert not estates.touches("case-a", Part.BUDGET)


def test_everything_redraws_every_view() -> None:
    assert Changes.all().touches("case-a", Part.LETTERS)
    assert Changes.all().touches(None)


def test_changes_combine_and_name_their_single_case() -> None:
    both = Changes.of("case-a", Part.PLAN) | Changes.of("case-a", Part.CASE)
    assert both.parts == {Part.PLAN, Part.CASE} and both.case_id == "case-a"
    two_cases = both | Changes.of("case-b", Part.PLAN)
    assert two_cases.case_id is None and two_cases.touches("case-b", Part.PLAN)
    assert not Changes.none() and Changes.union([]) == Changes.none()
