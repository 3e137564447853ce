"""Time to generate each letter kind, against a one-paragraph reportlab PDF measured in the same run.

* **baseline** — one paragraph in DejaVu Sans through a plain ``SimpleDocTemplate``: the least any PDF
  with an embedded font costs on this machine.
* **render** — each template filled from an invented case and rendered (letterhead, window address,
  tables, page numbers). Goal: under 100 ms per PDF.
* **generate** — the whole path the Breve tab and ``boligdesk pdf`` take for the afdragsaftale on an
  encrypted store: read the case, fill, render, record the letter with its hash and audit event.

Run: ``python -m benchmarks.bench_letters [REPEAT]`` (default 15; the median is shown).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

GOAL_MS = 100.0
TODAY = dt.date(2026, 11, 24)


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up (font subsetting caches, imports)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _baseline() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from boligdesk.letters.pdf_base import register_fonts, styles

    register_fonts()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(
        [
            Paragraph(
                "Kære Mette. Vi vil gerne hjælpe dig med din økonomi — ring på 21 43 65 87.", styles()["Body"]
            )
        ]
    )
    return buffer.getvalue()


def _facts() -> object:
    from boligdesk.budget.calendar import add_months, next_bank_day_on_or_after
    from boligdesk.budget.money import Money, allocate
    from boligdesk.budget.vocabulary import PlanStatus
    from boligdesk.letters.context import BudgetFacts, CaseFacts, DebtPart, PlanFacts, ScheduleRow

    rent, debt, months = Money(612_500), Money(3_674_550), 12
    amounts = allocate(debt, [1] * months)
    rows = tuple(
        ScheduleRow(i + 1, next_bank_day_on_or_after(add_months(dt.date(2027, 1, 1), i)), amounts[i], rent)
        for i in range(months)
    )
    return CaseFacts(
        case_id="bench",
        case_number="2026-0042",
        today=TODAY,
        tenant_name="Mette Testesen",
        tenant_first_name="Mette",
        address_line="Opdigtet Allé 12, 2. tv.",
        postcode_city="2400 København NV",
        tenancy_number="104-2231",
        children=2,
        estate="104 Eksempelparken",
        association="Boligselskabet Eksempel",
        rent=rent,
        arrears=debt,
        debt_parts=(
            *(DebtPart(f"Husleje for måned {i}", rent, False) for i in range(1, 7)),
            DebtPart("Påkravsgebyr", Money(4_550), True),
        ),
        termination_on=dt.date(2026, 11, 10),
        eviction_on=dt.date(2026, 12, 15),
        eviction_time="09:30–13:00",
        plan=PlanFacts(1, PlanStatus.ACTIVE, debt, amounts[0], rent, TODAY, rows),
        budget=BudgetFacts(
            TODAY,
            (("Kontanthjælp", Money(1_638_200)), ("Boligstøtte", Money(250_000))),
            tuple((f"Udgift {i}", Money(50_000 + i * 1_000)) for i in range(14)),
        ),
    )


def _generate_on_a_store(repeat: int) -> float:
    from boligdesk.budget.money import Money, allocate
    from boligdesk.budget.vocabulary import PlanStatus
    from boligdesk.letters.letterhead import Sender
    from boligdesk.models import Instalment, RepaymentPlan
    from boligdesk.models.keys import KdfParams
    from boligdesk.models.store import Profile, create_profile
    from boligdesk.services.cases import NewCase
    from boligdesk.services.desk import Desk

    with tempfile.TemporaryDirectory(prefix="boligdesk-bench-") as tmp:
        store = create_profile(
            Profile(Path(tmp) / "p"), "benchmark-kodeord-1234", kdf=KdfParams.fast_for_tests()
        )
        try:
            case_id = (
                Desk(store, today=lambda: TODAY)
                .cases.create(
                    NewCase(
                        "Mette",
                        "Testesen",
                        "Opdigtet Allé 12",
                        "2400",
                        "København NV",
                        tenancy_number="101-001-00001",
                        arrears=Money(1_234_550),
                    )
                )
                .id
            )
            # A signed document has no blanks (issue 10): the sender's phone, the real landlord; invented.
            Desk(store, adviser_name="Benchmark").letters.set_sender(
                Sender("Benchmark", "Socialrådgiver", "21 00 00 00", "raadgiver@example.dk")
            )
            # An afdragsaftale needs the real landlord (issue 10): a private landlord, invented.
            Desk(store, today=lambda: TODAY).landlord.create_private(
                case_id, "Opdigtet Udlejer ApS", "Opdigtet Vej 1, 2400 København NV"
            )
            with store.session() as s:
                plan = RepaymentPlan(
                    case_id=case_id, status=PlanStatus.ACTIVE, debt=Money(1_234_550), start_on=TODAY
                )
                s.add(plan)
                s.flush()
                for i, amount in enumerate(allocate(Money(1_234_550), [1] * 6)):
                    s.add(
                        Instalment(plan_id=plan.id, seq=i + 1, due_on=dt.date(2027, 1 + i, 4), amount=amount)
                    )
            return _median_ms(
                lambda: Desk(store, adviser_name="Benchmark", today=lambda: TODAY).letters.make(
                    case_id, "afdragsaftale"
                ),
                repeat,
            )
        finally:
            store.close()


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks.report import Figure, report, wants_json
    from boligdesk.letters.draft import make_draft
    from boligdesk.letters.letterhead import Letterhead, Sender
    from boligdesk.letters.render import render_letter
    from boligdesk.letters.templates import list_templates, load_template

    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    repeat = int(numbers[0]) if numbers else 15
    facts = _facts()
    letterhead = Letterhead(
        organisation="Boligsocialt Team Eksempel", address="Forvaltningsvej 1\n2400 København NV"
    )
    sender = Sender("Anne Rådgiversen", "Socialrådgiver", "21 43 65 87")
    base = _median_ms(_baseline, repeat)
    figures = [Figure("baseline_ms", "Grundlinje: ét afsnit med reportlab", base)]
    worst = 0.0
    for info in list_templates():
        draft = make_draft(load_template(info.name), facts, letterhead, sender)  # type: ignore[arg-type]
        ms = _median_ms(lambda d=draft: render_letter(d, facts, letterhead, sender), repeat)  # type: ignore[misc]
        worst = max(worst, ms)
        figures.append(Figure(f"render_ms_{info.name}", info.name, ms, goal=GOAL_MS))
    whole = _generate_on_a_store(max(3, repeat // 3))
    figures.append(Figure("generate_ms", "Afdragsaftale, hele vejen (krypteret)", whole, goal=GOAL_MS))
    figures.append(
        Figure("worst_ms", "Langsomste brev (mod grundlinjen)", worst, base=base, base_label="grundlinje")
    )
    report("letters", figures, as_json=wants_json())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
