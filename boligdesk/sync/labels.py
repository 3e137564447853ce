"""Danish names for tables, fields and values, as the "Konflikter" list shows them.

The fields of the tenant, the household members, the tenancy and the case are named by their field
tables (``services/tenant.py``, ``household.py``, ``tenancy.py``, ``cases.py``), so the conflict list
calls a field what the form, its error messages and the import preview call it. The rest are listed here.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Boolean, Date, DateTime, Enum, LargeBinary, Time

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.ratebook import TABLES, figures_text
from boligdesk.models.base import MoneyType
from boligdesk.services.applications import APPLICATION_FIELDS
from boligdesk.services.cases import CASE_FIELDS
from boligdesk.services.consent import CONSENT_FIELDS
from boligdesk.services.contacts import CONTACT_FIELDS
from boligdesk.services.courses import COURSE_FIELDS, EXTENSION_FIELDS
from boligdesk.services.fields import all_labels
from boligdesk.services.household import MEMBER_FIELDS
from boligdesk.services.tags import TAG_FIELDS
from boligdesk.services.tenancy import TENANCY_FIELDS
from boligdesk.services.tenant import TENANT_FIELDS
from boligdesk.sync.serialize import JsonValue, codecs

TABLE_LABELS = {
    "advisers": "Rådgiver",
    "housing_associations": "Boligorganisation",
    "estates": "Afdeling",
    "settings": "Indstilling",
    "rate_entries": "Sats",
    "persons": "Person",
    "households": "Husstand",
    "household_members": "Husstandsmedlem",
    "tenancies": "Lejemål",
    "cases": "Sag",
    "case_kind_changes": "Sagstype-historik",
    "case_codes": "Registrering",
    "arrears_items": "Restancepost",
    "contact_attempts": "Kontaktforsøg",
    "journal_notes": "Journalnotat",
    "follow_ups": "Opfølgning",
    "budgets": "Budget",
    "budget_lines": "Budgetpost",
    "receipts": "Kvittering",
    "envelope_plans": "Kuvertplan",
    "envelope_spendings": "Kuvertforbrug",
    "repayment_plans": "Afdragsordning",
    "instalments": "Afdrag",
    "payments": "Indbetaling",
    "generated_letters": "Brev",
    "contacts": "Kontakt",
    "case_contacts": "Kontakt på sag",
    "consents": "Samtykke",
    "applications": "Ansøgning",
    "courses": "Forløb",
    "course_extensions": "Forlængelse af forløb",
    "case_tags": "Sagstype eller aktivitet",
    "documents": "Dokument",
    "audit_events": "Logpost",
    "stat_baselines": "Indtastet statistiktal",
}

#: ``{sql table: {field: label}}`` from the field tables.
TABLE_FIELD_LABELS = all_labels(
    (
        TENANT_FIELDS,
        MEMBER_FIELDS,
        TENANCY_FIELDS,
        CASE_FIELDS,
        CONTACT_FIELDS,
        CONSENT_FIELDS,
        APPLICATION_FIELDS,
        COURSE_FIELDS,
        EXTENSION_FIELDS,
        TAG_FIELDS,
    )
)

#: Fields no field table declares (sync columns, other aggregates, closing registration …).
FIELD_LABELS = {
    "deleted": "Slettet",
    "name": "Navn",
    "initials": "Initialer",
    "title": "Titel",
    "phone": "Telefon",
    "email": "E-mail",
    "address": "Adresse",
    "number": "Nummer",
    "max_plan_months": "Længste afdragsordning (mdr.)",
    "phone_plan_max_months": "Længste aftale pr. telefon (mdr.)",
    "key": "Nøgle",
    "value": "Værdi",
    "role": "Rolle",
    "is_tenant": "Er lejer",
    "sort_order": "Rækkefølge",
    "closed_on": "Afsluttet",
    "arrears": "Restance",
    "reminder_fee": "Rykkergebyr",
    "reminder_received_on": "Påkrav modtaget",
    "bailiff_request_on": "Fogedrekvisition",
    "hearing_on": "Retsmøde",
    "eviction_on": "Udsættelse",
    "eviction_time_from": "Udsættelse fra kl.",
    "eviction_time_to": "Udsættelse til kl.",
    "rescheduled_eviction_on": "Omberammet udsættelse",
    "withdrawn_on": "Tilbagekaldt",
    "arrears_covered": "Restance dækket",
    "outcome": "Udfald",
    "closing_age": "Alder ved afslutning",
    "closing_children": "Børn ved afslutning",
    "first_contact_channel": "Første kontakt",
    "tenancy_years_at_move_out": "År i lejemålet ved fraflytning",
    "arrears_at_move_out": "Restance ved fraflytning",
    "move_out_cause": "Årsag til fraflytning",
    "stats_excluded": "Udeladt af statistikken",
    "advice_offer_answer": "Svar på tilbud om rådgivning",
    "arrears_covered_by": "Restancen dækket af",
    "figure": "Tal for",
    "count": "Antal",
    "entered_by": "Indtastet af",
    "year": "År",
    "changed_at": "Ændret",
    "changed_by": "Ændret af",
    "category": "Kategori",
    "code": "Kode",
    "qualifier": "Uddybning",
    "period": "Periode",
    "text": "Tekst",
    "amount": "Beløb",
    "at": "Tidspunkt",
    "channel": "Kanal",
    "result": "Resultat",
    "note": "Note",
    "by": "Udført af",
    "written_at": "Skrevet",
    "author": "Skrevet af",
    "due_on": "Forfald",
    "done_on": "Udført",
    "made_on": "Lavet",
    "made_by": "Lavet af",
    "frequency": "Hyppighed",
    "need": "Need to have / nice to have",
    "is_daily_money": "Dagligdagspenge",
    "bought_on": "Købt",
    "pay_day": "Lønningsdag",
    "start_on": "Start",
    "rounding_unit": "Afrunding",
    "leftover_rule": "Restdage",
    "envelope_index": "Kuvert nr.",
    "spent": "Brugt",
    "version": "Version",
    "status": "Status",
    "debt": "Gæld",
    "months": "Måneder",
    "instalment": "Afdrag",
    "agreed_via": "Aftalt via",
    "assessment": "Vurdering",
    "agreed_on": "Aftalt",
    "ended_on": "Ophørt",
    "seq": "Nr.",
    "paid_on": "Betalt",
    "registered_by": "Registreret af",
    "template": "Skabelon",
    "made_at": "Lavet",
    "body_text": "Brevtekst",
    "pdf": "PDF",
    "table_key": "Satstabel",
    "valid_from": "Gælder fra",
    "figures": "Beløb",
    "source_title": "Kilde",
    "source_url": "Kildens adresse",
    "verified": "Verificeret",
    "received_on": "Modtaget",
    "file_name": "Filnavn",
    "media_type": "Filtype",
    "size": "Størrelse",
    "sha256": "Kontrolsum",
    "added_by": "Vedhæftet af",
    "added_on": "Vedhæftet",
    "content": "Fil",
}


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def field_label(field: str, table: str = "") -> str:
    """The Danish name of ``field`` (of SQL ``table``, when given: "name" is a member's "Navn")."""
    declared = TABLE_FIELD_LABELS.get(table, {})
    if field in declared:
        return declared[field]
    if field in FIELD_LABELS:
        return FIELD_LABELS[field]
    for labels in TABLE_FIELD_LABELS.values():
        if field in labels:
            return labels[field]
    if field.endswith("_id"):
        return "Henvisning"
    return field.replace("_", " ").capitalize()


def rate_value_label(field: str, value: JsonValue) -> str | None:
    """A rate entry's table and figures as the Satser window shows them (None: the general rules)."""
    if field == "table_key" and isinstance(value, str):
        return TABLES[value].label if value in TABLES else value
    if field == "figures" and isinstance(value, str):
        try:
            figures = json.loads(value)
        except ValueError:
            return None
        return figures_text("", figures) if not isinstance(figures, dict) else _figures(figures)
    return None


def _figures(figures: dict[str, object]) -> str:
    """``Første voksne: 7.500,00 kr.; …`` — the table is found from the figure names."""
    for key, spec in TABLES.items():
        if set(figures) == set(spec.keys):
            return figures_text(key, figures)
    return figures_text("", figures)


def value_label(table: str, field: str, value: JsonValue) -> str:
    """A stored (serialised) value as the adviser reads it: ``1.234,50 kr.``, ``24.11.2026``, ``Ja``."""
    if field == "deleted":
        return "Slettet" if value else "Findes"
    if value is None or value == "":
        return "(tom)"
    if table == "rate_entries":
        shown = rate_value_label(field, value)
        if shown is not None:
            return shown
    codec = codecs().get(table)
    column = codec.table.columns.get(field) if codec is not None else None
    col_type = column.type if column is not None else None
    if isinstance(col_type, MoneyType) and isinstance(value, int):
        return Money(value).format()
    if isinstance(col_type, Boolean):
        return "Ja" if value else "Nej"
    if isinstance(col_type, DateTime):
        moment = dt.datetime.fromisoformat(str(value))
        return f"{format_short(moment.date())} kl. {moment:%H.%M}"
    if isinstance(col_type, Date):
        return format_short(dt.date.fromisoformat(str(value)))
    if isinstance(col_type, Time):
        return f"{dt.time.fromisoformat(str(value)):%H.%M}"
    if isinstance(col_type, Enum) and col_type.enum_class is not None:
        try:
            member = col_type.enum_class(value)
        except ValueError:
            return str(value)
        return str(getattr(member, "label", value))
    if isinstance(col_type, LargeBinary):
        return f"(PDF, {len(str(value)) * 3 // 4 // 1024} kB)"
    if field.endswith("_id"):
        return str(value)[:8]
    return str(value)
