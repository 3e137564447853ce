"""``desk.retention``: how long the organisation keeps closed cases, and which are past that date.

The organisation sets it (Indstillinger → Opbevaring): months after closing, the reference it relies on
(its own policy, the archive rules that bind a municipality, the data-processing agreement — free text)
and whether cases past the date are anonymised or kept. BoligDesk ships **no** period: until it is set,
the setting says "ikke sat" and nothing is listed as due. It is one synced setting for the whole team.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from boligdesk.budget.calendar import add_months, format_short
from boligdesk.errors import UserInputError
from boligdesk.models import Case, Person, Setting
from boligdesk.services.changes import Changes, Part
from boligdesk.services.erasure import ErasureResult, erased_case_ids
from boligdesk.services.letters import setting_id

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

SETTING_KEY = "retention"
ANONYMISE = "anonymise"
KEEP = "keep"
ACTIONS = {ANONYMISE: "Anonymisér (slet personoplysninger)", KEEP: "Behold sagerne"}
MAX_MONTHS = 1200


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    months: int | None = None
    reference: str = ""
    action: str = ""  # ANONYMISE, KEEP or "" (not chosen)

    @property
    def is_set(self) -> bool:
        return self.months is not None and self.action in ACTIONS

    def text(self) -> str:
        """One line for the settings and the command line."""
        if not self.is_set:
            return "Opbevaringsperiode: ikke sat"
        return (
            f"Lukkede sager opbevares {self.months} måneder efter lukning; derefter: "
            f"{ACTIONS[self.action].lower()}.\nGrundlag: {self.reference}"
        )

    def to_json(self) -> str:
        return json.dumps({"months": self.months, "reference": self.reference, "action": self.action})

    @classmethod
    def from_json(cls, raw: str | None) -> RetentionPolicy:
        try:
            data = json.loads(raw or "null")
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        months = data.get("months")
        return cls(
            months if isinstance(months, int) and not isinstance(months, bool) else None,
            str(data.get("reference") or ""),
            str(data.get("action") or ""),
        )


@dataclass(frozen=True, slots=True)
class DueCase:
    case_id: str
    number: str
    tenant_name: str
    closed_on: dt.date
    due_on: dt.date

    def line(self) -> str:
        return f"{self.number}\t{self.tenant_name}\tlukket {format_short(self.closed_on)}\tudløb {format_short(self.due_on)}"


def parse_policy(months: object, reference: str, action: str) -> RetentionPolicy:
    """Check what the organisation typed; Danish messages naming the field."""
    text = str(months).strip() if months is not None else ""
    if not text.isdigit() or not 1 <= int(text) <= MAX_MONTHS:
        raise UserInputError(
            "months", "retention.months", f"Skriv antal måneder som et helt tal fra 1 til {MAX_MONTHS}."
        )
    ref = " ".join(reference.split())
    if not ref:
        raise UserInputError(
            "reference",
            "retention.reference",
            "Skriv, hvad perioden bygger på (f.eks. organisationens egen politik, arkivregler eller "
            "databehandleraftalen).",
        )
    if len(ref) > 300:
        raise UserInputError(
            "reference", "retention.reference_long", "Grundlaget er for langt (højst 300 tegn)."
        )
    if action not in ACTIONS:
        raise UserInputError(
            "action", "retention.action", "Vælg, om sagerne skal anonymiseres eller beholdes."
        )
    return RetentionPolicy(int(text), ref, action)


class RetentionService:
    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def policy(self) -> RetentionPolicy:
        with self._desk.reading() as s:
            row = s.scalars(
                select(Setting).where(Setting.key == SETTING_KEY, Setting.deleted.is_(False))
            ).first()
            return RetentionPolicy.from_json(row.value if row is not None else None)

    def set_policy(self, months: object, reference: str, action: str) -> Changes:
        policy = parse_policy(months, reference, action)
        with self._desk.writing() as s:
            row = s.get(Setting, setting_id(SETTING_KEY))
            if row is None:
                row = Setting(id=setting_id(SETTING_KEY), key=SETTING_KEY)
                s.add(row)
            row.value = policy.to_json()
            row.deleted = False
        return Changes.of(None, Part.SETTINGS)

    def due(self, policy: RetentionPolicy | None = None) -> list[DueCase]:
        """Closed cases past the retention date and not erased yet, oldest first ([] while not set)."""
        policy = policy or self.policy()
        if policy.months is None:
            return []
        today = self._desk.today()
        with self._desk.reading() as s:
            erased = erased_case_ids(s)
            rows = s.execute(
                select(Case.id, Case.number, Case.closed_on, Person.first_name, Person.last_name)
                .join(Person, Person.id == Case.tenant_id)
                .where(Case.closed_on.is_not(None), Case.deleted.is_(False))
                .order_by(Case.closed_on, Case.number)
            ).all()
        found: list[DueCase] = []
        for case_id, number, closed_on, first, last in rows:
            if closed_on is None:
                continue
            due_on = add_months(closed_on, policy.months)
            if due_on <= today and case_id not in erased:
                found.append(DueCase(case_id, number, f"{first} {last}".strip(), closed_on, due_on))
        return found

    def apply(self) -> ErasureResult:
        """Anonymise every due case — only when the organisation chose "anonymise"."""
        policy = self.policy()
        if not policy.is_set:
            raise UserInputError(
                "retention",
                "retention.not_set",
                "Opbevaringsperioden er ikke sat. Sæt den under Indstillinger → Opbevaring.",
            )
        if policy.action != ANONYMISE:
            raise UserInputError(
                "retention",
                "retention.keep",
                "Organisationen har valgt at beholde sager efter opbevaringsperioden. Intet er slettet.",
            )
        return self._desk.erasure.erase([c.case_id for c in self.due(policy)], reason="retention")
