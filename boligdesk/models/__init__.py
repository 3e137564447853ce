"""The data model (SQLAlchemy 2, typed) and the encrypted store. No Qt here."""

from boligdesk.models.audit import AuditEvent
from boligdesk.models.base import Base, Synced
from boligdesk.models.budgets import Budget, BudgetLine, EnvelopePlan, EnvelopeSpending, Receipt
from boligdesk.models.cases import (
    ArrearsItem,
    Case,
    CaseCode,
    CaseKindChange,
    ContactAttempt,
    FollowUp,
    JournalNote,
    Tenancy,
)
from boligdesk.models.cooperation import (
    Application,
    CaseContact,
    CaseTag,
    Consent,
    Contact,
    Course,
    CourseExtension,
)
from boligdesk.models.documents import Document
from boligdesk.models.drafts import Draft
from boligdesk.models.erasure import Erasure
from boligdesk.models.letters import GeneratedLetter
from boligdesk.models.organisation import Adviser, Estate, HousingAssociation, Setting
from boligdesk.models.people import Household, HouseholdMember, Person
from boligdesk.models.rates import RateEntryRow
from boligdesk.models.repayment import Instalment, Payment, RepaymentPlan
from boligdesk.models.statistics import StatBaseline
from boligdesk.models.sync_meta import DeviceInfo, SyncAck, SyncConflict, SyncLoss, SyncPeer, SyncQuarantine
from boligdesk.models.team import RetiredLaptop

SYNCED_MODELS: tuple[type[Synced], ...] = (
    Adviser,
    HousingAssociation,
    Estate,
    Setting,
    RateEntryRow,
    StatBaseline,
    Person,
    Household,
    HouseholdMember,
    Tenancy,
    Case,
    CaseKindChange,
    CaseCode,
    ArrearsItem,
    ContactAttempt,
    JournalNote,
    FollowUp,
    Budget,
    BudgetLine,
    Receipt,
    EnvelopePlan,
    EnvelopeSpending,
    RepaymentPlan,
    Instalment,
    Payment,
    GeneratedLetter,
    RetiredLaptop,
    Contact,
    CaseContact,
    Consent,
    Application,
    Course,
    CourseExtension,
    CaseTag,
    Document,
    AuditEvent,
    Erasure,
)
"""Synced tables in dependency order (parents before children), as sync applies them."""

__all__ = [
    "SYNCED_MODELS",
    "Adviser",
    "Application",
    "ArrearsItem",
    "AuditEvent",
    "Base",
    "Budget",
    "BudgetLine",
    "Case",
    "CaseCode",
    "CaseContact",
    "CaseKindChange",
    "CaseTag",
    "Consent",
    "Contact",
    "ContactAttempt",
    "Course",
    "CourseExtension",
    "DeviceInfo",
    "Document",
    "Draft",
    "EnvelopePlan",
    "EnvelopeSpending",
    "Erasure",
    "Estate",
    "FollowUp",
    "GeneratedLetter",
    "Household",
    "HouseholdMember",
    "HousingAssociation",
    "Instalment",
    "JournalNote",
    "Payment",
    "Person",
    "RateEntryRow",
    "Receipt",
    "RepaymentPlan",
    "RetiredLaptop",
    "Setting",
    "StatBaseline",
    "SyncAck",
    "SyncConflict",
    "SyncLoss",
    "SyncPeer",
    "SyncQuarantine",
    "Synced",
    "Tenancy",
]
