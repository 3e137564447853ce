"""Turning an amount paid at some frequency into a monthly figure (månedsbeløb).

The rules, exactly (a year has 12 months, 52 weeks and 26 fortnights):

=================  ======================  =========================================
frequency          monthly figure          example: 1.000,00 kr. entered
=================  ======================  =========================================
weekly             amount × 52 / 12        1.000 × 52 / 12 = 4.333,333… → 4.333,33
every 14 days      amount × 26 / 12        1.000 × 26 / 12 = 2.166,666… → 2.166,67
monthly            amount                  1.000,00
quarterly          amount / 3              1.000 / 3 = 333,333… → 333,33
half-yearly        amount / 6              1.000 / 6 = 166,666… → 166,67
yearly             amount / 12             1.000 / 12 = 83,333… → 83,33
=================  ======================  =========================================

The multiplication is done with an exact :class:`~fractions.Fraction` and the result is rounded
**half up to whole øre once per line** (never in between). Totals add the rounded monthly figures, so
the monthly figures printed beside the lines always add up to the printed totals.

Frequencies are given by their code (``"weekly"`` …), the values of
:class:`boligdesk.budget.vocabulary.Frequency`; that enum is a ``StrEnum``, so its members can be passed
directly. (``budget/`` must not import ``models/``, which pulls in SQLAlchemy.)
"""

from __future__ import annotations

from fractions import Fraction

from boligdesk.budget.money import Money

WEEKLY = "weekly"
BIWEEKLY = "biweekly"
MONTHLY = "monthly"
QUARTERLY = "quarterly"
HALF_YEARLY = "half_yearly"
YEARLY = "yearly"

#: Monthly factor per frequency code, in the order the UI lists them.
MONTHLY_FACTORS: dict[str, Fraction] = {
    WEEKLY: Fraction(52, 12),
    BIWEEKLY: Fraction(26, 12),
    MONTHLY: Fraction(1),
    QUARTERLY: Fraction(1, 3),
    HALF_YEARLY: Fraction(1, 6),
    YEARLY: Fraction(1, 12),
}

#: The rule in words, for tooltips and the printout.
RULE_TEXT: dict[str, str] = {
    WEEKLY: "beløb × 52 / 12",
    BIWEEKLY: "beløb × 26 / 12",
    MONTHLY: "beløb",
    QUARTERLY: "beløb / 3",
    HALF_YEARLY: "beløb / 6",
    YEARLY: "beløb / 12",
}

FREQUENCIES: tuple[str, ...] = tuple(MONTHLY_FACTORS)


def monthly_factor(frequency: str) -> Fraction:
    """The exact factor that turns an amount at ``frequency`` into a monthly amount."""
    try:
        return MONTHLY_FACTORS[str(frequency)]
    except KeyError:
        raise ValueError(f"unknown frequency {frequency!r}") from None


def monthly_amount(amount: Money, frequency: str) -> Money:
    """``amount`` paid at ``frequency`` as a monthly figure, rounded half up to whole øre (once)."""
    return amount.scaled(monthly_factor(frequency))
