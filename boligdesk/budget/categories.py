"""The Danish default list of budget categories (budgetposter).

Each category has a stable code (stored on ``BudgetLine.category`` and ``Receipt.category``), a Danish
label, whether it is income or expense, a suggested need/nice default the adviser can override on the
line, and whether its lines count as **daily money** (dagligvarepenge: the cash for daily life that the
4-ugers kuvertsystem splits into envelopes) by default.

``in_starter`` marks the categories a new, empty budget starts with (the paper form's rows);
``for_children`` marks categories that only make sense when the household has children. Custom lines
use ``other_income`` / ``other`` with their own text.

Kinds and need values are the codes of :class:`boligdesk.budget.vocabulary.LineKind` and
:class:`boligdesk.budget.vocabulary.Need` (``"income"``/``"expense"``, ``"need"``/``"nice"``).
"""

from __future__ import annotations

from dataclasses import dataclass

INCOME = "income"
EXPENSE = "expense"
NEED = "need"
NICE = "nice"

RENT = "rent"
HOUSING_BENEFIT = "housing_benefit"
CHILD_BENEFIT = "child_benefit"
CHILD_ALLOWANCE = "child_allowance"
OTHER_INCOME = "other_income"
OTHER_EXPENSE = "other"
GAMBLING = "gambling"


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    label: str
    kind: str
    default_need: str | None
    daily_money: bool = False
    in_starter: bool = True
    for_children: bool = False
    hint: str = ""

    @property
    def is_income(self) -> bool:
        return self.kind == INCOME


def _income(
    code: str, label: str, *, starter: bool = True, children: bool = False, hint: str = ""
) -> Category:
    return Category(code, label, INCOME, None, False, starter, children, hint)


def _expense(
    code: str,
    label: str,
    need: str,
    *,
    daily: bool = False,
    starter: bool = True,
    children: bool = False,
    hint: str = "",
) -> Category:
    return Category(code, label, EXPENSE, need, daily, starter, children, hint)


CATEGORIES: tuple[Category, ...] = (
    # --- income -----------------------------------------------------------------------------------
    _income("salary", "Løn (efter skat)"),
    _income("cash_benefit", "Kontanthjælp / uddannelseshjælp"),
    _income("unemployment_benefit", "Dagpenge / sygedagpenge", starter=False),
    _income(HOUSING_BENEFIT, "Boligstøtte (boligsikring / boligydelse)"),
    _income(
        CHILD_BENEFIT,
        "Børne- og ungeydelse",
        children=True,
        hint="Udbetales kvartalsvis (15–17 år: månedligt)",
    ),
    _income(CHILD_ALLOWANCE, "Børnetilskud", children=True),
    _income("child_support", "Børnebidrag", children=True),
    _income("pension", "Pension (efter skat)", starter=False),
    _income(OTHER_INCOME, "Anden indtægt", starter=False),
    # --- fixed expenses ---------------------------------------------------------------------------
    _expense(RENT, "Husleje", NEED),
    _expense("utilities", "El, vand og varme", NEED),
    _expense("insurance", "Forsikring (indbo, ansvar)", NEED),
    _expense("union", "A-kasse / fagforening", NEED),
    _expense("childcare", "Daginstitution / SFO", NEED, children=True),
    _expense("transport", "Transport (rejsekort, cykel)", NEED, daily=True),
    _expense("car", "Bil (lån, benzin, forsikring)", NICE, starter=False),
    _expense("phone_internet", "Telefon og internet", NEED),
    _expense("media", "Medielicens / tv-pakke", NICE),
    _expense("medicine", "Medicin", NEED),
    _expense("debt", "Afdrag på gæld", NEED),
    _expense("subscriptions", "Abonnementer (streaming, blade, fitness)", NICE),
    # --- daily life -------------------------------------------------------------------------------
    _expense("food", "Mad og husholdning", NEED, daily=True),
    _expense("clothes", "Tøj og sko", NEED, daily=True),
    _expense("hygiene", "Hygiejne (frisør, personlig pleje)", NEED, daily=True),
    _expense("tobacco", "Tobak", NICE),
    _expense(
        GAMBLING,
        "Spil (lotto, væddemål, online casino)",
        NICE,
        starter=False,
        hint="Det der bruges på spil om måneden, fratrukket gevinster",
    ),
    _expense("leisure", "Fritid (sport, ud at spise)", NICE),
    _expense("gifts_holidays", "Gaver, jul, fødselsdage og ferie", NICE),
    _expense("pocket_money", "Lommepenge", NICE, daily=True),
    _expense(OTHER_EXPENSE, "Andet", NEED, starter=False),
)

_BY_CODE: dict[str, Category] = {c.code: c for c in CATEGORIES}

INCOME_CATEGORIES: tuple[Category, ...] = tuple(c for c in CATEGORIES if c.kind == INCOME)
EXPENSE_CATEGORIES: tuple[Category, ...] = tuple(c for c in CATEGORIES if c.kind == EXPENSE)


def category(code: str) -> Category:
    """The category with ``code``; unknown codes fall back to "Andet" of the expense kind."""
    return _BY_CODE.get(code, _BY_CODE[OTHER_EXPENSE])


def is_known(code: str) -> bool:
    return code in _BY_CODE


def category_label(code: str) -> str:
    """The Danish label for a category code (the code itself if unknown, so nothing is hidden)."""
    found = _BY_CODE.get(code)
    return found.label if found is not None else code


def categories_for(kind: str) -> tuple[Category, ...]:
    return INCOME_CATEGORIES if kind == INCOME else EXPENSE_CATEGORIES


def starter_categories(*, has_children: bool) -> tuple[Category, ...]:
    """The rows a new budget starts with, in form order (children's rows only with children)."""
    return tuple(c for c in CATEGORIES if c.in_starter and (has_children or not c.for_children))


def sort_key(code: str) -> int:
    """Position of a category in the form order (unknown codes last)."""
    for i, c in enumerate(CATEGORIES):
        if c.code == code:
            return i
    return len(CATEGORIES)
