"""Appeal deadlines: 4 weeks from receipt where a rule is recorded, moved past holidays; otherwise unknown."""

from __future__ import annotations

import datetime as dt

import pytest

from boligdesk.budget.appeals import AppealRule, appeal_deadline, parse_rules, shipped_rules
from boligdesk.budget.cooperation import ApplicationKind

ARREARS = ApplicationKind.HOUSING_COSTS_ARREARS


def test_four_weeks_from_receipt_on_an_ordinary_day() -> None:
    result = appeal_deadline(ARREARS, dt.date(2026, 11, 2))  # a Monday
    assert result.date == dt.date(2026, 11, 30)
    assert result.text == "30.11.2026"
    assert "4 uger fra modtagelsen 02.11.2026" in result.explanation
    assert "Retssikkerhedsloven § 67, stk. 1" in result.explanation


def test_a_deadline_on_new_years_eve_moves_past_new_years_day_and_the_weekend() -> None:
    # 03.12.2026 + 4 weeks = 31.12.2026 (nytårsaftensdag), 01.01.2027 is a holiday, 2–3 Jan a weekend.
    result = appeal_deadline(ARREARS, dt.date(2026, 12, 3))
    assert result.date == dt.date(2027, 1, 4)
    assert "31.12.2026 er" in result.explanation and "næste hverdag" in result.explanation


def test_a_deadline_on_easter_monday_moves_to_the_tuesday() -> None:
    result = appeal_deadline(ApplicationKind.ONE_OFF_GRANT, dt.date(2027, 3, 1))  # + 28 days = 29.03.2027
    assert result.date == dt.date(2027, 3, 30)
    assert "29.03.2027 er Anden påskedag" in result.explanation


def test_a_deadline_on_a_saturday_moves_to_monday() -> None:
    result = appeal_deadline(ARREARS, dt.date(2026, 11, 7))  # Saturday + 4 weeks = Saturday 05.12.2026
    assert result.date == dt.date(2026, 12, 7)
    assert "lørdag" in result.explanation


@pytest.mark.parametrize(
    "kind",
    [ApplicationKind.HOUSING_BENEFIT, ApplicationKind.DEPOSIT_LOAN, ApplicationKind.BANK_DEFERRAL],
)
def test_a_kind_without_a_recorded_rule_is_unknown_never_guessed(kind: ApplicationKind) -> None:
    result = appeal_deadline(kind, dt.date(2026, 11, 2))
    assert result.date is None and result.rule is None
    assert result.text == "ukendt"
    assert "klagevejledningen" in result.explanation


def test_without_the_date_of_receipt_there_is_no_deadline() -> None:
    result = appeal_deadline(ARREARS, None)
    assert result.text == "ukendt" and "modtog afgørelsen" in result.explanation


def test_a_rule_applies_only_from_its_date_and_the_newest_in_force_wins() -> None:
    rules = parse_rules(
        {
            "rules": [
                {
                    "kinds": ["boligstoette"],
                    "valid_from": "2027-01-01",
                    "weeks": 6,
                    "source": {"title": "Ny regel"},
                },
                {
                    "kinds": ["boligstoette"],
                    "valid_from": "2020-01-01",
                    "weeks": 4,
                    "source": {"title": "Gammel"},
                },
            ]
        }
    )
    kind = ApplicationKind.HOUSING_BENEFIT
    assert appeal_deadline(kind, dt.date(2019, 12, 31), rules).date is None  # before any rule
    old = appeal_deadline(kind, dt.date(2026, 12, 31), rules)
    new = appeal_deadline(kind, dt.date(2027, 1, 1), rules)
    assert old.rule is not None and old.rule.weeks == 4
    assert new.rule is not None and new.rule.weeks == 6
    assert new.date == dt.date(2027, 2, 12)  # no moving: the rule does not say so, Friday anyway


def test_every_shipped_rule_names_its_source_and_says_whether_it_was_checked() -> None:
    rules = shipped_rules()
    assert rules
    for rule in rules:
        assert isinstance(rule, AppealRule)
        assert "§" in rule.source_title and rule.source_url
        assert rule.verified or "Ikke" in rule.note or "ikke" in rule.note
