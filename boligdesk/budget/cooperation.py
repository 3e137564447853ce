"""Working with the municipality, the bank and the landlord: the picklists (pure, no Qt/SQLAlchemy).

* :class:`ContactRole` — who a named contact is to the adviser (issue 16, seeds 000/004).
* :class:`ShareWith` — whom the tenant may consent to share data with; every letter addressed to one of
  them checks the case's consent first.
* :class:`ConsentHow` — how the consent was given.
* :class:`ApplicationKind` / :class:`Decision` — what was applied for and what was decided.
"""

from __future__ import annotations

from enum import StrEnum


class ContactRole(StrEnum):
    CASEWORKER = "caseworker"
    JOB_CENTRE = "job_centre"
    BENEFITS_OFFICE = "benefits_office"
    LANDLORD_CONTACT = "landlord_contact"
    CARETAKER = "caretaker"
    BANK = "bank"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CONTACT_ROLE_LABELS[self]


CONTACT_ROLE_LABELS: dict[ContactRole, str] = {
    ContactRole.CASEWORKER: "Sagsbehandler (kommunen)",
    ContactRole.JOB_CENTRE: "Jobcenter",
    ContactRole.BENEFITS_OFFICE: "Ydelseskontor",
    ContactRole.LANDLORD_CONTACT: "Udlejers kontaktperson",
    ContactRole.CARETAKER: "Varmemester",
    ContactRole.BANK: "Bank",
    ContactRole.OTHER: "Andet",
}


class ShareWith(StrEnum):
    """Someone other than the tenant a letter or application may be addressed to."""

    MUNICIPALITY = "municipality"
    BANK = "bank"
    BAILIFF_COURT = "bailiff_court"
    LANDLORD = "landlord"
    UDBETALING_DANMARK = "udbetaling_danmark"

    @property
    def label(self) -> str:
        return SHARE_WITH_LABELS[self]

    @property
    def template_key(self) -> str:
        return SHARE_WITH_KEYS[self]


SHARE_WITH_LABELS: dict[ShareWith, str] = {
    ShareWith.MUNICIPALITY: "Kommunen",
    ShareWith.BANK: "Banken",
    ShareWith.BAILIFF_COURT: "Fogedretten",
    ShareWith.LANDLORD: "Udlejer (boligorganisationen)",
    ShareWith.UDBETALING_DANMARK: "Udbetaling Danmark",
}

#: The word a letter template uses in ``deles_med = …`` for each receiver.
SHARE_WITH_KEYS: dict[ShareWith, str] = {
    ShareWith.MUNICIPALITY: "kommune",
    ShareWith.BANK: "bank",
    ShareWith.BAILIFF_COURT: "fogedret",
    ShareWith.LANDLORD: "udlejer",
    ShareWith.UDBETALING_DANMARK: "udbetaling_danmark",
}


def parse_share_with(text: str) -> frozenset[ShareWith]:
    """``"kommune, bank"`` → the receivers; an unknown word raises ``ValueError`` naming it (Danish)."""
    by_key = {key: member for member, key in SHARE_WITH_KEYS.items()}
    found: set[ShareWith] = set()
    for word in (w.strip().lower() for w in text.split(",")):
        if not word:
            continue
        if word not in by_key:
            known = ", ".join(SHARE_WITH_KEYS.values())
            raise ValueError(f"»{word}« er ikke en kendt modtager (brug {known})")
        found.add(by_key[word])
    return frozenset(found)


class ConsentHow(StrEnum):
    WRITTEN = "written"
    ORAL = "oral"
    DIGITAL = "digital"

    @property
    def label(self) -> str:
        return {
            ConsentHow.WRITTEN: "Skriftligt (underskrevet)",
            ConsentHow.ORAL: "Mundtligt",
            ConsentHow.DIGITAL: "Digitalt (MitID/e-Boks)",
        }[self]


class ApplicationKind(StrEnum):
    HOUSING_COSTS_ARREARS = "aktivloven_81"
    ONE_OFF_GRANT = "aktivloven_81_one_off"
    HOUSING_BENEFIT = "boligstoette"
    DEPOSIT_LOAN = "indskudslaan"
    DEPOSIT = "depositum"
    BANK_DEFERRAL = "bank_deferral"
    OTHER = "other"

    @property
    def label(self) -> str:
        return APPLICATION_KIND_LABELS[self]


APPLICATION_KIND_LABELS: dict[ApplicationKind, str] = {
    ApplicationKind.HOUSING_COSTS_ARREARS: "Hjælp til huslejerestance (aktivloven)",
    ApplicationKind.ONE_OFF_GRANT: "Enkeltydelse (aktivloven)",
    ApplicationKind.HOUSING_BENEFIT: "Boligstøtte",
    ApplicationKind.DEPOSIT_LOAN: "Indskudslån",
    ApplicationKind.DEPOSIT: "Depositum",
    ApplicationKind.BANK_DEFERRAL: "Henstand i banken",
    ApplicationKind.OTHER: "Andet",
}


class Decision(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return DECISION_LABELS[self]

    @property
    def grants_money(self) -> bool:
        return self in (Decision.GRANTED, Decision.PARTLY_GRANTED)


DECISION_LABELS: dict[Decision, str] = {
    Decision.PENDING: "Afventer svar",
    Decision.GRANTED: "Bevilget",
    Decision.PARTLY_GRANTED: "Delvist bevilget",
    Decision.REFUSED: "Afslag",
    Decision.WITHDRAWN: "Trukket tilbage",
}


class CourseMethod(StrEnum):
    """The method of a support course (forløb), seeds 001 and 003: a fixed picklist."""

    CTI = "cti"
    PLACEMENT = "placement"
    RETENTION = "retention"
    SHORT_ADVICE = "short_advice"
    OTHER = "other"

    @property
    def label(self) -> str:
        return COURSE_METHOD_LABELS[self]


COURSE_METHOD_LABELS: dict[CourseMethod, str] = {
    CourseMethod.CTI: "CTI (Critical Time Intervention)",
    CourseMethod.PLACEMENT: "Indslusningsforløb",
    CourseMethod.RETENTION: "Fastholdelsesforløb",
    CourseMethod.SHORT_ADVICE: "Kort rådgivningsforløb",
    CourseMethod.OTHER: "Andet forløb",
}


class TagGroup(StrEnum):
    """What a case tag is: an additional case type (seed 000 Table 7) or an activity (Table 10)."""

    CASE_TYPE = "case_type"
    ACTIVITY = "activity"


class ActivityTag(StrEnum):
    """Activities and methods used on a case (seed 000 Table 10): a fixed picklist, several per case."""

    ADVICE = "advice"
    DETECTIVE_WORK = "detective_work"
    COORDINATION = "coordination"
    OTHER_PROFESSIONALS = "other_professionals"
    MUNICIPALITY_CONTACT = "municipality_contact"
    RELATIONSHIP_WORK = "relationship_work"
    MOTIVATION = "motivation"
    LANDLORD_ADVICE = "landlord_advice"
    PRACTICAL_HELP_AT_HOME = "practical_help_at_home"
    OTHER_AUTHORITIES = "other_authorities"
    NETWORK_ADVICE = "network_advice"
    HOUSING_ALLOCATION = "housing_allocation"

    @property
    def label(self) -> str:
        return ACTIVITY_LABELS[self]


ACTIVITY_LABELS: dict[ActivityTag, str] = {
    ActivityTag.ADVICE: "Konkret rådgivning af borgeren",
    ActivityTag.DETECTIVE_WORK: "Detektivarbejde for at finde borgeren",
    ActivityTag.COORDINATION: "Koordinering (fx i lokalcentret)",
    ActivityTag.OTHER_PROFESSIONALS: "Inddragelse af andre professionelle",
    ActivityTag.MUNICIPALITY_CONTACT: "Kontakt til andre i kommunen",
    ActivityTag.RELATIONSHIP_WORK: "Relationsarbejde",
    ActivityTag.MOTIVATION: "Motivation",
    ActivityTag.LANDLORD_ADVICE: "Rådgivning af boligselskabet",
    ActivityTag.PRACTICAL_HELP_AT_HOME: "Praktisk hjælp i hjemmet",
    ActivityTag.OTHER_AUTHORITIES: "Kontakt til myndigheder uden for kommunen",
    ActivityTag.NETWORK_ADVICE: "Rådgivning af naboer, pårørende, værge eller advokat",
    ActivityTag.HOUSING_ALLOCATION: "Hjælp til boliganvisning (fx genhusning)",
}
