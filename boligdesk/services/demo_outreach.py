"""Demo data for the work with the municipality and the new tenants (issue 16), added to each demo case.

The team's contacts (invented people at invented offices, a few not checked for over a year), linked to
some cases; consents; applications with decisions (so appeal deadlines stand under Frister); support
courses, some extended; further case types and activity tags; and the new tenants' answers to the offer
of advice, so that Statistik shows figures for all of them. Every name, phone number and amount is made
up; the appeal deadlines are not stored but computed by the app from its own rules table.

Cheap on purpose (a few rows for some cases, no queries per case): ``demo --cases 20000`` builds the bench
profiles.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boligdesk.budget.cooperation import (
    ActivityTag,
    ApplicationKind,
    ConsentHow,
    ContactRole,
    CourseMethod,
    Decision,
    ShareWith,
    TagGroup,
)
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AdviceOfferAnswer, CaseKind, CasePhase
from boligdesk.models import (
    Application,
    Case,
    CaseContact,
    CaseTag,
    Consent,
    Contact,
    Course,
    CourseExtension,
)

#: (role, name, organisation, phone, e-mail, træffetid, checked this many days ago or None) — invented.
DEMO_CONTACTS: tuple[tuple[ContactRole, str, str, str, str, str, int | None], ...] = (
    (
        ContactRole.CASEWORKER,
        "Lise Sagsbehandler (demo)",
        "Vestegnens Kommune (demo), Borgerservice",
        "43 99 10 01",
        "ydelse@example.dk",
        "man–tors 9–12",
        40,
    ),
    (
        ContactRole.CASEWORKER,
        "Kasper Sagsbehandler (demo)",
        "Vestegnens Kommune (demo), Børn og Familie",
        "43 99 10 02",
        "familie@example.dk",
        "man–fre 10–12",
        200,
    ),
    (
        ContactRole.JOB_CENTRE,
        "Jobcenter Vest (demo)",
        "Vestegnens Kommune (demo), Jobcenter",
        "43 99 20 00",
        "jobcenter@example.dk",
        "man–fre 8–15",
        90,
    ),
    (
        ContactRole.BENEFITS_OFFICE,
        "Ydelseskontoret (demo)",
        "Vestegnens Kommune (demo), Ydelsescenter",
        "43 99 30 00",
        "ydelsescenter@example.dk",
        "tirs og tors 9–11",
        500,
    ),
    (
        ContactRole.LANDLORD_CONTACT,
        "Birthe Udlejning (demo)",
        "Boligselskabet Solgården, udlejning",
        "43 88 00 11",
        "udlejning@example.dk",
        "man–fre 9–14",
        20,
    ),
    (
        ContactRole.CARETAKER,
        "Ejendomskontoret Egeparken (demo)",
        "Boligselskabet Solgården, afd. 102",
        "43 88 01 02",
        "",
        "hverdage 7–8 og 12–13",
        None,
    ),
    (
        ContactRole.CARETAKER,
        "Varmemesteren i Vestervang (demo)",
        "Fællesbo Vest, afd. 301",
        "43 88 03 01",
        "",
        "hverdage 7–8",
        120,
    ),
    (
        ContactRole.BANK,
        "Kundeservice (demo)",
        "Eksempelbanken (demo)",
        "70 00 00 70",
        "kundeservice@example.dk",
        "man–fre 9–16",
        60,
    ),
)

EXTENSION_REASONS = (
    "Lejeren er lige begyndt at betale af; vi fortsætter til restancen er nede.",
    "Ny henvendelse fra kommunen om boligstøtte; forløbet forlænges, til den er afgjort.",
    "Lejeren har ønsket flere møder om budgettet.",
)
SENT_TO = {
    ApplicationKind.HOUSING_COSTS_ARREARS: "Vestegnens Kommune (demo), Ydelsescenter",
    ApplicationKind.ONE_OFF_GRANT: "Vestegnens Kommune (demo), Ydelsescenter",
    ApplicationKind.HOUSING_BENEFIT: "Udbetaling Danmark",
    ApplicationKind.DEPOSIT_LOAN: "Vestegnens Kommune (demo)",
    ApplicationKind.BANK_DEFERRAL: "Eksempelbanken (demo)",
}
CONSENT_FOR = {
    ApplicationKind.HOUSING_COSTS_ARREARS: ShareWith.MUNICIPALITY,
    ApplicationKind.ONE_OFF_GRANT: ShareWith.MUNICIPALITY,
    ApplicationKind.HOUSING_BENEFIT: ShareWith.UDBETALING_DANMARK,
    ApplicationKind.DEPOSIT_LOAN: ShareWith.MUNICIPALITY,
    ApplicationKind.BANK_DEFERRAL: ShareWith.BANK,
}
SCOPE = {
    ShareWith.MUNICIPALITY: "Restance, budget og husstand til ansøgningen om hjælp",
    ShareWith.UDBETALING_DANMARK: "Husleje, husstand og indtægt til boligstøtten",
    ShareWith.BANK: "Restance og afdragsordning, så banken kan udskyde modregning",
}


def ensure_contacts(session: Session, today: dt.date) -> list[str]:
    """The team's demo contacts (made on first use); their ids."""
    existing = session.scalar(select(func.count()).select_from(Contact).where(Contact.deleted.is_(False)))
    if not existing:
        for role, name, organisation, phone, email, hours, days in DEMO_CONTACTS:
            checked = today - dt.timedelta(days=days) if days is not None else None
            session.add(
                Contact(
                    role=role,
                    name=name,
                    organisation=organisation,
                    phone=phone,
                    email=email,
                    hours=hours,
                    checked_on=checked,
                )
            )
        session.flush()
    return list(session.scalars(select(Contact.id).where(Contact.deleted.is_(False)).order_by(Contact.name)))


def _day(rng: random.Random, start: dt.date, low: int, high: int, today: dt.date) -> dt.date:
    return min(today, start + dt.timedelta(days=rng.randint(low, high)))


def _new_tenant_answer(rng: random.Random, phase: CasePhase) -> AdviceOfferAnswer | None:
    """About one in five accepts (004: 22 % of the new tenants, 10–52 % per estate)."""
    if phase is CasePhase.NEW:
        return rng.choice([None, None, AdviceOfferAnswer.OFFERED])
    if phase is CasePhase.ADVICE:
        return AdviceOfferAnswer.ACCEPTED
    return rng.choices(
        [AdviceOfferAnswer.ACCEPTED, AdviceOfferAnswer.DECLINED, AdviceOfferAnswer.NO_ANSWER],
        weights=[15, 35, 50],
    )[0]


#: The longest an invented application still waits for its answer on the demo's today (days since it was
#: sent): an older one has been decided. Not a legal deadline, the demo's sense of plausible: the first
#: demo waited up to 317 days for an answer due after two to four weeks.
LONGEST_PENDING_DAYS = 35


def _application(rng: random.Random, session: Session, case: Case, today: dt.date) -> None:
    kind = rng.choices(list(SENT_TO), weights=[50, 15, 20, 5, 10])[0]
    sent = _day(rng, case.opened_on, 2, 20, today)
    share = CONSENT_FOR[kind]
    session.add(
        Consent(
            case_id=case.id,
            share_with=share,
            scope=SCOPE.get(share, "Oplysninger til ansøgningen"),
            given_on=max(case.opened_on, sent - dt.timedelta(days=rng.randint(0, 2))),
            how=rng.choice([ConsentHow.WRITTEN, ConsentHow.WRITTEN, ConsentHow.DIGITAL]),
        )
    )
    arrears = case.arrears if case.arrears.ore > 0 else Money.kr(rng.randrange(3_000, 15_000, 100))
    application = Application(
        case_id=case.id,
        kind=kind,
        sent_to=SENT_TO[kind],
        sent_on=sent,
        applied_amount=arrears if kind is not ApplicationKind.HOUSING_BENEFIT else None,
    )
    waited = (today - sent).days
    # (the random draw stays where it was, so the rest of the demo is the same for the same seed)
    if waited < 12 or (rng.random() < 0.25 and waited <= LONGEST_PENDING_DAYS):
        application.answer_due_on = sent + dt.timedelta(days=rng.choice([14, 21, 28]))
    else:
        decision = rng.choices(
            [Decision.GRANTED, Decision.PARTLY_GRANTED, Decision.REFUSED, Decision.WITHDRAWN],
            weights=[45, 15, 35, 5],
        )[0]
        decided = _day(rng, sent, 7, max(7, min(35, waited - 3)), today)
        application.decision = decision
        application.decided_on = decided
        application.received_on = _day(rng, decided, 1, 3, today)
        if decision is Decision.GRANTED:
            application.granted_amount = application.applied_amount
        elif decision is Decision.PARTLY_GRANTED and application.applied_amount is not None:
            application.granted_amount = Money(application.applied_amount.ore // 200 * 100)
    session.add(application)


def _course(rng: random.Random, session: Session, case: Case, today: dt.date) -> None:
    months = rng.choice([3, 3, 9, 12])
    started = _day(rng, case.opened_on, 0, 14, today)
    course = Course(
        case_id=case.id,
        method=rng.choice(list(CourseMethod)),
        planned_months=months,
        started_on=started,
        ended_on=case.closed_on if case.closed_on is not None and case.closed_on >= started else None,
    )
    session.add(course)
    session.flush()
    if (today - started).days > months * 25 and rng.random() < 0.5:
        session.add(
            CourseExtension(
                course_id=course.id,
                extended_on=min(today, started + dt.timedelta(days=months * 28)),
                months=rng.choice([1, 2, 3]),
                reason=rng.choice(EXTENSION_REASONS),
            )
        )


def add_outreach(
    rng: random.Random, session: Session, case: Case, contact_ids: list[str], today: dt.date
) -> None:
    """Issue 16's registrations on one freshly made demo case (see the module docstring)."""
    kind, phase = case.kind, case.phase
    if kind is CaseKind.NEW_TENANT:
        case.advice_offer_answer = _new_tenant_answer(rng, phase)
    if contact_ids and rng.random() < 0.35:
        for contact_id in rng.sample(contact_ids, rng.choice([1, 1, 2])):
            session.add(CaseContact(case_id=case.id, contact_id=contact_id))
    if kind is not CaseKind.NEW_TENANT and phase is not CasePhase.NEW and rng.random() < 0.22:
        _application(rng, session, case, today)
        if rng.random() < 0.08:  # now and then the tenant withdraws a consent (never deleted)
            session.add(
                Consent(
                    case_id=case.id,
                    share_with=ShareWith.LANDLORD,
                    scope="Budget til genforhandling af afdragsordning",
                    given_on=case.opened_on,
                    how=ConsentHow.ORAL,
                    withdrawn_on=_day(rng, case.opened_on, 5, 30, today),
                )
            )
    if phase in (CasePhase.ADVICE, CasePhase.REPAYMENT, CasePhase.FOLLOW_UP) and rng.random() < 0.3:
        _course(rng, session, case, today)
    if rng.random() < 0.12:
        extra = rng.choice([k for k in CaseKind if k is not kind])
        session.add(CaseTag(case_id=case.id, group=TagGroup.CASE_TYPE, value=extra.value))
    if phase is not CasePhase.NEW and rng.random() < 0.6:
        for tag in rng.sample(list(ActivityTag), rng.randint(1, 3)):
            session.add(CaseTag(case_id=case.id, group=TagGroup.ACTIVITY, value=tag.value))
