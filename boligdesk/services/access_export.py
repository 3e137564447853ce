"""``desk.access``: the citizen's right of access ("Udlevér oplysninger") — everything stored about them.

:meth:`AccessService.collect` walks :data:`~boligdesk.services.personal_data.CASE_LINKS` (every table
that holds a case's data; a test fails for a table left out) and returns every row of the case as
:class:`Item` values. The household, the journal, contact notes and the letters may hold *other*
people's data (a partner, children, staff): those items are marked ``others`` so the review dialog
suggests them for redaction; the adviser decides. Staff names can be left out as a whole.

:meth:`AccessService.release` writes one PDF and a JSON file next to it (same name, ``.json``) with what
remains after redaction, and records the release in the audit log (counts only, never content).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import UserInputError
from boligdesk.models import Case, Draft
from boligdesk.models.atomic import atomic_write_bytes
from boligdesk.services.desk import live
from boligdesk.services.fields import shown
from boligdesk.services.personal_data import CASE_LINKS, Treatment, field_tables, treatments

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

#: The Danish heading of each table in the export (a test holds every linked table to having one).
SECTIONS: dict[str, str] = {
    "cases": "Sagen",
    "persons": "Lejeren",
    "households": "Husstanden",
    "household_members": "Husstandens medlemmer",
    "tenancies": "Lejemålet",
    "case_kind_changes": "Sagstype (historik)",
    "case_codes": "Registreringer (årsager, rådgivning, tjekliste)",
    "arrears_items": "Restancen",
    "contact_attempts": "Kontaktforsøg",
    "journal_notes": "Journal",
    "follow_ups": "Opfølgninger",
    "budgets": "Budgetter",
    "budget_lines": "Budgetposter",
    "receipts": "Kvitteringer",
    "envelope_plans": "Kuvertplaner",
    "envelope_spendings": "Forbrug fra kuverter",
    "repayment_plans": "Afdragsordninger",
    "instalments": "Afdrag",
    "payments": "Indbetalinger",
    "generated_letters": "Breve sendt",
    "audit_events": "Revisionslog for sagen (hvem har åbnet, ændret, udskrevet)",
    "erasures": "Sletning af personoplysninger",
    "drafts": "Kladder (tekst, der ikke er gemt endnu)",
    "case_contacts": "Faglige kontakter knyttet til sagen",
    "consents": "Samtykker",
    "applications": "Ansøgninger og afgørelser",
    "courses": "Forløb (metode og planlagt længde)",
    "course_extensions": "Forlængelser af forløb, med begrundelse",
    "case_tags": "Sagstyper og aktiviteter",
    "documents": "Dokumenter modtaget (filerne ligger i mappen ved siden af)",
}

#: Tables whose rows may hold other people's data: suggested for redaction.
_OTHERS = {"household_members", "journal_notes", "contact_attempts", "generated_letters", "case_contacts"}

_LABELS = {
    "text": "Tekst",
    "note": "Note",
    "amount": "Beløb",
    "title": "Titel",
    "kind": "Type",
    "category": "Kategori",
    "code": "Kode",
    "qualifier": "Uddybning",
    "period": "Periode",
    "at": "Tidspunkt",
    "channel": "Kanal",
    "result": "Resultat",
    "by": "Udført af",
    "author": "Skrevet af",
    "written_at": "Skrevet",
    "due_on": "Dato",
    "done_on": "Udført",
    "made_on": "Lavet",
    "made_by": "Lavet af",
    "made_at": "Lavet",
    "frequency": "Hyppighed",
    "need": "Behov",
    "bought_on": "Købt",
    "template": "Skabelon",
    "body_text": "Brevets tekst",
    "pdf": "PDF",
    "sha256": "Kontrolsum",
    "status": "Status",
    "debt": "Gæld",
    "start_on": "Start",
    "months": "Måneder",
    "instalment": "Afdrag pr. måned",
    "assessment": "Vurdering",
    "agreed_on": "Aftalt",
    "paid_on": "Betalt",
    "registered_by": "Registreret af",
    "actor": "Medarbejder",
    "action": "Handling",
    "entity": "Hvad",
    "detail": "Detaljer",
    "erased_on": "Slettet",
    "erased_by": "Slettet af",
    "reason": "Grund",
    "content": "Indhold",
    "changed_at": "Ændret",
    "changed_by": "Ændret af",
    "number": "Sagsnummer",
    "closed_on": "Lukket",
    "outcome": "Udfald",
    "birth_date": "Fødselsdato",
    "spent": "Brugt",
    "seq": "Nr.",
    "version": "Version",
    "reminder_fee": "Rykkergebyr",
    "is_tenant": "Er lejeren",
    "pays_in": "Betaler til husstanden",
    "is_daily_money": "Dagpenge-post",
    "device": "Computer",
    "envelope_index": "Kuvert nr.",
    "pay_day": "Lønningsdag",
    "rounding_unit": "Afrunding",
    "leftover_rule": "Overskydende dage",
    "agreed_via": "Aftalt via",
    "rent": "Husleje",
    "ended_on": "Afsluttet",
    "saved_at": "Gemt",
    "slot": "Brev",
    # found in the audit of issue 14: these were printed to the citizen as their column names
    "reminder_received_on": "Rykker modtaget",
    "bailiff_request_on": "Begæring om udsættelse",
    "hearing_on": "Retsmøde",
    "eviction_on": "Udsættelse",
    "eviction_time_from": "Udsættelse fra kl.",
    "eviction_time_to": "Udsættelse til kl.",
    "rescheduled_eviction_on": "Udsættelse flyttet til",
    "withdrawn_on": "Trukket tilbage",
    "closing_age": "Alder ved lukning",
    "closing_children": "Børn ved lukning",
    "first_contact_channel": "Første kontakt via",
    "tenancy_years_at_move_out": "År i lejemålet ved fraflytning",
    "arrears_at_move_out": "Restance ved fraflytning",
    "move_out_cause": "Årsag til fraflytning",
    "stats_excluded": "Holdt uden for statistikken",
    "advice_offer_answer": "Svar på tilbud om rådgivning",
    "arrears_covered_by": "Restancen dækket af",
    "applied_to_arrears": "Går til restancen",
}

# Ordering of lines on screen: not information about anyone, and meaningless to the citizen.
_HIDDEN = {"id", "created_at", "updated_at", "updated_by", "field_clocks", "deleted", "sort_order"}


def _code_text(table: str, name: str, row: Any) -> str | None:
    """Stored codes in Danish (a registration's value, a budget line's category); None: not a code."""
    from boligdesk.budget import vocabulary as v
    from boligdesk.budget.categories import category_label

    value = getattr(row, name)
    if table == "budget_lines" and name == "category":
        return category_label(str(value))
    if table == "case_codes" and name in ("code", "qualifier") and value:
        lists: dict[str, type[v.LabelledEnum]] = {
            "trigger": v.Trigger,
            "cause": v.Cause,
            "advice_topic": v.AdviceTopic,
            "practical_help": v.PracticalHelp,
            "checklist": v.ChecklistItem,
        }
        category = str(getattr(row, "category", ""))
        enum = (
            lists.get(category)
            if name == "code"
            else (v.Certainty if category == "cause" else v.ChecklistAnswer)
        )
        try:
            return enum(value).label if enum is not None else str(value)
        except ValueError:
            return str(value)  # a code this version does not know: shown as stored, nothing hidden
    return None


REDACTED = "[Udeladt]"


@dataclass(frozen=True, slots=True)
class Value:
    name: str  # the column
    label: str  # Danish
    shown: str  # as the adviser reads it
    raw: Any  # JSON-ready
    staff: bool  # the name of a member of staff


@dataclass(frozen=True, slots=True)
class Item:
    """One stored row about the case: the table, its Danish section, and its values."""

    key: str  # "table:id": what the adviser ticks to redact
    table: str
    section: str
    values: tuple[Value, ...]
    others: bool  # may hold other people's data (suggested for redaction)
    deleted: bool  # a deleted row still kept (a tombstone)

    @property
    def summary(self) -> str:
        """A one-line description for the review list (first non-empty values)."""
        parts = [v.shown for v in self.values if v.shown and not v.staff][:3]
        text = " · ".join(parts)
        return text if len(text) <= 120 else text[:119] + "…"


@dataclass(frozen=True, slots=True)
class AccessExport:
    case_id: str
    case_number: str
    made_on: dt.date
    items: tuple[Item, ...]
    tables: tuple[str, ...] = field(default_factory=tuple)  # every table looked in, in order

    def sections(self) -> list[tuple[str, list[Item]]]:
        found: dict[str, list[Item]] = {t: [] for t in self.tables}
        for item in self.items:
            found.setdefault(item.table, []).append(item)
        return [(SECTIONS.get(t, t), rows) for t, rows in found.items()]


@dataclass(frozen=True, slots=True)
class Released:
    pdf: Path
    json: Path
    items: int
    redacted: int
    documents: Path | None = None  # the folder beside the PDF with the case's documents (files)

    def lines(self) -> list[str]:
        return [
            f"Oplysningerne er gemt i {self.pdf.name} og {self.json.name} i {self.pdf.parent}.",
            f"{self.items} oplysninger udleveret, {self.redacted} udeladt. Udleveringen er noteret i revisionsloggen.",
            *(
                [f"Sagens dokumenter er gemt i mappen »{self.documents.name}« ved siden af."]
                if self.documents
                else []
            ),
        ]


def _labels_for(table: str) -> dict[str, str]:
    for ft in field_tables():
        if ft.table == table:
            return ft.labels()
    return {}


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, bytes):
        return f"PDF-fil ({max(1, len(value) // 1024)} kB)"
    if isinstance(value, dt.datetime):
        return f"{value:%d.%m.%Y kl. %H.%M}"
    if isinstance(value, dt.time):
        return f"{value:%H.%M}"
    return shown(value)


def _raw(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Money):
        return {"ore": value.ore}
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return {"pdf_base64": base64.b64encode(value).decode("ascii")}
    return str(value)


def collect_case(session: Session, case_id: str, today: dt.date) -> AccessExport:
    """Every row stored about ``case_id`` (tombstones included: they are still stored)."""
    from boligdesk.services.personal_data import case_row_ids

    case = live(session, Case, case_id)
    found = case_row_ids(session, [case_id])
    items: list[Item] = []
    tables: list[str] = []
    for link in CASE_LINKS:
        model: Any = link.model
        table = model.__tablename__
        tables.append(table)
        kinds = treatments(model)
        labels = _labels_for(table)
        if model is Draft:
            rows = list(session.scalars(select(Draft).where(Draft.case_id == case_id)))
        else:
            ids = sorted(found.get(model, {}))
            rows = list(session.scalars(select(model).where(model.id.in_(ids)))) if ids else []
        rows.sort(key=lambda r: getattr(r, "created_at", None) or dt.datetime.min)  # oldest first
        row: Any
        for row in rows:
            if table == "audit_events":
                items.append(_audit_item(row))
                continue
            if table == "documents":
                from boligdesk.services.documents import export_item

                items.append(export_item(row, kinds, labels, sum(i.table == table for i in items) + 1))
                continue
            values = tuple(
                Value(
                    name,
                    labels.get(name) or _LABELS.get(name, name),
                    _draft_text(row.content)
                    if model is Draft and name == "content"
                    else _code_text(table, name, row) or _shown(getattr(row, name)),
                    _raw(getattr(row, name)),
                    kind is Treatment.STAFF,
                )
                for name, kind in kinds.items()
                if name not in _HIDDEN and not name.endswith("_id")
            )
            key = f"{table}:{row.id}" if model is not Draft else f"drafts:{row.kind}:{row.slot}"
            others = table in _OTHERS and not getattr(row, "is_tenant", False)
            items.append(
                Item(
                    key,
                    table,
                    SECTIONS.get(table, table),
                    values,
                    others,
                    bool(getattr(row, "deleted", False)),
                )
            )
    return AccessExport(case_id, case.number, today, tuple(items), tuple(tables))


def _draft_text(content: str) -> str:
    """A draft's fields (stored as JSON) as the text typed."""
    try:
        data = json.loads(content or "{}")
    except ValueError:
        return content
    if not isinstance(data, dict):
        return content
    return "\n".join(str(v) for v in data.values() if isinstance(v, str) and v.strip())


def _audit_item(row: Any) -> Item:
    """An audit event in local time with Danish words (the computer's id only in the JSON)."""
    from boligdesk.services.audit_log import entity_label, local_time

    values = (
        Value(
            "at",
            "Tidspunkt",
            f"{local_time(row.at):%d.%m.%Y %H.%M}",
            local_time(row.at).isoformat(timespec="seconds"),
            False,
        ),
        Value("action", "Handling", row.action.label, row.action.value, False),
        Value("entity", "Hvad", entity_label(row.entity), row.entity, False),
        Value("actor", "Medarbejder", row.actor, row.actor, True),
        Value("device", "Computer", "", row.device, False),
        Value("detail", "Detaljer", row.detail, row.detail, False),
    )
    return Item(f"audit_events:{row.id}", "audit_events", SECTIONS["audit_events"], values, False, False)


def as_json(
    export: AccessExport, redacted: Iterable[str] = (), *, hide_staff: bool = False
) -> dict[str, Any]:
    """The export as JSON data: ``{"tables": {table: [row, ...]}}``; a redacted row says so only."""
    skip = set(redacted)
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in export.tables}
    for item in export.items:
        if item.key in skip:
            tables[item.table].append({"udeladt": True})
            continue
        row = {v.name: (REDACTED if hide_staff and v.staff else v.raw) for v in item.values}
        if item.deleted:
            row["slettet_række"] = True
        tables[item.table].append(row)
    return {
        "sag": export.case_number,
        "udleveret": export.made_on.isoformat(),
        "tabeller": tables,
        "overskrifter": {t: SECTIONS.get(t, t) for t in export.tables},
    }


class AccessService:
    """``desk.access``: collect, review and release what is stored about a case's citizen."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def collect(self, case_id: str) -> AccessExport:
        with self._desk.reading() as s:
            return collect_case(s, case_id, self._desk.today())

    def pdf(self, export: AccessExport, redacted: Iterable[str] = (), *, hide_staff: bool = False) -> bytes:
        from boligdesk.letters.access_pdf import render_access_pdf

        organisation = self._desk.letters.letterhead().organisation
        return render_access_pdf(export, set(redacted), hide_staff=hide_staff, organisation=organisation)

    def release(
        self, export: AccessExport, out: Path, redacted: Iterable[str] = (), *, hide_staff: bool = False
    ) -> Released:
        """Write ``out`` (PDF) and ``out`` with ``.json``; record the release (counts only)."""
        if not out.name or out.is_dir():  # "--out ''" or "--out FOLDER": say so, never write beside it
            raise UserInputError(
                "out", "access.out_not_file", f"Skriv et filnavn til PDF'en, fx {out / 'indsigt.pdf'}."
            )
        skip = {i.key for i in export.items} & set(redacted)
        pdf_path = out if out.suffix.casefold() == ".pdf" else out.with_name(out.name + ".pdf")
        json_path = pdf_path.with_suffix(".json")
        data = json.dumps(as_json(export, skip, hide_staff=hide_staff), ensure_ascii=False, indent=2)
        atomic_write_bytes(pdf_path, self.pdf(export, skip, hide_staff=hide_staff), what="PDF-filen")
        atomic_write_bytes(json_path, data.encode("utf-8"), what="JSON-filen")
        from boligdesk.services.documents import write_beside

        folder = write_beside(self._desk, export, skip, pdf_path)
        self._desk.record(
            AuditAction.RELEASE,
            "case",
            export.case_id,
            case_id=export.case_id,
            detail=f"items={len(export.items) - len(skip)},redacted={len(skip)},staff_hidden={int(hide_staff)}",
        )
        return Released(pdf_path, json_path, len(export.items) - len(skip), len(skip), folder)
