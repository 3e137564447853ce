"""Where a case stands in the eviction course, as a letter must say it (DOMAIN.md §3).

A letter's words follow the case's real stage: a tenant who has only had a påkrav must not read that the
lease "er blevet ophævet". :func:`case_stage` reads the stage from the case's dates and plan;
:data:`SITUATION` is the second-person clause the letters to the tenant use (``{situation}``),
:data:`COURSE` the third-person sentence for letters about the tenant (``{forloeb}``). A template may say
which stages it fits (``stadier = paakrav, ophaevet``); :func:`stage_mismatch` says so before it is used,
and such a letter is neither printed nor saved, alone or in a batch (``LetterDraft.check_fits_stage``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from boligdesk.budget.calendar import format_long


class LetterStage(StrEnum):
    """The stages a letter's wording distinguishes, from the earliest to the latest."""

    ARREARS = "restance"
    """Rent is owed; no påkrav is registered on the case."""
    REMINDER = "paakrav"
    """A påkrav has been sent; the lease is not (yet) terminated."""
    TERMINATED = "ophaevet"
    """The landlord has terminated the lease (ophævelse)."""
    BAILIFF = "foged"
    """The case is at the bailiff's court (fogedret): requested, a hearing or an eviction date."""
    PLAN = "aftale"
    """A repayment plan is agreed (active)."""

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    LetterStage.ARREARS: "restance uden påkrav",
    LetterStage.REMINDER: "påkrav sendt",
    LetterStage.TERMINATED: "lejemålet ophævet",
    LetterStage.BAILIFF: "sagen er i fogedretten",
    LetterStage.PLAN: "afdragsordning aftalt",
}

SITUATION: dict[LetterStage, str] = {
    LetterStage.ARREARS: "du skylder husleje",
    LetterStage.REMINDER: "du skylder husleje, og fordi du har fået et påkrav om at betale den",
    LetterStage.TERMINATED: "du skylder husleje, og fordi din lejekontrakt er blevet ophævet",
    LetterStage.BAILIFF: ("du skylder husleje, og fordi sagen om din lejekontrakt er sendt til fogedretten"),
    LetterStage.PLAN: "du har en afdragsordning på din huslejerestance",
}
"""The clause after "fordi …" in a letter to the tenant, per stage."""


def case_stage(
    *,
    plan_agreed: bool,
    reminder_sent_on: dt.date | None,
    termination_on: dt.date | None,
    bailiff_request_on: dt.date | None,
    hearing_on: dt.date | None,
    eviction_on: dt.date | None,
) -> LetterStage:
    """The latest stage the case's facts show; an agreed plan wins over the steps before it."""
    if plan_agreed:
        return LetterStage.PLAN
    if bailiff_request_on or hearing_on or eviction_on:
        return LetterStage.BAILIFF
    if termination_on:
        return LetterStage.TERMINATED
    if reminder_sent_on:
        return LetterStage.REMINDER
    return LetterStage.ARREARS


def course_sentence(
    stage: LetterStage,
    *,
    reminder_sent_on: dt.date | None,
    termination_on: dt.date | None,
    eviction_on: dt.date | None,
) -> str:
    """One third-person sentence on how far the case has come (``{forloeb}``), with the dates known."""

    def on(day: dt.date | None) -> str:
        return f" den {format_long(day)}" if day is not None else ""

    if stage is LetterStage.ARREARS:
        return "Udlejer har endnu ikke sendt påkrav."
    if stage is LetterStage.REMINDER:
        return f"Udlejer har sendt påkrav{on(reminder_sent_on)}. Lejemålet er ikke ophævet."
    if stage is LetterStage.TERMINATED:
        return f"Udlejer har ophævet lejemålet{on(termination_on)}."
    if stage is LetterStage.BAILIFF:
        text = f"Udlejer har ophævet lejemålet{on(termination_on)}, og sagen er sendt til fogedretten."
        if eviction_on is not None:
            text += f" Udsættelsen er berammet til den {format_long(eviction_on)}."
        return text
    return "Der er aftalt en afdragsordning på restancen."


def parse_stages(text: str) -> frozenset[LetterStage]:
    """``paakrav, ophaevet`` → the stages; raises ValueError naming a word that is not a stage."""
    stages: set[LetterStage] = set()
    for word in (w.strip().lower() for w in text.replace(";", ",").split(",")):
        if not word:
            continue
        try:
            stages.add(LetterStage(word))
        except ValueError:
            known = ", ".join(s.value for s in LetterStage)
            raise ValueError(f"»{word}« er ikke et stadie; kendte stadier: {known}.") from None
    return frozenset(stages)


def stage_mismatch(fits: frozenset[LetterStage], stage: LetterStage) -> str | None:
    """A Danish warning when a template written for other stages is used on this case, else None."""
    if not fits or stage in fits:
        return None
    order = list(LetterStage)
    wanted = " eller ".join(s.label for s in sorted(fits, key=order.index))
    return (
        f"Skabelonen passer ikke til sagens stadie: sagen står ved »{stage.label}«, men brevet er "
        f"skrevet til »{wanted}«. Det kan ikke udskrives eller gemmes på sagen: vælg en anden skabelon."
    )
