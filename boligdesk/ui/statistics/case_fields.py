"""The registrations the statistics need, on the case's Afslutning page (saved as the adviser picks):
left out of the statistics and why (004 Bilag 1), a new tenant's answer to the offer of advice, and who
covered the arrears."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout

from boligdesk.budget.vocabulary import AdviceOfferAnswer, ArrearsCoveredBy, StatsExclusion
from boligdesk.services.statistics import RegistrationField
from boligdesk.ui.cases.case_fields import ComboBinding, FieldBinder, Write, add_row, enum_combo
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel

#: (field, label, choices, text for "not chosen")
FIELDS: tuple[tuple[RegistrationField, str, list[tuple[str, str]], str], ...] = (
    # mnemonics picked from the letters still free on the Afslutning page
    ("stats_excluded", "U&deladt af statistikken", StatsExclusion.choices(), "(nej — tæller med)"),
    ("advice_offer_answer", "Ny lejer: s&var på tilbud", AdviceOfferAnswer.choices(), "(ikke registreret)"),
    ("arrears_covered_by", "Restancen d&ækket af", ArrearsCoveredBy.choices(), "(ikke registreret)"),
)


class StatsFields:
    def __init__(
        self, ctx: AppContext, binder: FieldBinder, case: Callable[[], str], form: QFormLayout
    ) -> None:
        self._ctx = ctx
        self._case = case
        self.combos: dict[str, QComboBox] = {}
        self._bindings: dict[str, ComboBinding] = {}
        for field, label, choices, none_text in FIELDS:
            combo = enum_combo(choices, none_text=none_text)
            combo.setToolTip(
                "Husordenssager og midlertidige lejemål under renovering tælles ikke med i statistikken over "
                "udsættelser (som i evalueringen af Stop Udsættelser, bilag 1)."
                if field == "stats_excluded"
                else "Bruges i statistikken; tom vises som »ikke registreret«."
            )
            self.combos[field] = combo
            self._bindings[field] = binder.combo(combo, None, self._save(field))
            add_row(form, label, combo, ErrorLabel())

    def _save(self, field: RegistrationField) -> Callable[[Any], Write]:
        return lambda value: self._ctx.desk.statistics.set_registration(self._case(), field, value)

    def load(self, force: bool) -> None:
        registration = self._ctx.desk.statistics.registration(self._case())
        for field, binding in self._bindings.items():
            binding.load(getattr(registration, field), force=force)
