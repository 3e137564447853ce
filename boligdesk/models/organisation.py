"""Advisers, housing associations, estates (with their repayment policy) and settings."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boligdesk.models.base import Base, Synced


class Adviser(Synced, Base):
    """A social worker using BoligDesk (sagsbehandler / rådgiver)."""

    __tablename__ = "advisers"

    name: Mapped[str] = mapped_column(String(200))
    initials: Mapped[str] = mapped_column(String(10), default="")
    title: Mapped[str] = mapped_column(String(200), default="Socialrådgiver")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")


class HousingAssociation(Synced, Base):
    """A landlord organisation (almen boligorganisation)."""

    __tablename__ = "housing_associations"

    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    estates: Mapped[list[Estate]] = relationship(back_populates="association")


class Estate(Synced, Base):
    """A housing estate (afdeling). Repayment policy differs per estate (DOMAIN.md §8)."""

    __tablename__ = "estates"

    association_id: Mapped[str] = mapped_column(ForeignKey("housing_associations.id"), index=True)
    number: Mapped[str] = mapped_column(String(20), default="")
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    max_plan_months: Mapped[int] = mapped_column(default=12)
    phone_plan_max_months: Mapped[int] = mapped_column(default=3)
    association: Mapped[HousingAssociation] = relationship(back_populates="estates")

    @property
    def display_name(self) -> str:
        return f"{self.number} {self.name}".strip()


class Setting(Synced, Base):
    """Key/value settings (letterhead, sender, envelope rounding…); ``value`` is JSON text."""

    __tablename__ = "settings"
    __derived_id__ = True  # id = uuid5(key): the same setting made on two laptops is one row

    key: Mapped[str] = mapped_column(String(100), unique=True)
    value: Mapped[str] = mapped_column(Text, default="null")
