"""Fixed picklists of the domain (DOMAIN.md §2, §4, §9), with their Danish labels.

Values are stored as their English code strings; labels are what the UI and letters show. Picklists,
never free text, so the statistics can count them.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a Danish label in ``_LABELS``."""

    @property
    def label(self) -> str:
        labels: dict[str, str] = getattr(type(self), "_labels", {})
        return labels.get(self.value, self.value)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


def _labelled(enum_cls: type[LabelledEnum], labels: dict[str, str]) -> None:
    missing = {m.value for m in enum_cls} - labels.keys()
    if missing:
        raise AssertionError(f"{enum_cls.__name__} lacks labels for {missing}")
    enum_cls._labels = labels  # type: ignore[attr-defined]


class CaseKind(LabelledEnum):
    EVICTION_THREAT = "eviction_threat"
    NEW_TENANT = "new_tenant"
    RETENTION = "retention"
    PLACEMENT_IN = "placement_in"
    PLACEMENT_OUT = "placement_out"
    REHOUSING = "rehousing"
    CONCERN = "concern"
    ADVICE = "advice"
    OTHER = "other"


_labelled(
    CaseKind,
    {
        "eviction_threat": "Udsættelsestruet lejer",
        "new_tenant": "Ny lejer",
        "retention": "Fastholdelse",
        "placement_in": "Indslusning",
        "placement_out": "Udslusning",
        "rehousing": "Genhusning",
        "concern": "Bekymring",
        "advice": "Rådgivning",
        "other": "Andet",
    },
)


class CasePhase(LabelledEnum):
    NEW = "new"
    CONTACT = "contact"
    ADVICE = "advice"
    REPAYMENT = "repayment"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


_labelled(
    CasePhase,
    {
        "new": "Ny",
        "contact": "Kontaktforsøg",
        "advice": "Rådgivning",
        "repayment": "Afdragsordning",
        "follow_up": "Opfølgning",
        "closed": "Afsluttet",
    },
)


class Outcome(LabelledEnum):
    WITHDRAWN = "withdrawn"
    ARREARS_PAID = "arrears_paid"
    REPAYMENT_PLAN = "repayment_plan"
    MOVED_OUT = "moved_out"
    EVICTED = "evicted"
    REHOUSED = "rehoused"
    OTHER = "other"


_labelled(
    Outcome,
    {
        "withdrawn": "Ophævelsen tilbagekaldt",
        "arrears_paid": "Restancen betalt",
        "repayment_plan": "Afdragsordning aftalt",
        "moved_out": "Fraflyttet grundet ophævelse",
        "evicted": "Udsat af fogeden",
        "rehoused": "Genhuset",
        "other": "Andet",
    },
)


class Trigger(LabelledEnum):
    UNPAID_RENT = "unpaid_rent"
    NEGLECT = "neglect"
    NOISE = "noise"
    ODD_BEHAVIOUR = "odd_behaviour"
    THREATS = "threats"
    UNPLEASANT_GUESTS = "unpleasant_guests"


_labelled(
    Trigger,
    {
        "unpaid_rent": "Manglende huslejebetaling",
        "neglect": "Misligholdelse af boligen",
        "noise": "Støj",
        "odd_behaviour": "Mærkelig adfærd",
        "threats": "Trusler",
        "unpleasant_guests": "Ubehagelige gæster",
    },
)


class Cause(LabelledEnum):
    LOW_INCOME = "low_income"
    LOST_INCOME = "lost_income"
    BENEFIT_CHANGE = "benefit_change"
    DEBT = "debt"
    POOR_OVERVIEW = "poor_overview"
    ADDICTION = "addiction"
    MENTAL_ILLNESS = "mental_illness"
    PHYSICAL_ILLNESS = "physical_illness"
    DIVORCE = "divorce"
    BEREAVEMENT = "bereavement"
    GAMBLING = "gambling"
    OTHER = "other"


_labelled(
    Cause,
    {
        "low_income": "Lav indkomst",
        "lost_income": "Mistet indtægt eller job",
        "benefit_change": "Ændret eller stoppet ydelse",
        "debt": "Anden gæld",
        "poor_overview": "Manglende overblik over økonomien",
        "addiction": "Misbrug",
        "mental_illness": "Psykisk sygdom",
        "physical_illness": "Fysisk sygdom",
        "divorce": "Skilsmisse eller samlivsophør",
        "bereavement": "Dødsfald i familien",
        "gambling": "Ludomani",
        "other": "Andet",
    },
)


class Certainty(LabelledEnum):
    KNOWN = "known"
    ASSUMED = "assumed"


_labelled(Certainty, {"known": "Kendt", "assumed": "Formodet"})


class ReferralSource(LabelledEnum):
    TERMINATION_LIST = "termination_list"
    LANDLORD = "landlord"
    CARETAKER = "caretaker"
    MUNICIPALITY = "municipality"
    TENANT_SELF = "tenant_self"
    RELATIVE = "relative"
    HOSPITAL_OR_PSYCHIATRY = "hospital_or_psychiatry"
    SHELTER = "shelter"
    PRISON = "prison"
    OTHER = "other"


_labelled(
    ReferralSource,
    {
        "termination_list": "Månedens ophævelsesliste",
        "landlord": "Boligorganisationen",
        "caretaker": "Ejendomsfunktionær",
        "municipality": "Kommunen",
        "tenant_self": "Lejeren selv",
        "relative": "Pårørende eller netværk",
        "hospital_or_psychiatry": "Hospital eller psykiatri",
        "shelter": "Herberg eller forsorgshjem",
        "prison": "Kriminalforsorgen",
        "other": "Andet",
    },
)


class IncomeBasis(LabelledEnum):
    SALARY = "salary"
    CASH_BENEFIT = "cash_benefit"
    EDUCATION_BENEFIT = "education_benefit"
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit"
    SICKNESS_BENEFIT = "sickness_benefit"
    EARLY_RETIREMENT = "early_retirement"
    OLD_AGE_PENSION = "old_age_pension"
    STUDENT_GRANT = "student_grant"
    FLEX_JOB = "flex_job"
    NONE = "none"
    OTHER = "other"


_labelled(
    IncomeBasis,
    {
        "salary": "Løn",
        "cash_benefit": "Kontanthjælp",
        "education_benefit": "Uddannelseshjælp",
        "unemployment_benefit": "Dagpenge",
        "sickness_benefit": "Sygedagpenge",
        "early_retirement": "Førtidspension",
        "old_age_pension": "Folkepension",
        "student_grant": "SU",
        "flex_job": "Fleksjob / ledighedsydelse",
        "none": "Ingen indtægt",
        "other": "Andet",
    },
)


class ContactChannel(LabelledEnum):
    PHONE = "phone"
    VOICEMAIL = "voicemail"
    SMS = "sms"
    EMAIL = "email"
    LETTER_HANDWRITTEN = "letter_handwritten"
    VISIT_AT_DOOR = "visit_at_door"
    LETTER_MAIL_SLOT = "letter_mail_slot"
    MEETING = "meeting"
    VIA_CARETAKER = "via_caretaker"


_labelled(
    ContactChannel,
    {
        "phone": "Telefonopkald",
        "voicemail": "Telefonsvarer",
        "sms": "Sms",
        "email": "E-mail",
        "letter_handwritten": "Brev i håndskrevet kuvert",
        "visit_at_door": "Besøg på adressen",
        "letter_mail_slot": "Brev gennem brevsprækken",
        "meeting": "Personligt møde",
        "via_caretaker": "Via varmemester/helhedsplan",
    },
)


class ContactResult(LabelledEnum):
    NO_ANSWER = "no_answer"
    MESSAGE_LEFT = "message_left"
    SENT = "sent"
    REACHED = "reached"
    SOLVED_ON_PHONE = "solved_on_phone"
    PHONE_ADVICE_FOLLOW_UP = "phone_advice_follow_up"
    MAIL_ADVICE = "mail_advice"
    MEETING_AGREED = "meeting_agreed"
    DECLINED = "declined"
    WRONG_NUMBER = "wrong_number"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


_labelled(
    ContactResult,
    {
        "no_answer": "Intet svar",
        "message_left": "Besked lagt",
        "sent": "Sendt / afleveret",
        "reached": "Kontakt opnået",
        "solved_on_phone": "Løst telefonisk",
        "phone_advice_follow_up": "Telefonisk rådgivning med opfølgning",
        "mail_advice": "Rådgivning pr. mail",
        "meeting_agreed": "Møde aftalt",
        "declined": "Ønsker ikke hjælp",
        "wrong_number": "Forkert nummer / adresse",
        "cancelled": "Aflyst",
        "no_show": "Udeblevet",
    },
)


class LetterDelivery(LabelledEnum):
    YES = "yes"
    NO_UNKNOWN_ADDRESS = "no_unknown_address"
    NO_MAILBOX_FULL = "no_mailbox_full"
    NO_UNOPENED = "no_unopened"
    NO_CANNOT_READ = "no_cannot_read"
    UNKNOWN = "unknown"


_labelled(
    LetterDelivery,
    {
        "yes": "Ja, breve når frem",
        "no_unknown_address": "Nej — ukendt eller forkert adresse",
        "no_mailbox_full": "Nej — postkassen er fuld",
        "no_unopened": "Nej — breve åbnes ikke",
        "no_cannot_read": "Nej — kan ikke læse dansk / læsevanskeligheder",
        "unknown": "Ved ikke",
    },
)


class ChecklistItem(LabelledEnum):
    HOUSING_BENEFIT = "housing_benefit"
    ADULT_CHILDREN_PAY = "adult_children_pay"
    REDUCED_DAYCARE_FEE = "reduced_daycare_fee"
    CHILD_BENEFIT_DUE = "child_benefit_due"
    HOLIDAY_PAY_DUE = "holiday_pay_due"
    LOAN_DEFERRAL = "loan_deferral"
    NETWORK_HELP = "network_help"
    VALUABLES_TO_SELL = "valuables_to_sell"
    SALARY_DUE = "salary_due"
    ONE_OFF_GRANT = "one_off_grant"


_labelled(
    ChecklistItem,
    {
        "housing_benefit": "Søge boligstøtte?",
        "adult_children_pay": "Kan hjemmeboende børn over 18 betale?",
        "reduced_daycare_fee": "Nedsat betaling for daginstitution (friplads)?",
        "child_benefit_due": "Børneydelse eller børnetilskud til gode?",
        "holiday_pay_due": "Feriepenge til gode?",
        "loan_deferral": "Henstand med lån eller afdrag?",
        "network_help": "Kan netværket hjælpe?",
        "valuables_to_sell": "Værdier der kan sælges?",
        "salary_due": "Løn til gode?",
        "one_off_grant": "Hjælp fra kommunen (aktivloven §§ 34, 81, 82)?",
    },
)


class ChecklistAnswer(LabelledEnum):
    NOT_ASKED = "not_asked"
    YES = "yes"
    NO = "no"
    FOLLOW_UP = "follow_up"


_labelled(ChecklistAnswer, {"not_asked": "Ikke spurgt", "yes": "Ja", "no": "Nej", "follow_up": "Følges op"})


class AdviceTopic(LabelledEnum):
    HOUSING_COSTS_HELP = "housing_costs_help"
    ONE_OFF_GRANT = "one_off_grant"
    HOUSING_BENEFIT = "housing_benefit"
    CHILD_BENEFITS = "child_benefits"
    FAMILY_TEAM = "family_team"
    DEBT = "debt"
    BUDGET = "budget"
    PRACTICAL_TOOLS = "practical_tools"
    TAX = "tax"
    COMPLAINTS = "complaints"


_labelled(
    AdviceTopic,
    {
        "housing_costs_help": "Hjælp til boligudgifter (aktivloven § 34)",
        "one_off_grant": "Enkeltydelser (aktivloven §§ 81, 82)",
        "housing_benefit": "Boligstøtte",
        "child_benefits": "Børneydelser",
        "family_team": "Familieteam",
        "debt": "Gæld",
        "budget": "Budget",
        "practical_tools": "Praktiske redskaber",
        "tax": "Skat",
        "complaints": "Klagemuligheder",
    },
)


class PracticalHelp(LabelledEnum):
    BUDGET = "budget"
    PAYING_BILLS = "paying_bills"
    BILL_ACCOUNT = "bill_account"
    APPLICATIONS = "applications"
    NETBANK_MITID = "netbank_mitid"
    MUNICIPALITY_MEETING = "municipality_meeting"
    TAX_AUTHORITY = "tax_authority"
    UDBETALING_DANMARK = "udbetaling_danmark"
    BANK = "bank"
    ENVELOPE_SYSTEM = "envelope_system"


_labelled(
    PracticalHelp,
    {
        "budget": "Lagt budget",
        "paying_bills": "Betaling af regninger",
        "bill_account": "Oprettet budgetkonto",
        "applications": "Udfyldt ansøgninger",
        "netbank_mitid": "Netbank / MitID",
        "municipality_meeting": "Møde med kommunen",
        "tax_authority": "Kontakt til SKAT",
        "udbetaling_danmark": "Kontakt til Udbetaling Danmark",
        "bank": "Kontakt til banken",
        "envelope_system": "Kuvertsystem",
    },
)


class CodeCategory(LabelledEnum):
    """Which picklist a :class:`~boligdesk.models.cases.CaseCode` row belongs to."""

    TRIGGER = "trigger"
    CAUSE = "cause"
    ADVICE_TOPIC = "advice_topic"
    PRACTICAL_HELP = "practical_help"
    CHECKLIST = "checklist"


_labelled(
    CodeCategory,
    {
        "trigger": "Anledning",
        "cause": "Bagvedliggende årsag",
        "advice_topic": "Rådgivningsemne",
        "practical_help": "Praktisk hjælp",
        "checklist": "Tjekliste",
    },
)


class CivilStatus(LabelledEnum):
    SINGLE = "single"
    MARRIED = "married"
    COHABITING = "cohabiting"
    DIVORCED = "divorced"
    WIDOWED = "widowed"


_labelled(
    CivilStatus,
    {
        "single": "Enlig",
        "married": "Gift",
        "cohabiting": "Samlevende",
        "divorced": "Fraskilt",
        "widowed": "Enke / enkemand",
    },
)


class Education(LabelledEnum):
    PRIMARY = "primary"
    UPPER_SECONDARY = "upper_secondary"
    VOCATIONAL = "vocational"
    SHORT_HIGHER = "short_higher"
    MEDIUM_HIGHER = "medium_higher"
    LONG_HIGHER = "long_higher"
    NONE = "none"
    UNKNOWN = "unknown"


_labelled(
    Education,
    {
        "primary": "Grundskole",
        "upper_secondary": "Gymnasial uddannelse",
        "vocational": "Erhvervsuddannelse",
        "short_higher": "Kort videregående",
        "medium_higher": "Mellemlang videregående",
        "long_higher": "Lang videregående",
        "none": "Ingen uddannelse",
        "unknown": "Ukendt",
    },
)


class MemberRole(LabelledEnum):
    ADULT = "adult"
    CHILD = "child"


_labelled(MemberRole, {"adult": "Voksen", "child": "Barn"})


class ArrearsKind(LabelledEnum):
    RENT = "rent"
    REMINDER_FEE = "reminder_fee"
    COURT_FEE = "court_fee"
    OTHER = "other"


_labelled(
    ArrearsKind,
    {"rent": "Husleje", "reminder_fee": "Påkravsgebyr", "court_fee": "Retsafgift", "other": "Andet"},
)


class LineKind(LabelledEnum):
    INCOME = "income"
    EXPENSE = "expense"


_labelled(LineKind, {"income": "Indtægt", "expense": "Udgift"})


class Frequency(LabelledEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


_labelled(
    Frequency,
    {
        "weekly": "Ugentlig",
        "biweekly": "Hver 14. dag",
        "monthly": "Månedlig",
        "quarterly": "Kvartalsvis",
        "half_yearly": "Halvårlig",
        "yearly": "Årlig",
    },
)


class Need(LabelledEnum):
    NEED = "need"
    NICE = "nice"


_labelled(Need, {"need": "Need to have", "nice": "Nice to have"})


class PlanStatus(LabelledEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    FULFILLED = "fulfilled"
    BROKEN = "broken"
    SUPERSEDED = "superseded"


_labelled(
    PlanStatus,
    {
        "draft": "Kladde",
        "active": "Aktiv",
        "fulfilled": "Opfyldt",
        "broken": "Misligholdt",
        "superseded": "Erstattet af ny version",
    },
)


class AgreedVia(LabelledEnum):
    PHONE = "phone"
    MAIL = "mail"
    MEETING = "meeting"


_labelled(AgreedVia, {"phone": "Telefonisk", "mail": "Pr. mail/brev", "meeting": "Ved møde"})


class LeftoverDaysRule(LabelledEnum):
    EXTRA_ENVELOPE = "extra_envelope"
    SPREAD = "spread"


_labelled(
    LeftoverDaysRule,
    {"extra_envelope": "En lille »restdage«-kuvert", "spread": "Fordelt på de fire kuverter"},
)


class AuditAction(LabelledEnum):
    OPEN = "open"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    PRINT = "print"
    EXPORT = "export"
    IMPORT = "import"
    SYNC = "sync"
    RESTORE = "restore"
    ERASE = "erase"
    RELEASE = "release"


_labelled(
    AuditAction,
    {
        "open": "Åbnet",
        "create": "Oprettet",
        "update": "Ændret",
        "delete": "Slettet",
        "print": "Udskrevet",
        "export": "Eksporteret",
        "import": "Importeret",
        "sync": "Synkroniseret",
        "restore": "Gendannet fra sikkerhedskopi",
        "erase": "Personoplysninger slettet",
        "release": "Udleveret til borgeren",
    },
)


class StatsExclusion(LabelledEnum):
    """Why a case is left out of the statistics (004 Bilag 1)."""

    HOUSE_RULES = "house_rules"
    TEMPORARY_RENOVATION = "temporary_renovation"


_labelled(
    StatsExclusion,
    {
        "house_rules": "Husordenssag (restancen er ikke eneste grund)",
        "temporary_renovation": "Midlertidigt lejemål under renovering",
    },
)


class AdviceOfferAnswer(LabelledEnum):
    """A new tenant's answer to the offer of advice (004 »Registrering af tilbud til nye lejere«)."""

    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NO_ANSWER = "no_answer"


_labelled(
    AdviceOfferAnswer,
    {
        "offered": "Tilbudt (afventer svar)",
        "accepted": "Accepteret",
        "declined": "Afslået",
        "no_answer": "Intet svar",
    },
)


class ArrearsCoveredBy(LabelledEnum):
    """Who covered the arrears when they were covered."""

    TENANT = "tenant"
    MUNICIPALITY = "municipality"
    PLAN = "plan"
    NETWORK = "network"
    OTHER = "other"


_labelled(
    ArrearsCoveredBy,
    {
        "tenant": "Lejeren",
        "municipality": "Kommunen",
        "plan": "Afdragsordning",
        "network": "Netværket",
        "other": "Andet",
    },
)
