"""Budgets, budget lines, receipts and envelope plans."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import Frequency, LeftoverDaysRule, LineKind, Need
from boligdesk.models.base import Base, Synced, enum_type


class Budget(Synced, Base):
    """A household's monthly budget at a date. Versions: a new budget may start as a copy of the last."""

    __tablename__ = "budgets"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    made_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    title: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    copied_from_id: Mapped[str | None] = mapped_column(ForeignKey("budgets.id"), default=None)
    made_by: Mapped[str] = mapped_column(String(200), default="")
    lines: Mapped[list[BudgetLine]] = relationship(
        back_populates="budget",
        order_by="BudgetLine.sort_order",
        primaryjoin="and_(Budget.id == BudgetLine.budget_id, BudgetLine.deleted == False)",
        viewonly=True,
    )


class BudgetLine(Synced, Base):
    """One income or expense line with an amount and a frequency (budgetpost)."""

    __tablename__ = "budget_lines"

    budget_id: Mapped[str] = mapped_column(ForeignKey("budgets.id"), index=True)
    kind: Mapped[LineKind] = mapped_column(enum_type(LineKind))
    category: Mapped[str] = mapped_column(String(40), default="other")
    text: Mapped[str] = mapped_column(String(200), default="")
    amount: Mapped[Money] = mapped_column(default=Money(0))
    frequency: Mapped[Frequency] = mapped_column(enum_type(Frequency), default=Frequency.MONTHLY)
    need: Mapped[Need | None] = mapped_column(enum_type(Need), default=None)
    is_daily_money: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(default=0)
    budget: Mapped[Budget] = relationship(back_populates="lines")


class Receipt(Synced, Base):
    """One receipt in the receipts mode (a month of receipts sorted into categories)."""

    __tablename__ = "receipts"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    budget_id: Mapped[str | None] = mapped_column(ForeignKey("budgets.id"), default=None)
    bought_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    amount: Mapped[Money] = mapped_column(default=Money(0))
    category: Mapped[str] = mapped_column(String(40), default="other")
    need: Mapped[Need] = mapped_column(enum_type(Need), default=Need.NEED)
    text: Mapped[str] = mapped_column(String(200), default="")


class EnvelopePlan(Synced, Base):
    """A 4-ugers kuvertsystem for a budget period."""

    __tablename__ = "envelope_plans"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    budget_id: Mapped[str] = mapped_column(ForeignKey("budgets.id"), index=True)
    pay_day: Mapped[dt.date] = mapped_column(Date)
    start_on: Mapped[dt.date] = mapped_column(Date)
    rounding_unit: Mapped[Money] = mapped_column(default=Money(100))
    leftover_rule: Mapped[LeftoverDaysRule] = mapped_column(
        enum_type(LeftoverDaysRule), default=LeftoverDaysRule.EXTRA_ENVELOPE
    )


class EnvelopeSpending(Synced, Base):
    """What was actually spent from one envelope of a plan."""

    __tablename__ = "envelope_spendings"

    plan_id: Mapped[str] = mapped_column(ForeignKey("envelope_plans.id"), index=True)
    envelope_index: Mapped[int] = mapped_column()
    spent: Mapped[Money] = mapped_column(default=Money(0))
    note: Mapped[str] = mapped_column(String(300), default="")
