"""Persons (tenants) and households."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boligdesk.budget.vocabulary import CivilStatus, Education, MemberRole
from boligdesk.models.base import Base, Synced, enum_type


class Person(Synced, Base):
    """A citizen (lejer/borger). One person can have several cases over time."""

    __tablename__ = "persons"

    first_name: Mapped[str] = mapped_column(String(120))
    last_name: Mapped[str] = mapped_column(String(120), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    preferred_language: Mapped[str] = mapped_column(String(40), default="dansk")
    civil_status: Mapped[CivilStatus | None] = mapped_column(enum_type(CivilStatus), default=None)
    education: Mapped[Education | None] = mapped_column(enum_type(Education), default=None)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Household(Synced, Base):
    """The people sharing the economy for one case."""

    __tablename__ = "households"

    members: Mapped[list[HouseholdMember]] = relationship(
        back_populates="household", order_by="HouseholdMember.sort_order"
    )


class HouseholdMember(Synced, Base):
    __tablename__ = "household_members"

    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[MemberRole] = mapped_column(enum_type(MemberRole), default=MemberRole.ADULT)
    birth_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    is_tenant: Mapped[bool] = mapped_column(default=False)
    pays_in: Mapped[bool] = mapped_column(default=False)
    sort_order: Mapped[int] = mapped_column(default=0)
    household: Mapped[Household] = relationship(back_populates="members")
