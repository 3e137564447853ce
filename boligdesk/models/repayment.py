"""Repayment plans (afdragsordninger), their instalments and registered payments."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AgreedVia, PlanStatus
from boligdesk.models.base import Base, Synced, enum_type


class RepaymentPlan(Synced, Base):
    """One version of an afdragsordning. Renegotiating creates a new version (``previous_id``)."""

    __tablename__ = "repayment_plans"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    version: Mapped[int] = mapped_column(default=1)
    previous_id: Mapped[str | None] = mapped_column(ForeignKey("repayment_plans.id"), default=None)
    status: Mapped[PlanStatus] = mapped_column(enum_type(PlanStatus), default=PlanStatus.DRAFT)
    debt: Mapped[Money] = mapped_column(default=Money(0))
    start_on: Mapped[dt.date] = mapped_column(Date)
    months: Mapped[int] = mapped_column(default=1)
    instalment: Mapped[Money] = mapped_column(default=Money(0))
    rent: Mapped[Money] = mapped_column(default=Money(0))
    budget_id: Mapped[str | None] = mapped_column(ForeignKey("budgets.id"), default=None)
    agreed_via: Mapped[AgreedVia] = mapped_column(enum_type(AgreedVia), default=AgreedVia.MEETING)
    assessment: Mapped[str] = mapped_column(Text, default="")
    agreed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    ended_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    made_by: Mapped[str] = mapped_column(String(200), default="")


class Instalment(Synced, Base):
    """One agreed payment (afdrag)."""

    __tablename__ = "instalments"

    plan_id: Mapped[str] = mapped_column(ForeignKey("repayment_plans.id"), index=True)
    seq: Mapped[int] = mapped_column()
    due_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Money] = mapped_column(default=Money(0))


class Payment(Synced, Base):
    """A payment actually registered against a plan (indbetaling); partial payments allowed."""

    __tablename__ = "payments"

    plan_id: Mapped[str] = mapped_column(ForeignKey("repayment_plans.id"), index=True)
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Money] = mapped_column(default=Money(0))
    note: Mapped[str] = mapped_column(String(300), default="")
    registered_by: Mapped[str] = mapped_column(String(200), default="")
