"""Exact money: integer øre, Danish parsing and formatting.

Rules (a social worker can check them by hand):

* An amount is a whole number of øre. ``float`` is never used.
* Parsing accepts what people type in Denmark: ``1.234,50``, ``1234,5``, ``1 234 kr.``, ``-250``,
  ``1234.50`` (a single dot followed by exactly two digits is read as decimal point, as Excel exports it
  in English locales). More than two decimals is an error, never silently rounded.
* Formatting writes ``1.234,50 kr.`` (Babel, CLDR ``da_DK``).
* Division and scaling round **half up** (away from zero for positive amounts, towards zero's mirror for
  negative: ``round_half_up(-2.5) == -3``), and only where a function's docstring says so.
* :func:`allocate` splits a total by weights with the largest-remainder method, so parts always add up
  exactly to the total.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import total_ordering

from boligdesk.budget.shown_text import quoted_value
from boligdesk.errors import UserInputError

LOCALE = "da_DK"


def round_half_up(value: Fraction) -> int:
    """Round a fraction to the nearest integer, halves away from zero."""
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    whole, rest = divmod(magnitude.numerator, magnitude.denominator)
    if 2 * rest >= magnitude.denominator:
        whole += 1
    return sign * whole


@total_ordering
@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount of Danish kroner, stored as integer øre."""

    ore: int

    def __post_init__(self) -> None:
        if not isinstance(self.ore, int) or isinstance(self.ore, bool):
            raise TypeError(f"Money needs integer øre, got {type(self.ore).__name__}")

    # --- construction -------------------------------------------------------------------------
    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def kr(cls, kroner: int | str | Decimal) -> Money:
        """``Money.kr(1234)`` or ``Money.kr("1234.50")`` (a Decimal string, not Danish text)."""
        value = Decimal(kroner) * 100
        if value != value.to_integral_value():
            raise ValueError(f"more than two decimals: {kroner!r}")
        return cls(int(value))

    # --- arithmetic ---------------------------------------------------------------------------
    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.ore + other.ore)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.ore - other.ore)

    def __mul__(self, factor: int) -> Money:
        if not isinstance(factor, int) or isinstance(factor, bool):
            return NotImplemented
        return Money(self.ore * factor)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.ore)

    def __abs__(self) -> Money:
        return Money(abs(self.ore))

    def __lt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.ore < other.ore

    def __bool__(self) -> bool:
        return self.ore != 0

    def scaled(self, factor: Fraction) -> Money:
        """Multiply by an exact fraction, rounding the result half up to whole øre."""
        return Money(round_half_up(Fraction(self.ore) * factor))

    def round_to(self, unit_ore: int) -> Money:
        """Round half up to a multiple of ``unit_ore`` (e.g. 100 = whole kroner, 5000 = 50 kr.)."""
        if unit_ore <= 0:
            raise ValueError("unit must be positive")
        return Money(round_half_up(Fraction(self.ore, unit_ore)) * unit_ore)

    @property
    def kroner(self) -> Decimal:
        return Decimal(self.ore) / 100

    def is_negative(self) -> bool:
        return self.ore < 0

    # --- text ---------------------------------------------------------------------------------
    def format(self, *, with_unit: bool = True) -> str:
        """Danish format: ``1.234,50 kr.`` (``-1.234,50 kr.`` for negatives)."""
        # What babel's format_decimal(kroner, "#,##0.00", locale="da_DK") gives, without its cost (the
        # import preview and the case list format thousands of amounts).
        kroner, ore = divmod(abs(self.ore), 100)
        text = f"{'-' if self.ore < 0 else ''}{kroner:,}".replace(",", ".") + f",{ore:02d}"
        return f"{text} kr." if with_unit else text

    def __str__(self) -> str:
        return self.format()


def total(amounts: Sequence[Money]) -> Money:
    return Money(sum(a.ore for a in amounts))


_UNIT_RE = re.compile(r"\s*(kr\.?|dkk|,-)\s*$", re.IGNORECASE)
_DANISH_RE = re.compile(r"^\d{1,3}(\.\d{3})+(,\d*)?$|^\d+(,\d*)?$")
_ENGLISH_DECIMAL_RE = re.compile(r"^\d+\.\d{1,2}$")


MAX_AMOUNT = Money(9_999_999_999_999)
"""The largest amount BoligDesk reads: 99.999.999.999,99 kr. Anything larger is a typing or export error,
and far larger values would overflow the store's 64-bit integers (or Python's 28-digit decimals). What is
plausible for one field (arrears, rent) is that field's own, much lower, limit."""


def parse_money(text: str, *, field: str = "amount", allow_negative: bool = False) -> Money:
    """Parse an amount the way a Dane writes it. Raises :class:`UserInputError` with a Danish message.

    The digits are turned into øre exactly, from the text (no decimal arithmetic that could round a
    31st digit away); amounts above :data:`MAX_AMOUNT` are refused as too large.
    """
    raw = (text or "").strip()
    if not raw:
        raise UserInputError(field, "money.empty", "Skriv et beløb, fx 1.234,50.")
    cleaned = _UNIT_RE.sub("", raw).strip()
    negative = False
    if cleaned.startswith(("-", "\u2212")):
        negative = True
        cleaned = cleaned[1:].strip()
    cleaned = cleaned.replace("\u00a0", " ").replace(" ", "")
    if _DANISH_RE.match(cleaned):
        number = cleaned.replace(".", "").replace(",", ".")
    elif _ENGLISH_DECIMAL_RE.match(cleaned):
        # "12.50" is 12 kr. 50 øre as exported by English-locale Excel; "1.250" (three digits after
        # the dot) already matched the Danish thousands pattern above.
        number = cleaned
    else:
        raise UserInputError(
            field,
            "money.invalid",
            f"»{quoted_value(raw)}« er ikke et beløb. Skriv fx 1.234,50 eller 1234,5.",
            {"text": raw},
        )
    whole, _, fraction = number.partition(".")
    fraction = fraction.rstrip("0")
    if len(fraction) > 2:
        raise UserInputError(
            field,
            "money.too_many_decimals",
            f"»{quoted_value(raw)}« har mere end to decimaler. Et beløb angives i kroner og øre, fx 99,95.",
            {"text": raw},
        )
    whole = whole.lstrip("0")
    if len(whole) > len(str(MAX_AMOUNT.ore)) - 2:
        raise too_large(raw, field)
    result = Money(int(whole or "0") * 100 + int(fraction.ljust(2, "0")))
    if negative:
        result = -result
    if result.is_negative() and not allow_negative:
        raise UserInputError(field, "money.negative", "Beløbet kan ikke være negativt.", {"text": raw})
    return result


def too_large(raw: str, field: str = "amount") -> UserInputError:
    """The refusal of an amount above :data:`MAX_AMOUNT` (also used for spreadsheet number cells)."""
    return UserInputError(
        field,
        "money.too_large",
        f"»{quoted_value(raw)}« er et for stort beløb (højst {MAX_AMOUNT.format()}). Tjek beløbet.",
        {"text": raw},
    )


def allocate(amount: Money, weights: Sequence[int]) -> list[Money]:
    """Split ``amount`` in proportion to non-negative integer ``weights`` (largest remainder).

    The parts always add up exactly to ``amount``. Ties in the remainders go to the earliest part.
    With all weights zero the amount is split evenly.
    """
    if not weights:
        raise ValueError("allocate needs at least one weight")
    if any(w < 0 for w in weights):
        raise ValueError("weights must be non-negative")
    if sum(weights) == 0:
        weights = [1] * len(weights)
    weight_sum = sum(weights)
    sign = -1 if amount.ore < 0 else 1
    magnitude = abs(amount.ore)
    floors = [magnitude * w // weight_sum for w in weights]
    remainders = [magnitude * w % weight_sum for w in weights]
    leftover = magnitude - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:leftover]:
        floors[i] += 1
    return [Money(sign * part) for part in floors]


def allocate_in_units(amount: Money, weights: Sequence[int], unit_ore: int) -> list[Money]:
    """Like :func:`allocate`, but every part except the last is a multiple of ``unit_ore``.

    Used for cash that must be paid out in notes and coins: the parts are allocated in whole units
    (largest remainder) and the part of the total that is not a whole number of units is added to the
    **last** part, so the parts still sum exactly to ``amount``.
    """
    if unit_ore <= 0:
        raise ValueError("unit must be positive")
    units, rest = divmod(amount.ore, unit_ore)
    parts = [Money(p.ore * unit_ore) for p in allocate(Money(units), weights)]
    parts[-1] = parts[-1] + Money(rest)
    return parts
