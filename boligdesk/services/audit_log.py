"""``desk.audit_log``: reading the audit log — who opened, changed, printed, exported or erased what.

The log is written elsewhere (the store's flush hook for row changes, :meth:`Desk.record` for the rest)
and travels through sync like any row. Here it is read for the data-protection officer or team leader:
filtered by case, adviser, kind and period, shown in local time, and exported to XLSX (every cell stored
as text, never run as a formula; ``importers/table_file.py``). Exporting the log is itself recorded.

:class:`OpenVisits` is the rule for "opened": a case is recorded as opened once per visit — again only
after the window was locked and unlocked, or after 30 minutes without input — not on every click.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import UserInputError
from boligdesk.models import AuditEvent, Case
from boligdesk.services.changes import Changes, Part

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

VISIT_GAP = dt.timedelta(minutes=30)
"""Without input for this long, opening a case again is a new visit (recorded again)."""


class OpenVisits:
    """Which cases were opened in the current visit (pure; the desk holds one)."""

    def __init__(self) -> None:
        self._recorded: set[str] = set()
        self._last_input: dt.datetime | None = None

    def input(self, now: dt.datetime) -> None:
        """The adviser did something (typed, clicked). A gap of :data:`VISIT_GAP` before it starts a visit."""
        if self._last_input is not None and now - self._last_input >= VISIT_GAP:
            self._recorded.clear()
        self._last_input = now

    def unlock(self) -> None:
        """The window was locked and unlocked (or the profile opened): a new visit."""
        self._recorded.clear()
        self._last_input = None

    def opened(self, case_id: str, now: dt.datetime) -> bool:
        """The case was opened now: True when that is to be recorded (first time in this visit)."""
        self.input(now)
        if case_id in self._recorded:
            return False
        self._recorded.add(case_id)
        return True


#: The kinds the window filters by, with the actions each covers.
KINDS: dict[str, tuple[str, frozenset[AuditAction]]] = {
    "opened": ("Åbnet", frozenset({AuditAction.OPEN})),
    "changed": (
        "Ændret",
        frozenset({AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE, AuditAction.IMPORT}),
    ),
    "printed": ("Udskrevet", frozenset({AuditAction.PRINT})),
    "exported": ("Eksporteret eller udleveret", frozenset({AuditAction.EXPORT, AuditAction.RELEASE})),
    "erased": ("Personoplysninger slettet", frozenset({AuditAction.ERASE})),
}

_ENTITY = {
    "case": "Sag",
    "person": "Lejer",
    "household": "Husstand",
    "household_member": "Husstandsmedlem",
    "tenancy": "Lejemål",
    "case_kind_change": "Sagstype",
    "case_code": "Registrering",
    "arrears_item": "Restancepost",
    "contact_attempt": "Kontaktforsøg",
    "journal_note": "Journalnote",
    "follow_up": "Opfølgning",
    "budget": "Budget",
    "budget_line": "Budgetpost",
    "receipt": "Kvittering",
    "envelope_plan": "Kuvertplan",
    "envelope_spending": "Kuvertforbrug",
    "repayment_plan": "Afdragsordning",
    "instalment": "Afdrag",
    "payment": "Indbetaling",
    "generated_letter": "Brev",
    "letter": "Brev",
    "erasure": "Sletning",
    "audit_log": "Revisionslog",
    "estate": "Afdeling",
    "housing_association": "Boligorganisation",
    "adviser": "Rådgiver",
    "setting": "Indstilling",
    "document": "Dokument",
}


def entity_label(entity: str) -> str:
    return _ENTITY.get(entity, entity)


def local_time(utc: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as this computer's local wall time (naive)."""
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _utc(local: dt.datetime) -> dt.datetime:
    return local.astimezone(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class AuditFilter:
    case_number: str = ""
    adviser: str = ""
    kinds: frozenset[str] = field(default_factory=frozenset)  # empty: every kind
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive

    def __post_init__(self) -> None:  # a period given backwards matched nothing, silently
        if self.date_from is not None and self.date_to is not None and self.date_from > self.date_to:
            raise UserInputError(
                "to",
                "audit.period",
                f"Fra-datoen ({self.date_from:%d.%m.%Y}) ligger efter til-datoen ({self.date_to:%d.%m.%Y}). "
                "Byt om på dem.",
            )


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: dt.datetime  # local time
    action: AuditAction
    entity: str
    entity_id: str
    case_id: str | None
    case_number: str
    actor: str
    device: str
    detail: str

    @property
    def action_label(self) -> str:
        return self.action.label

    @property
    def entity_label(self) -> str:
        return entity_label(self.entity)

    def cells(self) -> list[str]:
        return [
            f"{self.at:%d.%m.%Y %H.%M.%S}",
            self.action_label,
            self.entity_label,
            self.case_number,
            self.actor,
            self.device[:8],
            detail_text(self.detail, self.entity),
        ]


def _field_label(entity: str, name: str) -> str:
    from boligdesk.services.access_export import _LABELS
    from boligdesk.services.personal_data import field_tables

    for ft in field_tables():
        if ft.table.rstrip("s") == entity.rstrip("s") or ft.table == entity:
            found = ft.labels().get(name)
            if found:
                return found.lower()
    label = _LABELS.get(name) or _MORE_LABELS.get(name)
    if label is None and name.endswith("_id"):
        label = _ENTITY.get(name.removesuffix("_id")) or _MORE_LABELS.get(name.removesuffix("_id"))
    return label.lower() if label else name


_MORE_LABELS = {
    "phone": "Telefon",
    "email": "E-mail",
    "name": "Navn",
    "initials": "Initialer",
    "title": "Titel",
    "adviser": "Rådgiver",
    "estate": "Afdeling",
    "phase": "Fase",
    "kind": "Type",
    "value": "Værdi",
}


def detail_text(detail: str, entity: str = "") -> str:
    """An event's detail as the window and the Excel file show it: in Danish (the stored form, kept as it
    is in ``--json``, is for programs). Found in the audit of issue 14: the DPO read
    »items=35,redacted=0,staff_hidden=0« and »fields=phone,email«. Unknown forms are shown as stored."""
    pairs = dict(part.split("=", 1) for part in detail.replace(" ", ",").split(",") if "=" in part)
    if detail.startswith("fields="):
        names = [_field_label(entity, n) for n in detail.removeprefix("fields=").split(",") if n]
        return "Felter: " + ", ".join(names)
    if {"items", "redacted"} <= pairs.keys():
        text = f"{pairs['items']} oplysninger udleveret, {pairs['redacted']} udeladt"
        return text + (", medarbejdernes navne udeladt" if pairs.get("staff_hidden") == "1" else "")
    if {"created", "updated", "unchanged", "rejected"} <= pairs.keys():
        return (
            f"{pairs['created']} oprettet, {pairs['updated']} ændret, {pairs['unchanged']} uændret, "
            f"{pairs['rejected']} afvist"
        )
    if detail.startswith("rows="):
        return f"{detail.removeprefix('rows=')} rækker"
    if detail.startswith("template="):
        template, *flags = detail.removeprefix("template=").split(";")
        extra = {"batch": "samlet udskrift", "again": "igen", "postcards": "postkort"}
        said = [extra.get(f, f) for f in flags]
        return f"Skabelon {template}" + (f" ({', '.join(said)})" if said else "")
    if detail.startswith("key_rotated:"):
        return f"Teamets nøgle skiftet (nr. {detail.removeprefix('key_rotated:')})"
    if detail.startswith("backup:"):
        return f"Sikkerhedskopi {detail.removeprefix('backup:')}"
    if detail.startswith("reason="):
        return f"Grund: {detail.removeprefix('reason=')}"
    return detail


HEADERS = ["Tidspunkt", "Handling", "Hvad", "Sag", "Medarbejder", "Computer", "Detaljer"]


class AuditLogService:
    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def rows(self, flt: AuditFilter = AuditFilter(), *, limit: int | None = 10_000) -> list[AuditRow]:
        """The events matching ``flt``, newest first (at most ``limit``; ``None``: all of them)."""
        query = select(AuditEvent, Case.number).outerjoin(Case, Case.id == AuditEvent.case_id)
        if flt.case_number.strip():
            query = query.where(Case.number == flt.case_number.strip())
        if flt.adviser.strip():
            query = query.where(AuditEvent.actor == flt.adviser.strip())
        if flt.kinds:
            actions = set().union(*(KINDS[k][1] for k in flt.kinds))
            query = query.where(AuditEvent.action.in_(sorted(actions)))
        if flt.date_from is not None:
            query = query.where(AuditEvent.at >= _utc(dt.datetime.combine(flt.date_from, dt.time())))
        if flt.date_to is not None:
            end = dt.datetime.combine(flt.date_to + dt.timedelta(days=1), dt.time())
            query = query.where(AuditEvent.at < _utc(end))
        query = query.order_by(AuditEvent.at.desc(), AuditEvent.id)
        if limit is not None:
            query = query.limit(limit)
        with self._desk.reading() as s:
            return [
                AuditRow(
                    local_time(e.at),
                    e.action,
                    e.entity,
                    e.entity_id,
                    e.case_id,
                    number or "",
                    e.actor,
                    e.device,
                    e.detail,
                )
                for e, number in s.execute(query)
            ]

    def advisers(self) -> list[str]:
        """Everyone named in the log (for the filter)."""
        with self._desk.reading() as s:
            return sorted(n for n in s.scalars(select(AuditEvent.actor).distinct()) if n)

    def export(self, rows: Iterable[AuditRow], path: Path) -> Changes:
        """Write ``rows`` to ``path`` (XLSX, else CSV); the export is recorded in the log."""
        from boligdesk.importers.table_file import write_table

        listed = list(rows)
        write_table(path, HEADERS, [r.cells() for r in listed], sheet_title="Revisionslog")
        self._desk.record(AuditAction.EXPORT, "audit_log", "", case_id=None, detail=f"rows={len(listed)}")
        return Changes.of(None, Part.AUDIT)
