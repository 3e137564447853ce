from __future__ import annotations

from boligdesk.models import Case, Person
from boligdesk.models.store import Store
from boligdesk.services.cases import next_case_number


def test_case_numbers_count_up_per_year_past_four_digits(store: Store) -> None:
    with store.session() as s:
        person = Person(first_name="Ib")
        s.add(person)
        s.flush()
        assert next_case_number(s, 2026) == "2026-0001"
        for number in ("2026-0009", "2025-0042"):
            s.add(Case(number=number, tenant_id=person.id))
        s.flush()
        assert next_case_number(s, 2026) == "2026-0010"
        assert next_case_number(s, 2025) == "2025-0043"
        s.add(Case(number="2026-9999", tenant_id=person.id))
        s.flush()
        assert next_case_number(s, 2026) == "2026-10000"
        s.add(Case(number="2026-10000", tenant_id=person.id))
        s.flush()
        assert next_case_number(s, 2026) == "2026-10001"
